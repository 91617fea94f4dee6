/**
 * The encodings a certificate request file comes in, as Exchange writes them:
 * - PEM text with `-----BEGIN NEW CERTIFICATE REQUEST-----` (2007 `-Path`, the text 2010+
 *   returns) or `-----BEGIN CERTIFICATE REQUEST-----` (openssl, certreq);
 * - the same text in UTF-16LE with a byte order mark (PowerShell's `Out-File`/`Set-Content`
 *   on Windows PowerShell 5.1, so the 2016+ scripts may write that), UTF-16BE, UTF-8 with BOM;
 * - DER (2007 `-BinaryEncoded`);
 * - bare base64 of the DER, without headers.
 */
import { pemBlocks } from './pem';

/** Labels a certificate request is written under. */
const REQUEST_LABELS = ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'];

/** What a request file was found to be. */
export type RequestFileEncoding = 'pem' | 'pem-utf16le' | 'pem-utf16be' | 'der' | 'base64';

/** The request's DER and how the file held it, or why it holds none. */
export type RequestFileContent =
  | { readonly ok: true; readonly der: Buffer; readonly encoding: RequestFileEncoding }
  | { readonly ok: false; readonly reason: string };

/** Finds the DER certificate request in a file's bytes. Pure. */
export function requestDerFromBytes(bytes: Buffer): RequestFileContent {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty.' };
  // DER: a SEQUENCE with a long-form length (any real request is over 127 bytes).
  if (bytes[0] === 0x30 && (bytes[1] === 0x81 || bytes[1] === 0x82 || bytes[1] === 0x83)) {
    return { ok: true, der: bytes, encoding: 'der' };
  }
  const { text, encoding } = decodeText(bytes);
  const blocks = pemBlocks(text);
  const request = blocks.find((b) => REQUEST_LABELS.includes(b.label));
  if (request) return { ok: true, der: request.der, encoding };
  if (blocks.length > 0) {
    const labels = blocks.map((b) => b.label);
    const key = labels.find((l) => l.includes('PRIVATE KEY'));
    return {
      ok: false,
      reason: key
        ? `the file holds a private key (${key}), not a certificate request; move the key somewhere safe and point at the request file instead.`
        : `the file holds ${labels.join(', ')} but no CERTIFICATE REQUEST block.`,
    };
  }
  const compact = text.replace(/\s+/g, '');
  if (compact.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const der = Buffer.from(compact, 'base64');
    if (der[0] === 0x30) return { ok: true, der, encoding: 'base64' };
  }
  return { ok: false, reason: 'the file is not a certificate request: expected PEM (CERTIFICATE REQUEST or NEW CERTIFICATE REQUEST), UTF-16 PEM text or DER.' };
}

function decodeText(bytes: Buffer): { text: string; encoding: RequestFileEncoding } {
  const even = (b: Buffer) => b.subarray(0, b.length - (b.length % 2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: even(bytes.subarray(2)).toString('utf16le'), encoding: 'pem-utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: Buffer.from(even(bytes.subarray(2))).swap16().toString('utf16le'), encoding: 'pem-utf16be' };
  // UTF-16LE without a BOM: ASCII text with every second byte zero.
  if (bytes.length >= 4 && bytes.length % 2 === 0 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) {
    return { text: bytes.toString('utf16le'), encoding: 'pem-utf16le' };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: bytes.subarray(start).toString('utf8'), encoding: 'pem' };
}
