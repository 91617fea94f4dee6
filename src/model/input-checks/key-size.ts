/** The RSA key size of the requests. */
import { CertificateIssuer } from '../../issuer';
import { InputProblems } from '../input-problems';

const KEY_SIZES = [2048, 3072, 4096];

export function checkKeySize(given: number | undefined, issuer: CertificateIssuer | undefined, problems: InputProblems): number | undefined {
  const keySize = given ?? 2048;
  if (!KEY_SIZES.includes(keySize)) {
    problems.add(
      'keySize',
      given,
      typeof keySize === 'number' && keySize < 2048
        ? 'is too short: the CA/Browser Forum Baseline Requirements and every current CA require RSA keys of at least 2048 bits (the 2007-era 1024 is refused).'
        : 'is not a key size Exchange requests.',
      'use 2048 (the default), 3072 or 4096.',
    );
    return undefined;
  }
  if (issuer?.kind === 'acm' && keySize !== 2048) {
    problems.add('keySize', given, 'is not available from ACM, which issues public certificates with RSA 2048 (or ECDSA) keys only.', 'leave keySize at 2048 with CertificateIssuer.acm().');
    return undefined;
  }
  return keySize;
}
