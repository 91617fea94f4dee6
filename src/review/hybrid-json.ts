/**
 * plan.json's `hybrid` object (schemaVersion 3): `plan.hybrid` as data, every declared
 * connector listed, with the review's sentences beside the values (`text` fields) and the
 * Exchange Online script's path when the scripts include one. Fixed key order.
 */
import { ExchangePlan } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { authCertificateFacts, clientAuthEkuText, defaultSmtpText, discoveryText, exchangeOnlineScript, exchangeOnlineWhen, outboundText, pinChangeText } from './hybrid-facts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function opt<K extends string, V extends Json>(key: K, value: V | undefined): { [k in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };
}

/** The `hybrid` object, or undefined when the plan is not hybrid (plan.json then has no `hybrid`). */
export function hybridJson(plan: ExchangePlan, files: readonly GeneratedFile[]): { [key: string]: Json } | undefined {
  const h = plan.hybrid;
  if (!h) return undefined;
  const script = exchangeOnlineScript(files);
  const scriptName = script ? script.path : 'the Exchange Online script';
  const outbound = outboundText(plan, h);
  const eo = h.exchangeOnline;
  const auth = h.authCertificate;
  const change = h.outbound.clientAuthEkuChange;
  return {
    selection: h.selection,
    certificate: {
      certificateId: h.certificate.certificateId,
      domain: h.certificate.domain,
      tlsCertificateNameFrom: h.certificate.tlsCertificateNameFrom,
      ...opt('expectedSubject', h.certificate.expectedSubject),
      issuerMayChangeAtRenewal: h.certificate.issuerMayChangeAtRenewal,
    },
    defaultSmtpCertificate: { replaced: plan.serverSettings.replaceDefaultSmtpCertificate, text: defaultSmtpText(plan) },
    connectors: h.connectors.map((c) => ({
      kind: c.kind,
      identity: c.identity,
      ...opt('server', c.server),
      onEdgeServer: c.onEdgeServer,
      source: c.source,
      atThisStep: c.atThisStep,
      atRenewal: c.atRenewal,
      atThisStepText: pinChangeText(c.atThisStep, 'step'),
      atRenewalText: pinChangeText(c.atRenewal),
    })),
    discovery: { ...h.discovery, text: discoveryText(plan, h) },
    edgeServers: h.edgeServers.map((e) => ({ name: e.name, fqdn: e.fqdn })),
    ...opt(
      'authCertificate',
      auth && {
        ...opt('thumbprint', auth.thumbprint),
        ...opt('notAfter', auth.notAfter),
        ...opt('rotationDate', auth.rotationDate),
        rotationDateFrom: auth.rotationDateFrom,
        rotateDaysBeforeExpiry: auth.rotateDaysBeforeExpiry,
        minimumHoursBetweenRuns: auth.minimumHoursBetweenRuns,
        text: authCertificateFacts(auth).map(([k, v]) => `${k}: ${v.replace(/\.$/, '')}.`).join(' '),
      },
    ),
    exchangeOnline: {
      ...opt('inboundConnector', eo.inboundConnector),
      ...opt('outboundConnector', eo.outboundConnector),
      certificateName: eo.certificateName,
      ...opt('currentCertificateName', eo.currentCertificateName),
      atThisStep: eo.atThisStep,
      atRenewal: eo.atRenewal,
      ...opt('script', script?.path),
      atThisStepText: exchangeOnlineWhen(eo.atThisStep, 'step', scriptName),
      atRenewalText: exchangeOnlineWhen(eo.atRenewal, 'renewal', scriptName),
    },
    outbound: {
      toExchangeOnlineCertificateId: h.outbound.toExchangeOnlineCertificateId,
      toOtherDomains: h.outbound.toOtherDomains,
      ...opt('clientAuthEkuChange', change && { ca: change.ca, from: change.from, scope: change.scope, source: change.source }),
      ...opt('clientAuthEkuMissingFrom', h.outbound.clientAuthEkuMissingFrom),
      toExchangeOnlineText: outbound.toExchangeOnline,
      toOtherDomainsText: outbound.toOtherDomains,
      clientAuthEkuText: clientAuthEkuText(plan, h),
    },
    versionNotes: [...h.versionNotes],
  };
}
