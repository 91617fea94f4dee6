/**
 * Checks a certificate request against the planned certificate: valid signature, exactly
 * the planned names (order aside), the planned CN and subject, a key at least the planned
 * size. A CA signs what the request says, so a wrong request is caught before anyone pays.
 */
import { SUBJECT_FIELDS } from '../model/subject';
import { PlanInputError } from '../model/errors';
import { PlannedCertificate } from '../model/types';
import { ParsedRequest } from './parsed-request';


/** Every way the request differs from the planned certificate, one sentence each; none when it matches. */
export function requestMismatches(request: ParsedRequest, cert: PlannedCertificate): string[] {
  const out: string[] = [];
  if (!request.signatureValid) {
    out.push(`its signature (${request.signatureAlgorithm}) does not verify with its own key, so the file was altered or damaged after it was made`);
  }

  const requested = new Set(request.dnsNames);
  const planned = new Set(cert.names);
  const missing = cert.names.filter((n) => !requested.has(n));
  const extra = [...new Set(request.dnsNames)].filter((n) => !planned.has(n));
  if (request.dnsNames.length === 0) out.push('it has no subjectAltName DNS names (modern clients ignore the CN)');
  if (missing.length > 0) out.push(`names missing from the request: ${missing.join(', ')}`);
  if (extra.length > 0) out.push(`names in the request that the plan does not have: ${extra.join(', ')}`);
  if (request.otherAltNames.length > 0) out.push(`subjectAltName entries the plan does not have: ${request.otherAltNames.join(', ')}`);

  for (const { shortName, key } of SUBJECT_FIELDS) {
    const want = cert.subject[key];
    const got = request.subject.filter((f) => f.shortName === shortName).map((f) => f.value);
    const same = shortName === 'CN' ? (v: string) => v.toLowerCase() === want?.toLowerCase() : (v: string) => v === want;
    if (want === undefined) {
      if (got.length > 0) out.push(`the subject has ${shortName}=${quote(got)} but the plan has no ${shortName}`);
    } else if (got.length === 0) {
      out.push(`the subject has no ${shortName}; the plan has ${shortName}='${want}'`);
    } else if (got.length > 1 || !same(got[0])) {
      out.push(`the subject has ${shortName}=${quote(got)}; the plan has ${shortName}='${want}'`);
    }
  }
  const known = new Set(SUBJECT_FIELDS.map((f) => f.shortName));
  const unplanned = request.subject.filter((f) => !known.has(f.shortName));
  if (unplanned.length > 0) out.push(`the subject has fields the plan does not set: ${unplanned.map((f) => `${f.shortName}='${f.value}'`).join(', ')}`);

  if (request.keyBits < cert.keySize) {
    out.push(`its key is RSA ${request.keyBits} bits; the plan needs at least ${cert.keySize} (CAs refuse keys under 2048 bits)`);
  }
  return out;
}

/**
 * Throws a PlanInputError (prop 'certificateRequest', value the source, usually the file
 * path) listing every mismatch, when the request is not the planned certificate's.
 */
export function checkRequestAgainstPlan(request: ParsedRequest, cert: PlannedCertificate, sourceLabel: string): void {
  const problems = requestMismatches(request, cert);
  if (problems.length === 0) return;
  throw new PlanInputError(
    'certificateRequest',
    sourceLabel,
    `the request for certificate '${cert.id}' does not match the plan: ${problems.join('; ')}.`,
    `make the request again with the plan's request script (names ${cert.names.join(', ')}; subject ${cert.subjectName}; RSA ${cert.keySize} bits), or change the declaration if the request is the one you want.`,
  );
}

function quote(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(' and ');
}
