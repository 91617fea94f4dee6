/**
 * Checks and normalises the props into `PlanInputs`. Every refusal is a PlanInputError
 * naming the prop and the value; nothing here has side effects.
 */
import { CertificateRequest } from '../certificate-request';
import { ExchangeService, ALL_SERVICES } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { CertificateIssuer } from '../issuer';
import { ExchangeCertificatePlanProps, RootDomainResponder } from '../props';
import { CertificateStrategy } from '../strategy';
import { PlanInputError } from './errors';
import { parseHostedZoneId } from './hosted-zone-id';
import { defaultCaaRecords } from './rules/caa-conflict';
import { canonicalIpv6, ipv4NotPublicReason, ipv6NotPublicReason, parseIpv4 } from './ip';
import { compareText, normalizeHostname } from './names';
import { PlanInputs } from './types';

const KEY_SIZES = [2048, 3072, 4096];
const NETBIOS = /^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;
/** Characters a certificate subject field may not hold (control characters). */
const CONTROL = /[\u0000-\u001f\u007f]/;

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
}

/** Validates the props and returns them normalised. Throws PlanInputError. */
export function normalizeInputs(props: ExchangeCertificatePlanProps): NormalizedInputs {
  if (props === null || typeof props !== 'object') {
    throw new PlanInputError('props', props, 'must be an object.');
  }
  const version = props.exchangeVersion;
  if (!(version instanceof ExchangeVersion)) {
    throw new PlanInputError('exchangeVersion', version, 'must be one of ExchangeVersion.EXCHANGE_2007 ... EXCHANGE_SE.');
  }
  if (!(props.strategy instanceof CertificateStrategy)) {
    throw new PlanInputError('strategy', props.strategy, 'must come from CertificateStrategy.sanCertificate(), singleName(), twoCertificates() or srvRecord().');
  }
  if (!(props.issuer instanceof CertificateIssuer)) {
    throw new PlanInputError('issuer', props.issuer, 'must come from CertificateIssuer.acm(), publicCa(), acmPrivateCa() or enterpriseCa().');
  }
  const strategy = props.strategy;
  const issuer = props.issuer;

  const organization = normalizeOrganization(props.organization);

  const emailDomain = normalizeHostname('emailDomain', props.emailDomain, { requirePublic: true });
  const additionalEmailDomains = (props.additionalEmailDomains ?? []).map((d, i) =>
    normalizeHostname(`additionalEmailDomains[${i}]`, d, { requirePublic: true }),
  );
  rejectDuplicates('additionalEmailDomains', [emailDomain, ...additionalEmailDomains], 'emailDomain');

  const autodiscoverHostname =
    props.autodiscoverHostname === undefined
      ? `autodiscover.${emailDomain}`
      : normalizeHostname('autodiscoverHostname', props.autodiscoverHostname, { requirePublic: true });
  let externalHostname: string;
  if (strategy.kind === 'singleName') {
    if (props.externalHostname !== undefined) {
      const given = normalizeHostname('externalHostname', props.externalHostname, { requirePublic: true });
      if (given !== autodiscoverHostname) {
        throw new PlanInputError(
          'externalHostname',
          props.externalHostname,
          `singleName() uses the one name '${autodiscoverHostname}' for every service, so the external host name cannot differ from autodiscoverHostname.`,
          'leave externalHostname out, or use sanCertificate() / twoCertificates() to keep a separate mail host name.',
        );
      }
    }
    externalHostname = autodiscoverHostname;
  } else {
    externalHostname =
      props.externalHostname === undefined
        ? `mail.${emailDomain}`
        : normalizeHostname('externalHostname', props.externalHostname, { requirePublic: true });
    if (externalHostname === autodiscoverHostname) {
      throw new PlanInputError(
        'externalHostname',
        props.externalHostname ?? externalHostname,
        `equals autodiscoverHostname; with ${strategy.kind}() they are two names.`,
        'use CertificateStrategy.singleName() for a one-name layout.',
      );
    }
  }

  const additionalNames = (props.additionalNames ?? []).map((n, i) =>
    normalizeHostname(`additionalNames[${i}]`, n, { allowWildcard: true, requirePublic: true }),
  );
  rejectDuplicates('additionalNames', [...new Set([externalHostname, autodiscoverHostname]), ...additionalNames], 'additionalNames, externalHostname and autodiscoverHostname');

  const internalDomain =
    props.internalDomain === undefined ? undefined : normalizeHostname('internalDomain', props.internalDomain, { allowSingleLabel: false });

  if (!Array.isArray(props.servers) || props.servers.length === 0) {
    throw new PlanInputError('servers', props.servers, 'must list at least one Client Access server.');
  }
  const servers = props.servers.map((s, i) => {
    if (!s || typeof s !== 'object') throw new PlanInputError(`servers[${i}]`, s, 'must be { name, fqdn }.');
    if (typeof s.name !== 'string' || !NETBIOS.test(s.name)) {
      throw new PlanInputError(`servers[${i}].name`, s.name, 'is not a NetBIOS computer name (1-15 letters, digits or hyphens, not starting with a hyphen).');
    }
    const fqdn = normalizeHostname(`servers[${i}].fqdn`, s.fqdn);
    if (fqdn.split('.')[0] !== s.name.toLowerCase()) {
      throw new PlanInputError(`servers[${i}].fqdn`, s.fqdn, `does not start with the server's name '${s.name}'.`);
    }
    let ipv4: string | undefined;
    if (s.ipv4 !== undefined) {
      if (!parseIpv4(s.ipv4)) throw new PlanInputError(`servers[${i}].ipv4`, s.ipv4, 'is not an IPv4 address.');
      ipv4 = s.ipv4;
    }
    return { name: s.name.toUpperCase(), fqdn, ...(ipv4 ? { ipv4 } : {}) };
  });
  rejectDuplicates('servers', servers.map((s) => s.name), 'servers[].name');
  rejectDuplicates('servers', servers.map((s) => s.fqdn), 'servers[].fqdn');

  const publicIpv4 = checkAddresses('publicIpv4', props.publicIpv4, 4, true);
  const publicIpv6 = checkAddresses('publicIpv6', props.publicIpv6 ?? [], 6, false);

  const services = checkServices(props.services, version);

  const keySize = props.keySize ?? 2048;
  if (!KEY_SIZES.includes(keySize)) {
    throw new PlanInputError(
      'keySize',
      props.keySize,
      keySize < 2048
        ? 'is too short: the CA/Browser Forum Baseline Requirements and every current CA require RSA keys of at least 2048 bits (the 2007-era 1024 is refused).'
        : 'is not a key size Exchange requests: use 2048, 3072 or 4096.',
    );
  }

  if (issuer.kind === 'acm' && keySize !== 2048) {
    throw new PlanInputError('keySize', props.keySize, 'is not available from ACM, which issues public certificates with RSA 2048 (or ECDSA) keys only.', 'leave keySize at 2048 with CertificateIssuer.acm().');
  }

  const includeInternalNames = props.includeInternalNames ?? false;
  if (typeof includeInternalNames !== 'boolean') {
    throw new PlanInputError('includeInternalNames', props.includeInternalNames, 'must be true or false.');
  }

  const hostedZones = checkZones(props.hostedZones);

  const dnsTtl = props.dnsTtl ?? 300;
  if (!Number.isInteger(dnsTtl) || dnsTtl < 0 || dnsTtl > 2147483647) {
    throw new PlanInputError('dnsTtl', props.dnsTtl, 'must be a whole number of seconds from 0 to 2147483647.');
  }

  const caaRecords = props.caaRecords ?? defaultCaaRecords(issuer, props.additionalCaaIdentifiers);
  if (caaRecords && !issuer.caaIdentifier) {
    throw new PlanInputError('caaRecords', props.caaRecords, `is true but the issuer (${issuer.displayName}) has no CAA identifier.`, 'give publicCa({ caaIdentifier }) or leave caaRecords out.');
  }
  const caaIdentifiers = caaRecords
    ? [
        normalizeHostname('issuer.caaIdentifier', issuer.caaIdentifier),
        ...(props.additionalCaaIdentifiers ?? []).map((c, i) => normalizeHostname(`additionalCaaIdentifiers[${i}]`, c)),
      ]
    : [];
  rejectDuplicates('additionalCaaIdentifiers', caaIdentifiers, 'the issuer\'s CAA identifier and additionalCaaIdentifiers');
  if (!caaRecords && props.additionalCaaIdentifiers !== undefined && props.additionalCaaIdentifiers.length > 0) {
    throw new PlanInputError('additionalCaaIdentifiers', props.additionalCaaIdentifiers, 'is given but the plan makes no CAA records (caaRecords is false or the issuer has no CAA identifier).');
  }
  checkIssuer(issuer);

  let plannedIssueDate: string | undefined;
  if (props.plannedIssueDate !== undefined) {
    if (typeof props.plannedIssueDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(props.plannedIssueDate) || Number.isNaN(Date.parse(`${props.plannedIssueDate}T00:00:00Z`)) || new Date(`${props.plannedIssueDate}T00:00:00Z`).toISOString().slice(0, 10) !== props.plannedIssueDate) {
      throw new PlanInputError('plannedIssueDate', props.plannedIssueDate, 'must be a calendar date YYYY-MM-DD.');
    }
    plannedIssueDate = props.plannedIssueDate;
  }

  const friendlyNamePrefix = props.friendlyName ?? organization.name.replace(/[^A-Za-z0-9]+/g, '');
  if (typeof friendlyNamePrefix !== 'string' || friendlyNamePrefix.length === 0 || friendlyNamePrefix.length > 48 || CONTROL.test(friendlyNamePrefix)) {
    throw new PlanInputError('friendlyName', props.friendlyName ?? friendlyNamePrefix, 'must be 1 to 48 printable characters (Exchange limits friendly names to 63, and the plan adds a suffix).');
  }

  // twoCertificates options
  let autodiscoverPublicIpv4: string | undefined;
  let autodiscoverPublicIpv6: string | undefined;
  let autodiscoverServerIpv4: Record<string, string> | undefined;
  let autodiscoverWebSiteName: string | undefined;
  if (strategy.kind === 'twoCertificates') {
    const o = strategy.twoCertificatesOptions!;
    autodiscoverPublicIpv4 = checkAddresses('strategy.autodiscoverPublicIpv4', [o.autodiscoverPublicIpv4], 4, true, o.autodiscoverPublicIpv4)[0];
    if (publicIpv4.includes(autodiscoverPublicIpv4)) {
      throw new PlanInputError(
        'strategy.autodiscoverPublicIpv4',
        o.autodiscoverPublicIpv4,
        'is also in publicIpv4; the Autodiscover web site needs its own address, or clients get the mail certificate for the autodiscover name.',
        'give the second site its own public address, or use sanCertificate() / srvRecord().',
      );
    }
    if (o.autodiscoverPublicIpv6 !== undefined) {
      autodiscoverPublicIpv6 = checkAddresses('strategy.autodiscoverPublicIpv6', [o.autodiscoverPublicIpv6], 6, true, o.autodiscoverPublicIpv6)[0];
      if (publicIpv6.includes(autodiscoverPublicIpv6)) {
        throw new PlanInputError('strategy.autodiscoverPublicIpv6', o.autodiscoverPublicIpv6, 'is also in publicIpv6; the Autodiscover web site needs its own address.');
      }
    }
    const list = typeof o.autodiscoverServerIpv4 === 'string' ? [o.autodiscoverServerIpv4] : [...(o.autodiscoverServerIpv4 ?? [])];
    if (list.length !== servers.length) {
      throw new PlanInputError('strategy.autodiscoverServerIpv4', o.autodiscoverServerIpv4, `must give one address per server (${servers.length}), in the order of servers.`);
    }
    autodiscoverServerIpv4 = {};
    list.forEach((ip, i) => {
      if (!parseIpv4(ip)) throw new PlanInputError(`strategy.autodiscoverServerIpv4[${i}]`, ip, 'is not an IPv4 address.');
      if (servers[i].ipv4 === ip) {
        throw new PlanInputError(`strategy.autodiscoverServerIpv4[${i}]`, ip, `is the server's own address (servers[${i}].ipv4); the second site needs a second address so it can hold its own certificate.`);
      }
      autodiscoverServerIpv4![servers[i].name] = ip;
    });
    rejectDuplicates('strategy.autodiscoverServerIpv4', list, 'strategy.autodiscoverServerIpv4');
    autodiscoverWebSiteName = o.webSiteName ?? 'AutoDiscover';
    if (typeof autodiscoverWebSiteName !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(autodiscoverWebSiteName) || autodiscoverWebSiteName.toLowerCase() === 'default web site') {
      throw new PlanInputError('strategy.webSiteName', o.webSiteName, "must be a new IIS site name of letters, digits, spaces, '.', '_' or '-' (not 'Default Web Site').");
    }
  }

  const certificateRequest = props.certificateRequest ?? CertificateRequest.onServer();
  if (!(certificateRequest instanceof CertificateRequest)) {
    throw new PlanInputError('certificateRequest', props.certificateRequest, 'must come from CertificateRequest.onServer(), fromFile() or generateLocally().');
  }
  const certificateRequests: Record<string, CertificateRequest> = {};
  for (const [id, req] of Object.entries(props.certificateRequests ?? {})) {
    if (!(req instanceof CertificateRequest)) {
      throw new PlanInputError(`certificateRequests.${id}`, req, 'must come from CertificateRequest.onServer(), fromFile() or generateLocally().');
    }
    certificateRequests[id] = req;
  }

  if (issuer.kind === 'acm') {
    const withCsr = [['certificateRequest', certificateRequest] as const, ...Object.entries(certificateRequests).map(([id, r]) => [`certificateRequests.${id}`, r] as const)].find(([, r]) => r.kind !== 'onServer');
    if (withCsr) {
      throw new PlanInputError(withCsr[0], withCsr[1].kind, 'cannot be used with CertificateIssuer.acm(): ACM public certificates are requested by name and never signed from a CSR.', 'leave the request source out (ACM), or use acmPrivateCa() / publicCa() for a request of your own.');
    }
  }

  const rootDomainResponders: Record<string, RootDomainResponder> = {};
  for (const [domain, responder] of Object.entries(props.rootDomainResponders ?? {})) {
    const d = normalizeHostname(`rootDomainResponders['${domain}']`, domain);
    if (![emailDomain, ...additionalEmailDomains].includes(d)) {
      throw new PlanInputError(`rootDomainResponders['${domain}']`, domain, 'is not one of the email domains.');
    }
    if (!(responder instanceof RootDomainResponder)) {
      throw new PlanInputError(`rootDomainResponders['${domain}']`, responder, 'must come from RootDomainResponder.nothing(), webSiteWithValidCertificate(), webSiteWithOtherCertificate() or exchange().');
    }
    rootDomainResponders[d] = responder;
  }

  const zoneNames = Object.keys(hostedZones);
  const apexProp = (prop: string, value: string, given: unknown) => {
    if (zoneNames.includes(value) && rootDomainResponders[value]?.kind !== 'exchange') {
      throw new PlanInputError(
        prop,
        given,
        `is the apex of the hosted zone ${value}: an A record there would take the name from the public web site (and usually exists already).`,
        `use a host name under it (mail.${value}); if the bare domain really points at Exchange, declare rootDomainResponders: { '${value}': RootDomainResponder.exchange() } and list it in additionalNames.`,
      );
    }
  };
  apexProp('externalHostname', externalHostname, props.externalHostname);
  apexProp('autodiscoverHostname', autodiscoverHostname, props.autodiscoverHostname);
  additionalNames.forEach((n, i) => {
    apexProp(`additionalNames[${i}]`, n, props.additionalNames![i]);
    const apex = n.replace(/^\*\./, '');
    if (!zoneNames.some((z) => apex === z || apex.endsWith(`.${z}`))) {
      throw new PlanInputError(`additionalNames[${i}]`, props.additionalNames![i], `is in no hosted zone of hostedZones (${zoneNames.join(', ')}); the plan must publish its records and CAA there.`, `add the Route53 zone of '${apex}' to hostedZones.`);
    }
  });

  const exportPfxForReverseProxy = props.exportPfxForReverseProxy ?? false;

  return {
    exchangeVersion: version.name,
    strategy: strategy.kind,
    issuer: issuer.kind,
    organization,
    emailDomain,
    additionalEmailDomains,
    externalHostname,
    autodiscoverHostname,
    additionalNames,
    internalDomain,
    servers,
    publicIpv4,
    publicIpv6,
    services,
    keySize,
    includeInternalNames,
    hostedZones,
    dnsTtl,
    caaRecords,
    caaIdentifiers,
    plannedIssueDate,
    exportPfxForReverseProxy,
    version,
    strategyObject: strategy,
    issuerObject: issuer,
    friendlyNamePrefix,
    autodiscoverPublicIpv4,
    autodiscoverPublicIpv6,
    autodiscoverServerIpv4,
    autodiscoverWebSiteName,
    certificateRequest,
    certificateRequests,
    rootDomainResponders,
  };
}

function normalizeOrganization(org: ExchangeCertificatePlanProps['organization']): PlanInputs['organization'] {
  if (!org || typeof org !== 'object') {
    throw new PlanInputError('organization', org, "must be { name, country } (state, locality optional).");
  }
  const field = (key: 'name' | 'state' | 'locality' | 'organizationalUnit', required: boolean): string | undefined => {
    const v = org[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v.trim().length === 0) {
      throw new PlanInputError(`organization.${key}`, v, 'must be a non-empty string.');
    }
    if (v !== v.trim()) throw new PlanInputError(`organization.${key}`, v, 'has leading or trailing white space.');
    if (CONTROL.test(v)) throw new PlanInputError(`organization.${key}`, v, 'contains control characters or line breaks, which a certificate subject cannot hold.');
    if (v.length > 64) throw new PlanInputError(`organization.${key}`, v, `is ${v.length} characters; X.520 allows at most 64 in a subject field.`);
    return v;
  };
  const name = field('name', true)!;
  if (typeof org.country !== 'string' || !/^[A-Z]{2}$/.test(org.country)) {
    throw new PlanInputError('organization.country', org.country, "must be a two-letter ISO 3166 country code in capitals, like 'US'.");
  }
  const state = field('state', false);
  const locality = field('locality', false);
  const organizationalUnit = field('organizationalUnit', false);
  return {
    name,
    country: org.country,
    ...(state ? { state } : {}),
    ...(locality ? { locality } : {}),
    ...(organizationalUnit ? { organizationalUnit } : {}),
  };
}

function checkAddresses(prop: string, list: readonly string[] | undefined, family: 4 | 6, required: boolean, shown?: unknown): string[] {
  if (!Array.isArray(list)) throw new PlanInputError(prop, list, `must be a list of public IPv${family} addresses.`);
  if (required && list.length === 0) {
    throw new PlanInputError(prop, list, `must hold at least one public IPv${family} address for the external names to point at.`);
  }
  const out = list.map((ip, i) => {
    const p = shown === undefined ? `${prop}[${i}]` : prop;
    const why = family === 4 ? ipv4NotPublicReason(ip) : ipv6NotPublicReason(ip);
    if (why) {
      throw new PlanInputError(
        p,
        shown ?? ip,
        `${why}; external DNS must point at an address reachable from the internet.`,
        'give the public address of the firewall, NAT or load balancer in front of the servers (internal addresses belong in servers[].ipv4).',
      );
    }
    return family === 6 ? canonicalIpv6(ip) : ip;
  });
  rejectDuplicates(prop, out, prop);
  return out;
}

function checkServices(given: readonly ExchangeService[] | undefined, version: ExchangeVersion): ExchangeService[] {
  const list = given ?? [ExchangeService.IIS, ExchangeService.SMTP];
  if (!Array.isArray(list) || list.length === 0) {
    throw new PlanInputError('services', given, 'must list at least one service (IIS for client access).');
  }
  list.forEach((s, i) => {
    if (!ALL_SERVICES.includes(s)) {
      throw new PlanInputError(`services[${i}]`, s, `is not an Exchange certificate service; use ${ALL_SERVICES.join(', ')}.`);
    }
    if (!version.services.includes(s)) {
      throw new PlanInputError(
        `services[${i}]`,
        s,
        `does not exist on ${version.displayName}${s === ExchangeService.UM ? ' (Unified Messaging was removed in Exchange 2019)' : ''}; it accepts ${version.services.join(', ')}.`,
      );
    }
  });
  rejectDuplicates('services', list, 'services');
  return ALL_SERVICES.filter((s) => list.includes(s));
}

function checkZones(zones: ExchangeCertificatePlanProps['hostedZones']): Record<string, string> {
  if (!zones || typeof zones !== 'object' || Object.keys(zones).length === 0) {
    throw new PlanInputError('hostedZones', zones, 'must map at least one zone name to its Route53 hosted zone id.');
  }
  const out: Record<string, string> = {};
  for (const [name, id] of Object.entries(zones)) {
    const zone = normalizeHostname(`hostedZones['${name}']`, name, { requirePublic: true });
    const zoneId = parseHostedZoneId(`hostedZones['${name}']`, id);
    if (out[zone] !== undefined) throw new PlanInputError(`hostedZones['${name}']`, name, 'names the same zone twice.');
    out[zone] = zoneId;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareText(a, b)));
}

function checkIssuer(issuer: CertificateIssuer): void {
  if (issuer.maxNamesPerCertificate !== undefined) {
    const n = issuer.maxNamesPerCertificate;
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      throw new PlanInputError('issuer.maxNamesPerCertificate', n, 'must be a whole number from 1 to 100 (ACM allows at most 100 names per certificate).');
    }
  }
  if (issuer.validityDays !== undefined && (!Number.isInteger(issuer.validityDays) || issuer.validityDays < 1 || issuer.validityDays > 3650)) {
    throw new PlanInputError('issuer.validityDays', issuer.validityDays, 'must be a whole number of days from 1 to 3650.');
  }
  const pca = issuer.acmPrivateCaOptions;
  if (pca && (typeof pca.certificateAuthorityArn !== 'string' || !/^arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\d{12}:certificate-authority\/[0-9a-f-]{36}$/.test(pca.certificateAuthorityArn))) {
    throw new PlanInputError('issuer.certificateAuthorityArn', pca.certificateAuthorityArn, 'is not an ACM Private CA ARN (arn:aws:acm-pca:<region>:<account>:certificate-authority/<uuid>).');
  }
  const ent = issuer.enterpriseCaOptions;
  if (ent) {
    if (typeof ent.caConfig !== 'string' || !/^[A-Za-z0-9.-]+\\[^\\\u0000-\u001f"]+$/.test(ent.caConfig)) {
      throw new PlanInputError('issuer.caConfig', ent.caConfig, "must be '<CA host FQDN>\\<CA common name>' as certutil -dump shows it.");
    }
    if (ent.template !== undefined && (typeof ent.template !== 'string' || !/^[A-Za-z0-9 _.-]{1,64}$/.test(ent.template))) {
      throw new PlanInputError('issuer.template', ent.template, 'must be a certificate template name of letters, digits, spaces, dots, dashes or underscores.');
    }
  }
}

function rejectDuplicates(prop: string, values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      throw new PlanInputError(prop, v, `appears twice (in ${what}); each value may appear once.`);
    }
    seen.add(v);
  }
}
