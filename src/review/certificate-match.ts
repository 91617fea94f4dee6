/**
 * Whether the certificate a client gets at a name is one it accepts without a warning:
 * the certificate names the host (wildcards cover one label) and the client trusts its issuer.
 */
import { isInternalName, nameCovers } from '../model/names';
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { ClientKind } from './client-kind';

/** The verdict for one host and certificate. */
export interface CertificateMatch {
  readonly ok: boolean;
  /** Why, in one clause: "certificate 'exchange' names mail.contoso.com". */
  readonly reason: string;
}

export function matchCertificate(plan: ExchangePlan, certificate: PlannedCertificate | undefined, host: string, client: ClientKind): CertificateMatch {
  if (!certificate) return { ok: false, reason: `no planned certificate is bound where ${host} answers` };
  const name = certificate.names.find((n) => nameCovers(n, host));
  if (!name) {
    const internal = isInternalName(host) && plan.issuer.publiclyTrusted
      ? `; ${host} is an internal name, which no public CA may certify since 2015: use the public name with split DNS`
      : '';
    return { ok: false, reason: `certificate '${certificate.id}' names ${nameList(certificate.names)}, not ${host}${internal}` };
  }
  const covers = name === host ? `names ${host}` : `covers ${host} with ${name}`;
  if (!plan.issuer.publiclyTrusted && client === 'external') {
    return {
      ok: false,
      reason: `certificate '${certificate.id}' ${covers}, but ${plan.issuer.displayName} is a private CA that devices outside the domain do not trust until its root certificate is installed on each`,
    };
  }
  if (!plan.issuer.publiclyTrusted && plan.issuer.kind === 'acmPrivateCa') {
    return { ok: true, reason: `certificate '${certificate.id}' ${covers} (trusted once group policy puts the ${plan.issuer.displayName} root on domain members)` };
  }
  return { ok: true, reason: `certificate '${certificate.id}' ${covers}` };
}

/** The names of a certificate in a reason: all of them up to five, else the first three and a count (plan.json lists them all). */
function nameList(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more names`;
}
