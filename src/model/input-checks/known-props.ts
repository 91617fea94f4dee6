/**
 * Props the construct does not know are refused, with the closest known name: in
 * JavaScript (no type checker) a misspelled optional prop would otherwise be ignored
 * without a word. The lists are typed so that a prop added to the interfaces and not here
 * (or the other way round) fails to compile.
 */
import { AuthCertificateInfo, EdgeServerInfo, ExchangeOnlineConnectorInfo, HybridProps } from '../../hybrid';
import { AcmIssuerOptions, AcmPrivateCaOptions, EnterpriseCaOptions, PublicCaOptions } from '../../issuer';
import { ExchangeCertificatePlanProps, ExchangeServerInfo, OrganizationInfo } from '../../props';
import { SingleNameOptions, TwoCertificatesOptions } from '../../strategy';
import { closestName } from '../closest-name';
import { givenOptions } from '../given-options';
import { InputProblems } from '../input-problems';

type KeySet<T> = { readonly [K in keyof Required<T>]: true };

const PLAN_PROPS: KeySet<ExchangeCertificatePlanProps> = {
  exchangeVersion: true,
  organization: true,
  emailDomain: true,
  additionalEmailDomains: true,
  externalHostname: true,
  autodiscoverHostname: true,
  additionalNames: true,
  internalDomain: true,
  servers: true,
  publicIpv4: true,
  publicIpv6: true,
  strategy: true,
  issuer: true,
  services: true,
  keySize: true,
  includeInternalNames: true,
  hostedZones: true,
  dnsTtl: true,
  caaRecords: true,
  additionalCaaIdentifiers: true,
  certificateRequest: true,
  certificateRequests: true,
  plannedIssueDate: true,
  exportPfxForReverseProxy: true,
  rootDomainResponders: true,
  friendlyName: true,
  failOnWarnings: true,
  reviewOutputDir: true,
  replaceDefaultSmtpCertificate: true,
  leaveOutlookAnywhereSecurity: true,
  hybrid: true,
};

const ORGANIZATION_PROPS: KeySet<OrganizationInfo> = { name: true, country: true, state: true, locality: true, organizationalUnit: true };

const SERVER_PROPS: KeySet<ExchangeServerInfo> = { name: true, fqdn: true, ipv4: true };

const HYBRID_PROPS: KeySet<HybridProps> = { sendConnectors: true, receiveConnectors: true, edgeServers: true, authCertificate: true, exchangeOnline: true };
const EDGE_SERVER_PROPS: KeySet<EdgeServerInfo> = { name: true, fqdn: true };
const AUTH_CERTIFICATE_PROPS: KeySet<AuthCertificateInfo> = { thumbprint: true, notAfter: true, rotationDate: true };
const EXCHANGE_ONLINE_PROPS: KeySet<ExchangeOnlineConnectorInfo> = { inboundConnector: true, outboundConnector: true, currentCertificateName: true };

/** The options each factory of CertificateIssuer and CertificateStrategy takes, by factory. */
const FACTORY_OPTIONS: Readonly<Record<string, object>> = {
  acm: { maxNamesPerCertificate: true, existingValidationRecords: true, listenerArns: true } satisfies KeySet<AcmIssuerOptions>,
  publicCa: { caaIdentifier: true, name: true, validityDays: true } satisfies KeySet<PublicCaOptions>,
  acmPrivateCa: { certificateAuthorityArn: true, validityDays: true, signingAlgorithm: true, retainedIssuances: true } satisfies KeySet<AcmPrivateCaOptions>,
  enterpriseCa: { caConfig: true, template: true, validityDays: true, nonDomainClients: true } satisfies KeySet<EnterpriseCaOptions>,
  singleName: { srvForAdditionalDomains: true } satisfies KeySet<SingleNameOptions>,
  twoCertificates: {
    autodiscoverPublicIpv4: true,
    autodiscoverServerIpv4: true,
    autodiscoverPublicIpv6: true,
    webSiteName: true,
    srvForAdditionalDomains: true,
  } satisfies KeySet<TwoCertificatesOptions>,
};

/** Records a problem for every prop of the plan, the organisation, each server and the factories' options that is not known. */
export function checkKnownProps(props: ExchangeCertificatePlanProps, problems: InputProblems): void {
  unknownKeys(problems, '', props, PLAN_PROPS);
  if (props.organization && typeof props.organization === 'object') unknownKeys(problems, 'organization.', props.organization, ORGANIZATION_PROPS);
  if (Array.isArray(props.servers)) {
    props.servers.forEach((s, i) => {
      if (s && typeof s === 'object') unknownKeys(problems, `servers[${i}].`, s, SERVER_PROPS);
    });
  }
  if (isObject(props.hybrid)) unknownHybridKeys(props.hybrid, problems);
  for (const prop of ['issuer', 'strategy'] as const) {
    const given = props[prop] && typeof props[prop] === 'object' ? givenOptions(props[prop]) : undefined;
    const known = given && FACTORY_OPTIONS[given.factory];
    if (known && given.options && typeof given.options === 'object') unknownKeys(problems, `${prop}.`, given.options, known, `${prop === 'issuer' ? 'CertificateIssuer' : 'CertificateStrategy'}.${given.factory}()`);
  }
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function unknownHybridKeys(hybrid: HybridProps, problems: InputProblems): void {
  unknownKeys(problems, 'hybrid.', hybrid, HYBRID_PROPS);
  if (isObject(hybrid.authCertificate)) unknownKeys(problems, 'hybrid.authCertificate.', hybrid.authCertificate, AUTH_CERTIFICATE_PROPS);
  if (isObject(hybrid.exchangeOnline)) unknownKeys(problems, 'hybrid.exchangeOnline.', hybrid.exchangeOnline, EXCHANGE_ONLINE_PROPS);
  if (Array.isArray(hybrid.edgeServers)) {
    hybrid.edgeServers.forEach((e, i) => {
      if (isObject(e)) unknownKeys(problems, `hybrid.edgeServers[${i}].`, e, EDGE_SERVER_PROPS);
    });
  }
}

function unknownKeys(problems: InputProblems, prefix: string, given: object, known: object, owner?: string): void {
  const names = Object.keys(known);
  for (const key of Object.keys(given)) {
    if (names.includes(key)) continue;
    const near = closestName(key, names);
    problems.add(
      `${prefix}${key}`,
      (given as Record<string, unknown>)[key],
      `is not ${owner ? `an option of ${owner}` : `a prop of ${prefix === '' ? 'ExchangeCertificatePlan' : prefix.replace(/\[\d+\]\.$/, '[]').replace(/\.$/, '')}`}${near ? `; did you mean '${near}'?` : ''}`,
      near ? `rename it to '${prefix}${near}'.` : `remove it; the known props are ${names.join(', ')}.`,
    );
  }
}
