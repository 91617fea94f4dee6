/**
 * Checks and normalises the props into `PlanInputs`. Every check records its problems
 * instead of stopping at the first, so one PlanInputError lists all of them; checks that
 * need an earlier value (services need the version) run only when that value is good.
 * Each concern lives in its own file under `input-checks/`; a new prop gets its own
 * small check there, one line here, and its name in `input-checks/known-props.ts` (the
 * compiler insists: unknown props are refused). Nothing here has side effects.
 */
import { CertificateRequest } from '../certificate-request';
import { ExchangeVersion } from '../exchange-version';
import { CertificateIssuer } from '../issuer';
import { ExchangeCertificatePlanProps, RootDomainResponder } from '../props';
import { CertificateStrategy } from '../strategy';
import { PlanInputError } from './errors';
import { checkPublicAddresses } from './input-checks/addresses';
import { checkCaa } from './input-checks/caa';
import { checkPublicNames } from './input-checks/host-names';
import { checkHostedZones, checkNamesInZones } from './input-checks/hosted-zones';
import { checkHybrid, HybridInputs } from './input-checks/hybrid';
import { checkIssuerOptions } from './input-checks/issuer-options';
import { checkKeySize } from './input-checks/key-size';
import { checkKnownProps } from './input-checks/known-props';
import { checkOptionObjects } from './input-checks/option-objects';
import { checkOrganization } from './input-checks/organization';
import { checkDnsTtl, checkFlag, checkFriendlyName, checkPlannedIssueDate } from './input-checks/plain-values';
import { checkRequestSources } from './input-checks/requests';
import { checkRootDomainResponders } from './input-checks/root-domains';
import { checkInternalDomain, checkServers } from './input-checks/servers';
import { checkServices } from './input-checks/services';
import { AutodiscoverSite, checkTwoCertificates } from './input-checks/two-certificates';
import { InputProblems } from './input-problems';
import { PlanInputs } from './types';

/** The normalised inputs plus the option objects the later steps read. */
export interface NormalizedInputs extends PlanInputs {
  readonly version: ExchangeVersion;
  readonly strategyObject: CertificateStrategy;
  readonly issuerObject: CertificateIssuer;
  readonly friendlyNamePrefix: string;
  /** twoCertificates: public address(es) of the Autodiscover site. */
  readonly autodiscoverPublicIpv4?: string;
  readonly autodiscoverPublicIpv6?: string;
  /** twoCertificates: the site's address on each server, by server name. */
  readonly autodiscoverServerIpv4?: Readonly<Record<string, string>>;
  readonly autodiscoverWebSiteName?: string;
  readonly certificateRequest: CertificateRequest;
  readonly certificateRequests: Readonly<Record<string, CertificateRequest>>;
  readonly rootDomainResponders: Readonly<Record<string, RootDomainResponder>>;
  /** `hybrid`, checked; undefined when the plan is not hybrid. */
  readonly hybrid?: HybridInputs;
}

/** Validates the props and returns them normalised. Throws one PlanInputError listing every problem. */
export function normalizeInputs(props: ExchangeCertificatePlanProps): NormalizedInputs {
  if (props === null || typeof props !== 'object') {
    throw new PlanInputError('props', props, 'is not an object.', 'give the props as an object: { exchangeVersion, organization, emailDomain, servers, publicIpv4, strategy, issuer, hostedZones, ... }.');
  }
  const problems = new InputProblems();
  checkKnownProps(props, problems);
  const { version, strategy, issuer } = checkOptionObjects(props, problems);
  const organization = checkOrganization(props.organization, problems);
  const names = checkPublicNames(props, strategy, problems);
  const servers = checkServers(props, problems);
  const internalDomain = checkInternalDomain(props, servers, problems);
  const publicIpv4 = checkPublicAddresses(problems, 'publicIpv4', props.publicIpv4, 4, true);
  const publicIpv6 = checkPublicAddresses(problems, 'publicIpv6', props.publicIpv6 ?? [], 6, false);
  const services = checkServices(props.services, version, problems);
  const keySize = checkKeySize(props.keySize, issuer, problems);
  const includeInternalNames = checkFlag(problems, 'includeInternalNames', props.includeInternalNames, false);
  const hostedZones = checkHostedZones(props.hostedZones, problems);
  const dnsTtl = checkDnsTtl(props.dnsTtl, problems);
  const caa = issuer && checkCaa(props, issuer, problems);
  if (issuer) checkIssuerOptions(issuer, problems);
  const plannedIssueDate = checkPlannedIssueDate(props.plannedIssueDate, problems);
  const friendlyNamePrefix = checkFriendlyName(props.friendlyName, organization?.name, problems);
  const site: AutodiscoverSite | undefined =
    strategy?.kind === 'twoCertificates' && publicIpv4 && publicIpv6 && servers ? checkTwoCertificates(strategy, publicIpv4, publicIpv6, servers, problems) : {};
  const requests = checkRequestSources(props, issuer, problems);
  const rootDomainResponders = names && checkRootDomainResponders(props.rootDomainResponders, [names.emailDomain, ...names.additionalEmailDomains], problems);
  if (names && hostedZones && rootDomainResponders) checkNamesInZones(props, names, hostedZones, rootDomainResponders, problems);
  const exportPfxForReverseProxy = checkFlag(problems, 'exportPfxForReverseProxy', props.exportPfxForReverseProxy, false);
  const hybrid = checkHybrid(props, { version, services, servers, plannedIssueDate }, problems);
  problems.throwIfAny();

  // Every check passed, so every value above is defined.
  return {
    exchangeVersion: version!.name,
    strategy: strategy!.kind,
    issuer: issuer!.kind,
    organization: organization!,
    ...names!,
    internalDomain,
    servers: servers!,
    publicIpv4: publicIpv4!,
    publicIpv6: publicIpv6!,
    services: services!,
    keySize: keySize!,
    includeInternalNames: includeInternalNames!,
    hostedZones: hostedZones!,
    dnsTtl: dnsTtl!,
    caaRecords: caa!.caaRecords,
    caaIdentifiers: caa!.caaIdentifiers,
    plannedIssueDate,
    exportPfxForReverseProxy: exportPfxForReverseProxy!,
    version: version!,
    strategyObject: strategy!,
    issuerObject: issuer!,
    friendlyNamePrefix: friendlyNamePrefix!,
    ...site!,
    certificateRequest: requests!.certificateRequest,
    certificateRequests: requests!.certificateRequests,
    rootDomainResponders: rootDomainResponders!,
    ...(hybrid ? { hybrid } : {}),
  };
}
