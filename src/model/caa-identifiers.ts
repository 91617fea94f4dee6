/**
 * CAA issuer identifiers as the CAs themselves document them (RFC 8659 `issue` values).
 * A CAA record with any other value blocks the CA, so a value that is almost a CA's
 * identifier (its web host 'www.digicert.com', a subdomain) is refused with the right one.
 * Each entry names the page it was taken from.
 */
export interface DocumentedCaaIssuer {
  /** The CA as people call it. */
  readonly ca: string;
  /** Every value the CA documents as authorising it, the one it recommends first. */
  readonly identifiers: readonly string[];
  /** The CA's own page that lists them. */
  readonly source: string;
}

export const DOCUMENTED_CAA_ISSUERS: readonly DocumentedCaaIssuer[] = [
  {
    ca: 'DigiCert',
    // DigiCert also honours its brands' old identifiers (knowledge.digicert.com SO28343, SO28344).
    identifiers: ['digicert.com', 'symantec.com', 'thawte.com', 'geotrust.com', 'rapidssl.com'],
    source: 'https://docs.digicert.com/es/certcentral/manage-certificates/dns-caa-resource-record-check.html',
  },
  {
    ca: 'Sectigo',
    identifiers: ['sectigo.com', 'comodoca.com', 'comodo.com', 'usertrust.com', 'trust-provider.com'],
    source: 'https://www.sectigo.com/faqs/detail/CAA-Record-Certification-Authority-Authorization-1527076091491/kA01N000000zFMO',
  },
  { ca: "Let's Encrypt", identifiers: ['letsencrypt.org'], source: 'https://letsencrypt.org/docs/caa/' },
  {
    ca: 'Amazon (ACM)',
    identifiers: ['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com'],
    source: 'https://docs.aws.amazon.com/acm/latest/userguide/setup-caa.html',
  },
  { ca: 'GlobalSign', identifiers: ['globalsign.com'], source: 'https://support.globalsign.com/ssl/general-ssl/caa-checking-ssl-certificates' },
  { ca: 'Google Trust Services', identifiers: ['pki.goog'], source: 'https://developers.google.com/public-key-infrastructure/dns-debugging' },
  { ca: 'GoDaddy', identifiers: ['godaddy.com', 'starfieldtech.com'], source: 'https://www.godaddy.com/help/using-caa-records-with-your-ssl-certificate-27227' },
];

/** What the table says about a CAA identifier (lower case, no trailing dot). */
export type CaaIdentifierVerdict =
  | { readonly kind: 'documented'; readonly issuer: DocumentedCaaIssuer }
  /** Under a documented identifier but not one ('www.digicert.com'): it would block the CA. */
  | { readonly kind: 'nearMiss'; readonly issuer: DocumentedCaaIssuer; readonly identifier: string }
  | { readonly kind: 'unknown' };

export function caaIdentifierVerdict(identifier: string): CaaIdentifierVerdict {
  for (const issuer of DOCUMENTED_CAA_ISSUERS) {
    if (issuer.identifiers.includes(identifier)) return { kind: 'documented', issuer };
  }
  for (const issuer of DOCUMENTED_CAA_ISSUERS) {
    const under = issuer.identifiers.find((id) => identifier.endsWith(`.${id}`));
    if (under) return { kind: 'nearMiss', issuer, identifier: under };
  }
  return { kind: 'unknown' };
}
