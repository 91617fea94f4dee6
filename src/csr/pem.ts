/**
 * PEM blocks: finding them in text and writing them. Headers are matched by label, so
 * Exchange's `NEW CERTIFICATE REQUEST` and the usual `CERTIFICATE REQUEST` both read.
 */

/** One `-----BEGIN <label>-----` ... `-----END <label>-----` block. */
export interface PemBlock {
  /** The label as written, for example 'NEW CERTIFICATE REQUEST'. */
  readonly label: string;
  /** The decoded body. */
  readonly der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in the text, in order. Headers inside the body (Proc-Type:) are skipped. */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2]
      .split(/\r?\n/)
      .filter((line) => !line.includes(':'))
      .join('')
      .replace(/\s+/g, '');
    out.push({ label: m[1], der: Buffer.from(body, 'base64') });
  }
  return out;
}

/** DER as PEM with the given label, 64 characters a line, LF line ends, a final newline. */
export function toPem(label: string, der: Buffer): string {
  const b64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
