/**
 * What a publicly trusted CA checks before it issues: control of each name's domain
 * (CA/Browser Forum Baseline Requirements 3.2.2.4). The plan says which DNS records that
 * takes and who makes them; private CAs check nothing in public DNS.
 */
import { NormalizedInputs } from './inputs';
import { compareText, wildcardApex } from './names';
import { zoneFor } from './zones';
import { PlannedCertificate, PlannedDomainValidation } from './types';

export function planDomainValidation(inputs: NormalizedInputs, certificates: readonly PlannedCertificate[]): PlannedDomainValidation[] {
  const issuer = inputs.issuerObject;
  if (!issuer.publiclyTrusted) return [];
  const zones = Object.entries(inputs.hostedZones).map(([name, id]) => ({ name, id }));
  const out: PlannedDomainValidation[] = [];
  if (issuer.kind === 'acm') {
    for (const cert of certificates) {
      for (const name of [...new Set(cert.publicNames.map(wildcardApex))]) {
        const zone = zoneFor(name, zones)!;
        out.push({
          certificateId: cert.id,
          domain: name,
          zoneName: zone.name,
          record: `CNAME _<token>.${name} -> _<token>.acm-validations.aws.`,
          madeBy: 'plan',
          note: 'ACM gives the token when the certificate is requested; Terraform creates the record and waits for validation.',
        });
      }
    }
    return out;
  }
  // A commercial CA validates an authorization domain once for all names under it.
  const domains = new Map<string, string[]>();
  for (const cert of certificates) {
    for (const name of cert.publicNames) {
      const zone = zoneFor(wildcardApex(name), zones)!;
      domains.set(zone.name, [...(domains.get(zone.name) ?? []), name]);
    }
  }
  for (const [domain, names] of [...domains].sort(([a], [b]) => compareText(a, b))) {
    out.push({
      domain,
      zoneName: domain,
      record: `TXT (or CNAME) at ${domain} or a label the CA names (DigiCert: _dnsauth.${domain}; ACME CAs: _acme-challenge.<name>), value from the CA`,
      madeBy: 'admin',
      note: `${issuer.displayName} gives a random value when the order for ${[...new Set(names)].join(', ')} is placed; add it in the ${domain} hosted zone (or use the CA's e-mail or HTTP method), and remove it after issuance. The CAA records of this plan must be live before the order.`,
    });
  }
  return out;
}
