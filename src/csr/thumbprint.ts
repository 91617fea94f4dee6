/** The SHA-1 thumbprint Exchange shows for a certificate (`Get-ExchangeCertificate`). */
import { createHash } from 'node:crypto';
import { pemBlocks } from './pem';

/**
 * SHA-1 of the certificate's DER, upper-case hex without separators, as Exchange's
 * `-Thumbprint` takes it. Takes PEM text (the first CERTIFICATE block: a chain's leaf)
 * or the DER bytes.
 */
export function sha1Thumbprint(certificate: string | Buffer): string {
  let der: Buffer;
  if (typeof certificate === 'string') {
    const block = pemBlocks(certificate).find((b) => b.label === 'CERTIFICATE');
    if (!block) throw new Error('sha1Thumbprint: the text holds no -----BEGIN CERTIFICATE----- block.');
    der = block.der;
  } else {
    der = certificate;
  }
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}
