/**
 * Host name rules: normalisation (lower case, trailing dot removed, punycode) and the
 * checks that make a name fit for DNS and for a certificate. Pure helpers.
 */
import { domainToASCII } from 'node:url';
import { PlanInputError } from './errors';
import { looksLikeIpAddress } from './ip';

/**
 * Top-level labels that are not (and per RFC 6761/6762, ICANN's name-collision decisions
 * and its 2024 `.internal` reservation will never be) delegated in the public DNS. Names
 * under them, like single-label NetBIOS names, are internal names.
 */
const INTERNAL_TLDS = new Set([
  'local', 'localhost', 'localdomain', 'internal', 'intranet', 'lan', 'corp', 'home', 'private', 'priv',
  'test', 'example', 'invalid', 'domain', 'workgroup', 'mail', 'arpa',
]);

/** Options of `normalizeHostname`. */
export interface HostnameRules {
  /** Accept `*.` as the whole leftmost label. */
  readonly allowWildcard?: boolean;
  /** Accept a single label (a NetBIOS name). */
  readonly allowSingleLabel?: boolean;
  /** Require a public name (not an internal name). */
  readonly requirePublic?: boolean;
}

/**
 * Lower-cases, removes one trailing dot and converts international labels to punycode,
 * then checks the name against RFC 1035/1123 (labels 1-63 letters, digits and hyphens,
 * no hyphen at either end, 253 characters in all). Throws a PlanInputError naming `prop`.
 */
export function normalizeHostname(prop: string, value: unknown, rules: HostnameRules = {}): string {
  if (typeof value !== 'string') {
    throw new PlanInputError(prop, value, 'must be a host name string.', "give the name as a string, like 'mail.contoso.com'.");
  }
  let text = value.trim();
  if (text !== value) {
    throw new PlanInputError(prop, value, 'has leading or trailing white space.', `use '${text}'.`);
  }
  if (text.length === 0) {
    throw new PlanInputError(prop, value, 'is empty.', 'give a fully qualified host name, or leave the prop out where it is optional.');
  }
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text.includes('://') || text.includes('/')) {
    throw new PlanInputError(prop, value, 'is a URL or path; give the bare host name.', `use '${text.replace(/^[a-z]+:\/\//i, '').split('/')[0]}'.`);
  }
  if (looksLikeIpAddress(text)) {
    throw new PlanInputError(prop, value, 'is an IP address where a host name belongs; certificates for Exchange name hosts.', 'give the host name that resolves to it; addresses go in publicIpv4/publicIpv6 (and servers[].ipv4).');
  }
  let wildcard = false;
  if (text.startsWith('*.')) {
    if (!rules.allowWildcard) {
      throw new PlanInputError(prop, value, 'is a wildcard, which is only accepted in additionalNames.', `give a real host name here (like 'mail.${text.slice(2)}'), and put the wildcard in additionalNames.`);
    }
    wildcard = true;
    text = text.slice(2);
  }
  if (text.includes('*')) {
    throw new PlanInputError(prop, value, "has a misplaced wildcard: '*' may only be the whole leftmost label.", "write it as '*.<domain>' (like '*.contoso.com'), or list the host names one by one.");
  }
  if (/[\s\u0000-\u001f\u007f]/.test(text)) {
    throw new PlanInputError(prop, value, 'contains white space or control characters.', 'remove them: a host name holds letters, digits, hyphens and dots only.');
  }
  const ascii = domainToASCII(text);
  if (!ascii) {
    throw new PlanInputError(prop, value, 'is not a valid (international) domain name.', 'check the spelling; international names may be given in Unicode or punycode (xn--).');
  }
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label.length === 0) throw new PlanInputError(prop, value, 'has an empty label (two dots in a row, or a leading dot).', `use '${text.split('.').filter((l) => l.length > 0).join('.')}'.`);
    if (label.length > 63) throw new PlanInputError(prop, value, `has a label of ${label.length} characters; DNS allows at most 63.`, 'shorten that label to 63 characters or fewer.');
    if (!/^[a-z0-9-]+$/.test(label)) throw new PlanInputError(prop, value, `has the label '${label}' with characters other than letters, digits and hyphens.`, `replace them (an underscore becomes a hyphen: '${label.replace(/_/g, '-')}').`);
    if (label.startsWith('-') || label.endsWith('-')) throw new PlanInputError(prop, value, `has the label '${label}' starting or ending with a hyphen.`, 'remove the hyphen at the start or end of the label.');
  }
  const full = (wildcard ? '*.' : '') + ascii;
  if (full.length > 253) {
    throw new PlanInputError(prop, value, `is ${full.length} characters long; a DNS name may have at most 253.`, 'use a shorter name.');
  }
  if (labels.length === 1 && !rules.allowSingleLabel) {
    throw new PlanInputError(prop, value, 'is a single label; a fully qualified name is needed.', `give the full name, like '${ascii}.contoso.com'.`);
  }
  if (/^\d+$/.test(labels[labels.length - 1]) && labels.length > 1) {
    throw new PlanInputError(prop, value, 'ends in an all-numeric label, which no top-level domain is.', 'give a host name under a real top-level domain (addresses go in publicIpv4).');
  }
  if (wildcard && labels.length < 2) {
    throw new PlanInputError(prop, value, 'is a wildcard directly under a top-level domain, which no CA issues.', "use a wildcard under your own domain, like '*.contoso.com'.");
  }
  if (rules.requirePublic && isInternalName(full)) {
    throw new PlanInputError(
      prop,
      value,
      `is an internal name ('.${labels[labels.length - 1]}' is not a public top-level domain); external clients cannot resolve it and no public CA may certify it.`,
      'use a name in a public DNS domain you own, with split DNS inside.',
    );
  }
  return full;
}

/** True for names no public CA may certify: single labels and names under internal top-level labels. */
export function isInternalName(name: string): boolean {
  const labels = name.split('.');
  if (labels.length === 1) return true;
  return INTERNAL_TLDS.has(labels[labels.length - 1]);
}

/** The name a wildcard covers the apex of ('*.contoso.com' -> 'contoso.com'); other names unchanged. */
export function wildcardApex(name: string): string {
  return name.startsWith('*.') ? name.slice(2) : name;
}

/** Whether `name` is `suffix` or lies under it. */
export function isAtOrUnder(name: string, suffix: string): boolean {
  return name === suffix || name.endsWith(`.${suffix}`);
}

/** Whether a certificate name (possibly a wildcard) covers the host name. A wildcard covers exactly one label. */
export function nameCovers(certName: string, host: string): boolean {
  if (certName === host) return true;
  if (!certName.startsWith('*.')) return false;
  const apex = certName.slice(2);
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === apex;
}

/**
 * Whether any of `certNames` covers a host name, as `nameCovers` says, from an index built
 * once: a host costs two Set lookups however many names there are.
 */
export function coveredBy(certNames: Iterable<string>): (host: string) => boolean {
  const exact = new Set<string>();
  const wildcardApexes = new Set<string>();
  for (const name of certNames) {
    exact.add(name);
    if (name.startsWith('*.')) wildcardApexes.add(name.slice(2));
  }
  return (host) => {
    if (exact.has(host)) return true;
    const dot = host.indexOf('.');
    return dot > 0 && wildcardApexes.has(host.slice(dot + 1));
  };
}

/** Removes repeats, keeping the first occurrence. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** A Terraform-safe id fragment for a DNS name: 'mail.contoso.com' -> 'mail_contoso_com', '_autodiscover._tcp.d' -> '_autodiscover__tcp_d'. */
export function idFragment(name: string): string {
  // Hyphens and underscores stay (Terraform names allow both), so 'a-b.c' and 'a.b.c' differ.
  return name.replace(/^\*\./, 'wildcard.').replace(/\./g, '_').toLowerCase();
}

/** Orders strings by code point: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
