/**
 * What a publicly trusted CA checks before it issues: control of each name's domain
 * (CA/Browser Forum Baseline Requirements 3.2.2.4). The plan says which DNS records that
 * takes and who makes them; private CAs check nothing in public DNS.
 */
import { NormalizedInputs } from './inputs';
import { compareText, wildcardApex } from './names';
import { zoneFinder } from './zones';
import { PlannedCertificate, PlannedDomainValidation } from './types';

/**
 * The names that need their own ACM validation record: `*.d` shares the record of `d`, so
 * a wildcard is folded onto its apex and each apex appears once. `domainName` is the name
 * ACM reports the option under: the apex when it is on the certificate, else the wildcard.
 */
export function acmValidationNames(names: readonly string[]): { key: string; domainName: string }[] {
  const given = new Set(names);
  const seen = new Set<string>();
  const out: { key: string; domainName: string }[] = [];
  for (const name of names) {
    const key = wildcardApex(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, domainName: given.has(key) ? key : name });
  }
  return out;
}

export function planDomainValidation(inputs: NormalizedInputs, certificates: readonly PlannedCertificate[]): PlannedDomainValidation[] {
  const issuer = inputs.issuerObject;
  if (!issuer.publiclyTrusted) return [];
  const zoneOf = zoneFinder(Object.entries(inputs.hostedZones).map(([name, id]) => ({ name, id })));
  const out: PlannedDomainValidation[] = [];
  if (issuer.kind === 'acm') {
    for (const cert of certificates) {
      for (const { key: name, domainName } of acmValidationNames(cert.publicNames)) {
        const zone = zoneOf(name)!;
        out.push({
          certificateId: cert.id,
          domain: name,
          lookupName: domainName,
          zoneName: zone.name,
          zoneId: zone.id,
          // ACM looks the record up soon after the request: a short TTL keeps a wrong first answer from sticking.
          ttl: Math.min(inputs.dnsTtl, 300),
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
      const zone = zoneOf(wildcardApex(name))!;
      const names = domains.get(zone.name);
      if (names) names.push(name);
      else domains.set(zone.name, [name]);
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
