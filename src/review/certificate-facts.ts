/**
 * Reviewer-facing facts of a planned certificate: where its request comes from, its key,
 * its lifetime and when to renew it. Paths are shown without their directories when they
 * are absolute, so no machine's layout lands in the output.
 */
import { CA_BROWSER_FORUM_VALIDITY_STEPS } from '../model/rules/lifetime';
import { PlannedCertificate, PlannedIssuer } from '../model/types';

/** A path as the review may show it: relative paths with '/' separators, absolute ones by file name only. */
export function portablePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed) || slashed.startsWith('~');
  return absolute ? slashed.split('/').filter((p) => p.length > 0).pop() ?? '' : slashed.replace(/^\.\//, '');
}

/** The request source for plan.json: its kind and, for a CSR file, the file (never the key's path). */
export function requestSourceJson(c: PlannedCertificate): { kind: string; file?: string } {
  return { kind: c.requestSource.kind, ...(c.requestSource.kind === 'fromFile' && c.requestSource.path ? { file: portablePath(c.requestSource.path) } : {}) };
}

export function requestSourceText(c: PlannedCertificate, issuer: Pick<PlannedIssuer, 'kind'>): string {
  if (issuer.kind === 'acm') {
    return 'requested by name in ACM (no CSR; the key stays in AWS, on the load balancer); the servers keep their own certificate for the same names, made on the Exchange server by the request script and signed by a public CA allowed in additionalCaaIdentifiers';
  }
  switch (c.requestSource.kind) {
    case 'onServer':
      return 'made on the Exchange server by the request script; the key never leaves it';
    case 'fromFile':
      return `the CSR file ${portablePath(c.requestSource.path ?? '')}, checked against the plan at synth`;
    case 'generateLocally':
      return 'made on the synth machine; the key stays outside the output and goes to the server in a PFX';
  }
}

export function keyText(c: PlannedCertificate): string {
  return `RSA ${c.keySize}, ${c.privateKeyExportable ? 'exportable (several servers or a proxy need it)' : 'not exportable'}${c.exportPfx ? '; exported as a PFX for the reverse proxy (password prompted)' : ''}`;
}

/** The CA/B steps as a phrase: '398 days until 2026-03-14, 200 from 2026-03-15, ...', from the rule's own table. */
const CAB_LIMITS = CA_BROWSER_FORUM_VALIDITY_STEPS.map((step, i, all) => {
  if (i > 0) return `${step.maxDays} from ${step.from}`;
  const lastDay = new Date(Date.parse(`${all[1].from}T00:00:00Z`) - 24 * 3600 * 1000).toISOString().slice(0, 10);
  return `${step.maxDays} days until ${lastDay}`;
}).join(', ');

export function lifetimeText(c: PlannedCertificate, issuerName: string): string {
  if (c.validityDays !== undefined && c.issueDate && c.expiryDate) return `${c.validityDays} days, ${c.issueDate} to ${c.expiryDate}`;
  if (c.validityDays !== undefined) return `${c.validityDays} days from issuance`;
  return `set by ${issuerName} at issuance: at most the CA/Browser Forum maximum on that day (${CAB_LIMITS})`;
}

/** When to renew; ACM renews the certificates it issues on its own, so there it says what keeps that working. */
export function renewalText(c: PlannedCertificate, issuer: Pick<PlannedIssuer, 'kind'>): string {
  if (issuer.kind === 'acm') {
    return 'automatic: ACM renews a DNS-validated certificate itself (from 60 days before expiry) while it is in use (on the load balancer, for example) and the validation CNAME records stay in place';
  }
  if (c.renewalDate) return `${c.renewalDate} (${c.renewBeforeDays} days before expiry)`;
  if (c.validityDays !== undefined) return `${c.renewBeforeDays} days before expiry, ${c.validityDays - c.renewBeforeDays} days after issuance`;
  return `${c.renewBeforeDays} days before the expiry date on the issued certificate`;
}
