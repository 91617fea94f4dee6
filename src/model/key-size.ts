/**
 * Key sizes by where the key is made. `New-ExchangeCertificate -KeySize` documents 1024, 2048
 * and 4096 (DOMAIN.md section 8), so a 3072-bit key cannot be made on the server: the request
 * script (and its renewal) would fail there. A key made off the server (generateLocally) may
 * be 3072 bits; Exchange imports such a certificate with its key like any other.
 */
import { InputProblems } from './input-problems';
import { PlannedCertificate } from './types';

/** Key sizes New-ExchangeCertificate makes. */
export const SERVER_KEY_SIZES: readonly number[] = [2048, 4096];

/** Refuses a key size the server cannot make for a certificate whose key the server makes. */
export function checkServerKeySize(certificates: readonly PlannedCertificate[], problems: InputProblems): void {
  const onServer = certificates.filter((c) => c.requestSource.kind !== 'generateLocally' && !SERVER_KEY_SIZES.includes(c.keySize));
  if (onServer.length === 0) return;
  const c = onServer[0];
  problems.add(
    'keySize',
    c.keySize,
    `is not a size New-ExchangeCertificate -KeySize makes (it documents 1024, 2048 and 4096), and the key of the '${onServer.map((x) => x.id).join("', '")}' certificate is made on the Exchange server by the request script (and again at each renewal).`,
    'use 2048 or 4096, or make the key off the server with certificateRequest: CertificateRequest.generateLocally({ privateKeyPath }), where 3072 is allowed.',
  );
}
