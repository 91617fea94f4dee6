/**
 * `plan.hybrid`: what binding and renewal must do in a hybrid organisation so mail flow with
 * Exchange Online keeps working. Built from the checked `hybrid` props and the planned
 * certificates; undefined when the plan is not hybrid. Pure: no cdktf, no I/O, no clock.
 */
import { ExchangeService } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { clientAuthEkuChange } from './client-auth-eku';
import { AUTH_ROTATION_HOURS, HybridInputs, shiftDays } from './input-checks/hybrid';
import { NormalizedInputs } from './inputs';
import { compareText } from './names';
import {
  HybridCertificateSelection,
  HybridPinChange,
  PlannedAuthCertificate,
  PlannedCertificate,
  PlannedExchangeOnline,
  PlannedHybrid,
  PlannedHybridCertificate,
  PlannedHybridConnector,
  PlannedHybridOutbound,
  PlannedSubject,
} from './types';

/** The Auth certificate's rotation starts this many days before it expires, unless a date is given. */
export const AUTH_ROTATE_DAYS_BEFORE_EXPIRY = 60;
/** The Hybrid Configuration Wizard names its on-premises Send connector "Outbound to Office 365 - <guid>". */
export const WIZARD_SEND_CONNECTOR_PREFIX = 'Outbound to Office 365';
/** The identity the hybrid configuration goes by in the plan. */
export const HYBRID_CONFIGURATION_IDENTITY = 'HybridConfiguration';

/** The hybrid part of the plan, or undefined when the plan is not hybrid. */
export function planHybrid(inputs: NormalizedInputs, certificates: readonly PlannedCertificate[]): PlannedHybrid | undefined {
  const hybrid = inputs.hybrid;
  if (!hybrid) return undefined;
  // The input check refused hybrid without SMTP, so a certificate enabled for SMTP exists.
  const smtp = certificates.find((c) => c.services.includes(ExchangeService.SMTP))!;
  const selection: HybridCertificateSelection = inputs.version.atLeast(ExchangeVersion.EXCHANGE_2013) ? 'tlsCertificateName' : 'connectorFqdn';
  const certificate = hybridCertificate(inputs, smtp);
  return {
    selection,
    certificate,
    connectors: hybridConnectors(hybrid, selection),
    discovery: {
      hybridConfiguration: true,
      sendConnectorsPinningOldCertificate: selection === 'tlsCertificateName',
      receiveConnectorsPinningOldCertificate: selection === 'tlsCertificateName',
      wizardSendConnectorPrefix: WIZARD_SEND_CONNECTOR_PREFIX,
    },
    edgeServers: [...hybrid.edgeServers].sort((a, b) => compareText(a.name, b.name)),
    ...(selection === 'tlsCertificateName' ? { authCertificate: authCertificate(hybrid) } : {}),
    exchangeOnline: exchangeOnline(hybrid, smtp, certificate.domain),
    outbound: outbound(inputs, smtp),
    versionNotes: versionNotes(inputs.version),
  };
}

function hybridCertificate(inputs: NormalizedInputs, smtp: PlannedCertificate): PlannedHybridCertificate {
  const privateIssuer = inputs.issuerObject.kind === 'enterpriseCa' || inputs.issuerObject.kind === 'acmPrivateCa';
  return {
    certificateId: smtp.id,
    domain: smtp.names[0],
    tlsCertificateNameFrom: 'issuedCertificate',
    ...(privateIssuer ? { expectedSubject: subjectAsExchangeShowsIt(smtp.subject) } : {}),
    issuerMayChangeAtRenewal: inputs.issuerObject.publiclyTrusted,
  };
}

/** Windows shows a subject most specific first: 'CN=mail.contoso.com, OU=IT, O=Contoso Inc, L=Redmond, S=WA, C=US'. */
export function subjectAsExchangeShowsIt(s: PlannedSubject): string {
  const parts: [string, string | undefined][] = [
    ['CN', s.commonName],
    ['OU', s.organizationalUnit],
    ['O', s.organization],
    ['L', s.locality],
    ['S', s.state],
    ['C', s.country],
  ];
  return parts
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function hybridConnectors(hybrid: HybridInputs, selection: HybridCertificateSelection): PlannedHybridConnector[] {
  const change: HybridPinChange = selection === 'tlsCertificateName' ? 'repinWhenChanged' : 'nothingPinned';
  const edge = new Set(hybrid.edgeServers.map((e) => e.name));
  const send: PlannedHybridConnector[] = [...hybrid.sendConnectors]
    .sort(compareText)
    .map((identity) => ({ kind: 'sendConnector', identity, onEdgeServer: false, source: 'declared', atThisStep: change, atRenewal: change }));
  const receive: PlannedHybridConnector[] = [...hybrid.receiveConnectors]
    .sort((a, b) => compareText(a.identity, b.identity))
    .map((r) => ({ kind: 'receiveConnector', identity: r.identity, server: r.server, onEdgeServer: edge.has(r.server), source: 'declared', atThisStep: change, atRenewal: change }));
  // Set-HybridConfiguration -TlsCertificateName exists from 2013; on 2010 the hybrid configuration pins nothing.
  const configuration: PlannedHybridConnector[] =
    selection === 'tlsCertificateName'
      ? [{ kind: 'hybridConfiguration', identity: HYBRID_CONFIGURATION_IDENTITY, onEdgeServer: false, source: 'always', atThisStep: change, atRenewal: change }]
      : [];
  return [...configuration, ...receive, ...send];
}

function authCertificate(hybrid: HybridInputs): PlannedAuthCertificate {
  const given = hybrid.authCertificate ?? {};
  const rotationDate = given.rotationDate ?? (given.notAfter ? shiftDays(given.notAfter, -AUTH_ROTATE_DAYS_BEFORE_EXPIRY) : undefined);
  return {
    ...(given.thumbprint ? { thumbprint: given.thumbprint } : {}),
    ...(given.notAfter ? { notAfter: given.notAfter } : {}),
    ...(rotationDate ? { rotationDate } : {}),
    rotationDateFrom: given.rotationDate ? 'prop' : given.notAfter ? 'beforeExpiry' : 'none',
    rotateDaysBeforeExpiry: AUTH_ROTATE_DAYS_BEFORE_EXPIRY,
    minimumHoursBetweenRuns: AUTH_ROTATION_HOURS,
  };
}

function exchangeOnline(hybrid: HybridInputs, smtp: PlannedCertificate, domain: string): PlannedExchangeOnline {
  const eo = hybrid.exchangeOnline;
  const current = eo.currentCertificateName;
  return {
    ...(eo.inboundConnector ? { inboundConnector: eo.inboundConnector } : {}),
    ...(eo.outboundConnector ? { outboundConnector: eo.outboundConnector } : {}),
    certificateName: current !== undefined && smtp.names.includes(current) ? current : domain,
    ...(current !== undefined ? { currentCertificateName: current } : {}),
    atThisStep: current === undefined ? 'runToCheck' : smtp.names.includes(current) ? 'noChange' : 'change',
    // Renewals request the same names, so the names Exchange Online checks stay.
    atRenewal: 'noChange',
  };
}

function outbound(inputs: NormalizedInputs, smtp: PlannedCertificate): PlannedHybridOutbound {
  const change = inputs.issuerObject.publiclyTrusted ? clientAuthEkuChange(inputs.issuerObject.caaIdentifier) : undefined;
  return {
    toExchangeOnlineCertificateId: smtp.id,
    toOtherDomains: 'connectorFqdnOrDefault',
    ...(change
      ? {
          clientAuthEkuChange: change,
          clientAuthEkuMissingFrom: inputs.plannedIssueDate === undefined ? 'unknown' : inputs.plannedIssueDate >= change.from ? 'thisIssue' : 'laterRenewal',
        }
      : {}),
  };
}

function versionNotes(version: ExchangeVersion): string[] {
  if (version.atLeast(ExchangeVersion.EXCHANGE_2013)) {
    return [
      `${version.displayName} pins the hybrid SMTP certificate by issuer and subject (TlsCertificateName '<I>issuer<S>subject') on the hybrid Send and Receive connectors and the hybrid configuration; a renewal with another issuer or subject must re-pin them, one with the same issuer and subject changes nothing.`,
    ];
  }
  return [
    `${version.displayName} has no TlsCertificateName on connectors or the hybrid configuration: STARTTLS uses the valid certificate enabled for SMTP whose names match the connector's FQDN, the newest one winning. At renewal the connector's FQDN must be on the new certificate; once the new certificate is enabled for SMTP it wins, and removing the old one after the check leaves no doubt.`,
  ];
}
