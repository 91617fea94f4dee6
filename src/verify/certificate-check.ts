/**
 * Judges a presented certificate twice: as a client does (trusted chain, host name by
 * tls.checkServerIdentity, dates), and against the plan (the planned names, key size,
 * lifetime within the plan's limit, days left before renewal).
 */
import { caBrowserForumMaxValidity } from '../model/rules/lifetime';
import { Difference } from './findings';
import { PlannedCertificateFacts, PlanFacts } from './plan-facts';
import { PresentedCertificate } from './probe';

const DAY_MS = 86_400_000;

/** Why a client would show a certificate warning, or undefined when it would not. */
export function clientWarning(
  host: string,
  outcome: { certificate: PresentedCertificate; authorized: boolean; authorizationError?: string; identityError?: string },
  now: Date,
): Difference | undefined {
  const c = outcome.certificate;
  if (c.validTo.getTime() < now.getTime()) {
    return { message: `the certificate presented for ${host} expired on ${day(c.validTo)} (${describe(c)})`, fix: 'install and enable the renewed certificate (run the renewal, then the complete-and-enable script)' };
  }
  if (c.validFrom.getTime() > now.getTime()) {
    return { message: `the certificate presented for ${host} is not valid before ${day(c.validFrom)} (${describe(c)})`, fix: 'check the clock of the issuing CA and of the server; enable the previous certificate until this one is valid' };
  }
  // Node sets ERR_TLS_CERT_ALTNAME_INVALID itself when the chain is fine but the name is not.
  if (!outcome.authorized && outcome.authorizationError !== 'ERR_TLS_CERT_ALTNAME_INVALID') return chainProblem(host, c, outcome.authorizationError ?? 'unknown');
  if (outcome.identityError) {
    return {
      message: `the certificate presented for ${host} does not name it: ${outcome.identityError} (${describe(c)})`,
      fix: `bind the planned certificate where ${host} answers (the enable script, or the second site script for Autodiscover)`,
    };
  }
  return undefined;
}

function chainProblem(host: string, c: PresentedCertificate, code: string): Difference {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return { message: `${host} presents a self-signed certificate (${describe(c)}), which no client trusts`, fix: 'enable the planned certificate for this service (the complete-and-enable script); for SMTP also run the client URLs script, which sets the connector FQDN so Exchange picks it' };
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return { message: `the chain for ${host} cannot be built: the server sends no certificate of the issuer '${c.issuer}' and it is not a trusted root here (a missing intermediate certificate)`, fix: "import the CA's intermediate certificate on the server (Intermediate Certification Authorities store) so it is sent with the certificate" };
    case 'CERT_HAS_EXPIRED':
      return { message: `a certificate in the chain for ${host} has expired (${describe(c)})`, fix: "renew the expired certificate or install the CA's current intermediate" };
    case 'CERT_NOT_YET_VALID':
      return { message: `a certificate in the chain for ${host} is not yet valid (${describe(c)})`, fix: "check the CA's and the server's clocks" };
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return { message: `the chain for ${host} ends at a CA that is not trusted here (${code}; issuer '${c.issuer}')`, fix: 'use a certificate from the planned issuer; for a private CA, install its root on the clients (group policy) or run the verifier with --ca-file' };
    default:
      return { message: `the chain for ${host} does not validate: ${code} (${describe(c)})`, fix: 'install the certificate the plan names, with its full chain' };
  }
}

/** Differences between the presented certificate and the planned one (none when it is the planned certificate in good time). */
export function planDifferences(planned: PlannedCertificateFacts | undefined, c: PresentedCertificate, facts: PlanFacts, now: Date): Difference[] {
  if (!planned) return [];
  const out: Difference[] = [];
  const have = new Set(c.names);
  const want = planned.names.map((n) => n.toLowerCase());
  const missing = want.filter((n) => !have.has(n));
  const extra = c.names.filter((n) => !want.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length ? `lacks ${missing.join(', ')}` : '', extra.length ? `has ${extra.join(', ')} which the plan does not` : ''].filter(Boolean).join(' and ');
    out.push({
      message: `the certificate presented (${describe(c)}) is not the planned '${planned.id}': it ${parts}`,
      fix: `request and enable certificate '${planned.id}' with exactly ${planned.names.join(', ')} (the request script makes that request)`,
    });
    // Another certificate altogether: its key and dates say nothing about the planned one.
    return out;
  }
  if (c.keyBits !== undefined && c.keyBits !== planned.keySize) {
    out.push({ message: `the certificate's key is ${c.keyBits} bits; the plan says RSA ${planned.keySize}`, fix: `re-request certificate '${planned.id}' with -KeySize ${planned.keySize}` });
  }
  const lifetime = Math.round((c.validTo.getTime() - c.validFrom.getTime()) / DAY_MS);
  const limit = planned.validityDays ?? (facts.issuer.publiclyTrusted ? caBrowserForumMaxValidity(day(c.validFrom)) : undefined);
  if (limit !== undefined && lifetime > limit) {
    out.push({
      message: `the certificate lives ${lifetime} days; the plan allows ${limit}${planned.validityDays ? '' : ` (the CA/Browser Forum maximum on ${day(c.validFrom)})`}`,
      fix: 'clients and browsers may refuse a longer lifetime: re-issue with the planned validity',
    });
  }
  const renewBy = new Date(c.validTo.getTime() - planned.renewBeforeDays * DAY_MS);
  if (c.validTo.getTime() >= now.getTime() && renewBy.getTime() <= now.getTime()) {
    out.push({
      message: `renewal is due: the certificate expires ${day(c.validTo)}, and the plan renews ${planned.renewBeforeDays} days before expiry (${day(renewBy)})`,
      fix: 'run the renewal script now',
    });
  }
  return out;
}

/** 'renew by 2027-05-20, 170 days left' for a healthy row. */
export function renewalNote(planned: PlannedCertificateFacts | undefined, c: PresentedCertificate, now: Date): string | undefined {
  if (!planned) return undefined;
  const renewBy = new Date(c.validTo.getTime() - planned.renewBeforeDays * DAY_MS);
  const left = Math.floor((renewBy.getTime() - now.getTime()) / DAY_MS);
  const plannedDate = planned.renewalDate ? `; the plan's date for a certificate issued ${planned.issueDate}: ${planned.renewalDate}` : '';
  return `expires ${day(c.validTo)}, renew by ${day(renewBy)} (${left} days left${plannedDate})`;
}

export function describe(c: PresentedCertificate): string {
  return `subject '${c.commonName ?? c.subject}', issuer '${c.issuer}', SHA-256 ${c.fingerprint256.slice(0, 23)}...`;
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}
