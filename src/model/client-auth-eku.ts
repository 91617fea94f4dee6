/**
 * Public CAs' dated removal of the TLS Client Authentication EKU (1.3.6.1.5.5.7.3.2) from
 * their server certificates, prompted by the Chrome Root Program's split of server and
 * client authentication hierarchies. It matters to Exchange because SMTP presents its
 * certificate as a TLS client when it sends (to Exchange Online in hybrid, to partners).
 * Each entry names the CA's own announcement; CAs not listed have no entry here, which
 * says nothing either way.
 */
import { ClientAuthEkuChange } from './hybrid-types';

const CHANGES: readonly (ClientAuthEkuChange & { readonly caaIdentifiers: readonly string[] })[] = [
  {
    ca: "Let's Encrypt",
    caaIdentifiers: ['letsencrypt.org'],
    from: '2026-02-11',
    scope: "the default 'classic' ACME profile (the opt-in 'tlsclient' profile that kept it was announced to end on 2026-05-13)",
    source: 'https://letsencrypt.org/2025/05/14/ending-tls-client-authentication/',
  },
  {
    ca: 'DigiCert',
    // DigiCert's brands (GeoTrust, Thawte, RapidSSL) follow the same schedule.
    caaIdentifiers: ['digicert.com', 'symantec.com', 'thawte.com', 'geotrust.com', 'rapidssl.com'],
    from: '2027-03-01',
    scope: 'every public TLS certificate, renewals and reissues included (left out by default since 2025-10-01; opting in ends that day)',
    source: 'https://knowledge.digicert.com/alerts/sunsetting-client-authentication-eku-from-digicert-public-tls-certificates',
  },
];

/** The dated change for a CAA identifier, when one is known. */
export function clientAuthEkuChange(caaIdentifier: string | undefined): ClientAuthEkuChange | undefined {
  if (caaIdentifier === undefined) return undefined;
  const found = CHANGES.find((c) => c.caaIdentifiers.includes(caaIdentifier.toLowerCase()));
  if (!found) return undefined;
  const { caaIdentifiers: _, ...change } = found;
  return change;
}
