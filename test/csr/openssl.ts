/**
 * Test helpers around the real openssl (/usr/bin/openssl): requests and keys made by
 * openssl, a throwaway test CA in a temp folder, and openssl's own verdicts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OPENSSL = '/usr/bin/openssl';

/** Runs openssl; returns its exit status and output (never throws on a non-zero exit). */
export function openssl(args: readonly string[], input?: string | Buffer): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(OPENSSL, args, { input, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs openssl and fails the test with its stderr when it exits non-zero. */
export function opensslOk(args: readonly string[], input?: string | Buffer): string {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A temp folder removed by `dispose()`. */
export function tempDir(prefix: string): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/** An RSA key made by openssl (PEM file path). */
export function opensslKey(dir: string, name: string, bits: number): string {
  const path = join(dir, `${name}.pem`);
  opensslOk(['genrsa', '-out', path, String(bits)]);
  return path;
}

/** A CSR made by openssl with the given key, subject (/C=US/O=.../CN=...) and DNS names; PEM or DER bytes. */
export function opensslRequest(keyPath: string, subject: string, dnsNames: readonly string[], outform: 'PEM' | 'DER' = 'PEM'): Buffer {
  const args = ['req', '-new', '-key', keyPath, '-subj', subject, '-sha256', '-outform', outform];
  if (dnsNames.length > 0) args.push('-addext', `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(',')}`);
  const r = spawnSync(OPENSSL, args, { timeout: 30_000 });
  if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/**
 * `openssl req -verify -noout` on a request; true when the self-signature verifies.
 * OpenSSL 3.0 exits 0 even on "verify failure", so its message decides.
 */
export function opensslVerifiesRequest(request: Buffer | string, inform: 'PEM' | 'DER' = 'PEM'): boolean {
  const r = openssl(['req', '-verify', '-noout', '-inform', inform], request);
  const said = `${r.stdout}\n${r.stderr}`;
  return r.status === 0 && /self-signature verify OK/.test(said) && !/verify failure/.test(said);
}

/** `openssl req -text -noout` of a PEM request. */
export function opensslRequestText(pem: string): string {
  return opensslOk(['req', '-text', '-noout'], pem);
}

/** A throwaway CA (key and self-signed certificate) in `dir`. */
export interface TestCa {
  readonly keyPath: string;
  readonly certPath: string;
}

export function makeTestCa(dir: string): TestCa {
  const keyPath = opensslKey(dir, 'test-ca.key', 2048);
  const certPath = join(dir, 'test-ca.crt');
  opensslOk(['req', '-x509', '-new', '-key', keyPath, '-subj', '/CN=Throwaway Test CA', '-days', '2', '-sha256', '-out', certPath]);
  return { keyPath, certPath };
}

/**
 * The CA signs a PEM request the way a CA does: the SAN copied from the request into an
 * extfile, serverAuth EKU, 200 days. Returns the issued certificate (PEM).
 */
export function signWithTestCa(ca: TestCa, dir: string, csrPem: string, dnsNames: readonly string[], serial: number): string {
  const csrPath = join(dir, `req-${serial}.csr`);
  const extPath = join(dir, `ext-${serial}.cnf`);
  const certPath = join(dir, `cert-${serial}.crt`);
  writeFileSync(csrPath, csrPem);
  writeFileSync(extPath, `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
  opensslOk(['x509', '-req', '-in', csrPath, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-set_serial', String(serial), '-days', '200', '-sha256', '-extfile', extPath, '-out', certPath]);
  return readFileSync(certPath, 'utf8');
}

/** openssl's SHA-1 fingerprint as Exchange writes thumbprints: upper-case hex, no colons. */
export function opensslSha1Thumbprint(certPem: string): string {
  const out = opensslOk(['x509', '-fingerprint', '-sha1', '-noout'], certPem);
  const m = /=([0-9A-F:]+)\s*$/i.exec(out.trim());
  if (!m) throw new Error(`unexpected openssl fingerprint output: ${out}`);
  return m[1].replace(/:/g, '').toUpperCase();
}
