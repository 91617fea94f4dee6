/**
 * Props the construct does not know are refused, with the closest known name: in
 * JavaScript (no type checker) a misspelled optional prop would otherwise be ignored
 * without a word. The lists are typed so that a prop added to the interfaces and not here
 * (or the other way round) fails to compile.
 */
import { ExchangeCertificatePlanProps, ExchangeServerInfo, OrganizationInfo } from '../../props';
import { closestName } from '../closest-name';
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
};

const ORGANIZATION_PROPS: KeySet<OrganizationInfo> = { name: true, country: true, state: true, locality: true, organizationalUnit: true };

const SERVER_PROPS: KeySet<ExchangeServerInfo> = { name: true, fqdn: true, ipv4: true };

/** Records a problem for every prop of the plan, the organisation and each server that is not known. */
export function checkKnownProps(props: ExchangeCertificatePlanProps, problems: InputProblems): void {
  unknownKeys(problems, '', props, PLAN_PROPS);
  if (props.organization && typeof props.organization === 'object') unknownKeys(problems, 'organization.', props.organization, ORGANIZATION_PROPS);
  if (Array.isArray(props.servers)) {
    props.servers.forEach((s, i) => {
      if (s && typeof s === 'object') unknownKeys(problems, `servers[${i}].`, s, SERVER_PROPS);
    });
  }
}

function unknownKeys(problems: InputProblems, prefix: string, given: object, known: object): void {
  const names = Object.keys(known);
  for (const key of Object.keys(given)) {
    if (names.includes(key)) continue;
    const near = closestName(key, names);
    problems.add(
      `${prefix}${key}`,
      (given as Record<string, unknown>)[key],
      `is not a prop of ${prefix === '' ? 'ExchangeCertificatePlan' : prefix.replace(/\[\d+\]\.$/, '[]').replace(/\.$/, '')}${near ? `; did you mean '${near}'?` : ''}`,
      near ? `rename it to '${prefix}${near}'.` : `remove it; the known props are ${names.join(', ')}.`,
    );
  }
}
