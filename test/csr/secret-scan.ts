/**
 * Finds private key material in text or bytes, for scanning synth output, assets and a
 * planned Terraform state:
 * - PEM private key blocks of every kind (PRIVATE KEY, RSA/EC/DSA/ENCRYPTED/OPENSSH
 *   PRIVATE KEY, PGP PRIVATE KEY BLOCK) and PuTTY key files;
 * - DER private keys, raw (binary read as latin1) or in base64 without headers, also
 *   inside JSON strings with escaped line breaks: PKCS#1 RSAPrivateKey, PKCS#8
 *   PrivateKeyInfo and EncryptedPrivateKeyInfo, SEC1 EC keys, PKCS#12 (PFX), OpenSSH;
 * - JSON Web Keys with a private member.
 * A finding says what and where ('base64 DER RSAPrivateKey at offset 812'), never the
 * secret itself, so a failing test prints none.
 */

const PEM_PRIVATE = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY[A-Z ]*)-----/g;
const PUTTY_PRIVATE = /PuTTY-User-Key-File-\d+:[\s\S]{0,2000}?Private-Lines:/g;
const JWK_PRIVATE = /\{[^{}]*"kty"\s*:\s*"(?:RSA|EC|OKP)"[^{}]*\}/g;
const BASE64_RUN = /[A-Za-z0-9+/]{32,}/g;

/**
 * Every place holding private key material, as 'kind at offset N'; empty when none.
 * A Buffer is scanned as bytes, as latin1 text and, when it looks like UTF-16, as UTF-16LE.
 */
export function findPrivateKeyMaterial(input: string | Buffer): string[] {
  if (Buffer.isBuffer(input)) {
    const out = [...scanText(input.toString('latin1')), ...scanBinary(input, 'binary')];
    if (input.length >= 4 && (input[1] === 0 || (input[0] === 0xff && input[1] === 0xfe))) out.push(...scanText(input.toString('utf16le')).map((f) => `${f} (UTF-16)`));
    return [...new Set(out)];
  }
  return [...new Set([...scanText(input), ...scanBinary(Buffer.from(input, 'latin1'), 'binary')])];
}

function scanText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PEM_PRIVATE)) out.push(`PEM ${m[1]} block at offset ${m.index}`);
  for (const m of text.matchAll(PUTTY_PRIVATE)) out.push(`PuTTY private key at offset ${m.index}`);
  for (const m of text.matchAll(JWK_PRIVATE)) {
    if (/"(?:d|p|q|dp|dq|qi)"\s*:\s*"/.test(m[0])) out.push(`JWK private key at offset ${m.index}`);
  }
  for (const m of text.matchAll(BASE64_RUN)) {
    // The run may start mid-quantum (a JSON "\n" leaves an 'n' in front): try each alignment.
    for (let shift = 0; shift < 4; shift++) {
      const chunk = m[0].slice(shift, shift + 64);
      const usable = chunk.slice(0, chunk.length - (chunk.length % 4));
      const kind = derKeyKind(Buffer.from(usable, 'base64'), 0);
      if (kind) {
        out.push(`base64 ${kind} at offset ${m.index! + shift}`);
        break;
      }
    }
  }
  return out;
}

function scanBinary(bytes: Buffer, label: string): string[] {
  const out: string[] = [];
  for (let i = bytes.indexOf(0x30); i !== -1; i = bytes.indexOf(0x30, i + 1)) {
    const kind = derKeyKind(bytes, i);
    if (kind) out.push(`${label} ${kind} at offset ${i}`);
  }
  for (let i = bytes.indexOf('openssh-key-v1\0', 0, 'latin1'); i !== -1; i = bytes.indexOf('openssh-key-v1\0', i + 1, 'latin1')) {
    out.push(`${label} OpenSSH private key at offset ${i}`);
  }
  return out;
}

/** The kind of DER private key starting at `i`, if one does. */
function derKeyKind(b: Buffer, i: number): string | undefined {
  if (b.subarray(i, i + 15).toString('latin1') === 'openssh-key-v1\0') return 'OpenSSH private key';
  const outer = header(b, i, 0x30);
  if (!outer) return undefined;
  const j = outer;
  // PKCS#1 RSAPrivateKey: INTEGER 0, INTEGER modulus (128+ bytes).
  if (at(b, j, [0x02, 0x01, 0x00, 0x02]) && [0x81, 0x82, 0x83].includes(b[j + 4])) return 'DER RSAPrivateKey';
  // PKCS#8 PrivateKeyInfo: INTEGER 0|1, AlgorithmIdentifier SEQUENCE { OID ... }
  // (a CSR's CertificationRequestInfo has INTEGER 0 then a Name: SEQUENCE { SET ...}).
  if (at(b, j, [0x02, 0x01]) && (b[j + 2] === 0x00 || b[j + 2] === 0x01)) {
    const alg = header(b, j + 3, 0x30);
    if (alg && b[alg] === 0x06) return 'DER PKCS#8 PrivateKeyInfo';
    // SEC1 ECPrivateKey: INTEGER 1, OCTET STRING of 20..66 bytes.
    if (b[j + 2] === 0x01 && b[j + 3] === 0x04 && b[j + 4] >= 0x18 && b[j + 4] <= 0x42) return 'DER EC private key (SEC1)';
  }
  // PKCS#12 PFX: INTEGER 3, then the authSafe ContentInfo SEQUENCE.
  if (at(b, j, [0x02, 0x01, 0x03, 0x30])) return 'DER PKCS#12 (PFX)';
  // EncryptedPrivateKeyInfo: SEQUENCE { OID PBES2 | pkcs-12PbeIds ... }
  const alg = header(b, j, 0x30);
  if (alg && b[alg] === 0x06) {
    const oid = b.subarray(alg + 2, alg + 2 + b[alg + 1]).toString('hex');
    if (oid === '2a864886f70d01050d' || oid.startsWith('2a864886f70d010c01')) return 'DER EncryptedPrivateKeyInfo';
  }
  return undefined;
}

/** Index after the tag and length at `i` when the tag is `tag` (short or 1-3 byte long form), else 0. */
function header(b: Buffer, i: number, tag: number): number {
  if (b[i] !== tag || i + 1 >= b.length) return 0;
  const l = b[i + 1];
  if (l < 0x80) return i + 2;
  if (l === 0x80) return i + 2; // indefinite length (BER, as some PFX writers use)
  const n = l & 0x7f;
  return n <= 3 && i + 2 + n < b.length ? i + 2 + n : 0;
}

function at(b: Buffer, i: number, bytes: readonly number[]): boolean {
  return bytes.every((x, k) => b[i + k] === x);
}
