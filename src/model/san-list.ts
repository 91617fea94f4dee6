/**
 * Which names go on which certificate, per strategy, and the certificates themselves.
 */
import { CertificateRequest } from '../certificate-request';
import { ExchangeService } from '../exchange-service';
import { NormalizedInputs } from './inputs';
import { ACM_VALIDITY_DAYS, caBrowserForumMaxValidity } from './rules/lifetime';
import { unique } from './names';
import { SUBJECT_FIELDS } from './subject';
import { PlannedBinding, PlannedCertificate, PlannedSubject } from './types';

export const DEFAULT_WEB_SITE = 'Default Web Site';

/** Internal names the 2007-era guides put on the certificate: internal domain, server FQDNs, NetBIOS names. */
export function internalNameList(inputs: NormalizedInputs): string[] {
  if (!inputs.includeInternalNames) return [];
  return unique([
    ...(inputs.internalDomain ? [inputs.internalDomain] : []),
    ...inputs.servers.map((s) => s.fqdn),
    ...inputs.servers.map((s) => s.name.toLowerCase()),
  ]);
}

/** Autodiscover names for the additional email domains when the strategy puts them on a certificate. */
export function additionalAutodiscoverNames(inputs: NormalizedInputs): string[] {
  return inputs.strategy === 'sanCertificate' ? inputs.additionalEmailDomains.map((d) => `autodiscover.${d}`) : [];
}

/** The certificates of the plan, in a stable order. */
export function planCertificates(inputs: NormalizedInputs): PlannedCertificate[] {
  const internal = internalNameList(inputs);
  const serverBindings = (webSite: string, ipBy?: Readonly<Record<string, string>>): PlannedBinding[] =>
    inputs.servers.map((s) => ({
      server: s.name,
      webSite,
      ...(ipBy ? { ipAddress: ipBy[s.name] } : {}),
      createsWebSite: webSite !== DEFAULT_WEB_SITE,
    }));

  switch (inputs.strategy) {
    case 'sanCertificate':
      return [
        certificate(inputs, 'exchange', inputs.friendlyNamePrefix, [
          inputs.externalHostname,
          inputs.autodiscoverHostname,
          ...additionalAutodiscoverNames(inputs),
          ...inputs.additionalNames,
        ], internal, inputs.services, serverBindings(DEFAULT_WEB_SITE)),
      ];
    case 'singleName':
      return [
        certificate(inputs, 'exchange', inputs.friendlyNamePrefix, [inputs.autodiscoverHostname, ...inputs.additionalNames], internal, inputs.services, serverBindings(DEFAULT_WEB_SITE)),
      ];
    case 'srvRecord':
      return [
        certificate(inputs, 'exchange', inputs.friendlyNamePrefix, [inputs.externalHostname, ...inputs.additionalNames], internal, inputs.services, serverBindings(DEFAULT_WEB_SITE)),
      ];
    case 'twoCertificates':
      return [
        certificate(inputs, 'mail', `${inputs.friendlyNamePrefix} mail`, [inputs.externalHostname, ...inputs.additionalNames], internal, inputs.services, serverBindings(DEFAULT_WEB_SITE)),
        // The second site's certificate is bound by IIS, not by Enable-ExchangeCertificate.
        certificate(inputs, 'autodiscover', `${inputs.friendlyNamePrefix} autodiscover`, [inputs.autodiscoverHostname], [], [], serverBindings(inputs.autodiscoverWebSiteName!, inputs.autodiscoverServerIpv4)),
      ];
  }
}

function certificate(
  inputs: NormalizedInputs,
  id: string,
  friendlyName: string,
  publicNames: string[],
  internalNames: string[],
  services: readonly ExchangeService[],
  bindings: PlannedBinding[],
): PlannedCertificate {
  // Internal by where they come from (servers, internal domain), not by their last label:
  // ex01.corp.contoso.com is internal although .com is public, and must never be published.
  const external = unique(publicNames);
  const isExternal = new Set(external);
  const internal = unique(internalNames).filter((n) => !isExternal.has(n));
  const all = [...external, ...internal];
  const commonName = all[0];
  const org = inputs.organization;
  const subject: PlannedSubject = {
    commonName,
    organization: org.name,
    country: org.country,
    ...(org.state ? { state: org.state } : {}),
    ...(org.locality ? { locality: org.locality } : {}),
    ...(org.organizationalUnit ? { organizationalUnit: org.organizationalUnit } : {}),
  };
  const request: CertificateRequest = inputs.certificateRequests[id] ?? inputs.certificateRequest;
  const validityDays = plannedValidityDays(inputs);
  const renewBeforeDays = renewBefore(validityDays);
  const dates = inputs.plannedIssueDate && validityDays ? lifetimeDates(inputs.plannedIssueDate, validityDays, renewBeforeDays) : {};
  return {
    id,
    friendlyName,
    subject,
    subjectName: subjectName(subject),
    names: all,
    publicNames: external,
    internalNames: internal,
    keySize: inputs.keySize,
    privateKeyExportable: inputs.servers.length > 1 || inputs.exportPfxForReverseProxy,
    services: [...services],
    bindings,
    requestSource: {
      kind: request.kind,
      ...(request.path !== undefined ? { path: request.path } : {}),
      ...(request.privateKeyPath !== undefined ? { privateKeyPath: request.privateKeyPath } : {}),
      ...(request.requestRecordPath !== undefined ? { requestRecordPath: request.requestRecordPath } : {}),
      ...(request.allowNewKey ? { allowNewKey: true } : {}),
    },
    ...(validityDays !== undefined ? { validityDays } : {}),
    renewBeforeDays,
    ...dates,
    exportPfx: inputs.exportPfxForReverseProxy,
  };
}

/**
 * The lifetime a certificate is planned with. A public CA without `validityDays` issues
 * the CA/Browser Forum maximum in force on `plannedIssueDate` (undefined without a date);
 * ACM's own lifetime is capped by that maximum (and unknown without a date); other
 * issuers give theirs.
 */
export function plannedValidityDays(inputs: Pick<NormalizedInputs, 'issuerObject' | 'plannedIssueDate'>): number | undefined {
  const issuer = inputs.issuerObject;
  const date = inputs.plannedIssueDate;
  if (!issuer.publiclyTrusted || date === undefined) return issuer.validityDays;
  const max = caBrowserForumMaxValidity(date);
  if (issuer.kind === 'acm') return Math.min(ACM_VALIDITY_DAYS, max);
  return issuer.validityDays ?? max;
}

/** Days before expiry to renew: a third of the lifetime, at most 30 days. */
export function renewBefore(validityDays: number | undefined): number {
  return validityDays === undefined ? 30 : Math.max(1, Math.min(30, Math.floor(validityDays / 3)));
}

/** Issue, expiry and renewal dates (UTC calendar days) for a planned issue date. */
export function lifetimeDates(issueDate: string, validityDays: number, renewBeforeDays: number): { issueDate: string; expiryDate: string; renewalDate: string } {
  const day = 24 * 3600 * 1000;
  const start = Date.parse(`${issueDate}T00:00:00Z`);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return {
    issueDate,
    expiryDate: iso(start + validityDays * day),
    renewalDate: iso(start + (validityDays - renewBeforeDays) * day),
  };
}

/**
 * The subject as `New-ExchangeCertificate -SubjectName` takes it (X.500, most significant
 * first: 'C=US, S=..., L=..., O=Contoso Inc, OU=..., CN=mail.contoso.com'). Values with
 * separators are double-quoted, inner quotes doubled.
 */
export function subjectName(s: PlannedSubject): string {
  return SUBJECT_FIELDS.filter(({ key }) => s[key] !== undefined)
    .map(({ key, exchangeName }) => {
      const v = s[key]!;
      return `${exchangeName}=${/[,+=";<>#\\]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v}`;
    })
    .join(', ');
}
