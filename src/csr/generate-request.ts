/**
 * `CertificateRequest.generateLocally()`: an RSA key made with Node's crypto and kept in
 * a 0600 file outside the synth output, and a PKCS#10 request built and signed (SHA-256)
 * with node-forge. An existing key is reused, and PKCS#1 v1.5 signatures are
 * deterministic, so synthesizing twice gives the same request.
 */
import { SUBJECT_FIELDS } from '../model/subject';
import type * as Forge from 'node-forge';
import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PlanInputError } from '../model/errors';
import { PlannedCertificate } from '../model/types';
import { loadForge } from './forge-loader';
import { toPem } from './pem';
import { privateKeyPathRefusal } from './private-key-path';

/** Options of `generateLocalRequest()`. */
export interface GenerateLocalRequestOptions {
  /** Where the private key is kept (PEM, PKCS#8, mode 0600). */
  readonly privateKeyPath: string;
  /** The synth output folder, which the key must stay out of. */
  readonly outdir: string;
  /**
   * The git executable that confirms a key path inside a repository is ignored.
   * @default 'git'
   */
  readonly gitCommand?: string;
  /** Committed file the request is written to; its presence shows a key was made before. */
  readonly requestRecordPath?: string;
  /** Make a new key even when the record shows one existed. */
  readonly allowNewKey?: boolean;
}

/** The request made for a certificate. Never holds the key. */
export interface GeneratedRequest {
  /** The CSR, PEM `CERTIFICATE REQUEST`. */
  readonly csrPem: string;
  /** Whether the key was made now (false: an existing key was reused). */
  readonly keyCreated: boolean;
}


/**
 * Makes (or reuses) the key at `privateKeyPath` and returns the signed request for the
 * planned certificate. Throws PlanInputError (prop 'certificateRequest', value the key
 * path) when the path is unsafe or an existing key there cannot serve.
 */
export function generateLocalRequest(cert: PlannedCertificate, options: GenerateLocalRequestOptions): GeneratedRequest {
  const refuse = (reason: string, remedy?: string): never => {
    throw new PlanInputError('certificateRequest', options.privateKeyPath, `certificate '${cert.id}': ${reason}`, remedy);
  };
  const refusal = privateKeyPathRefusal(options.privateKeyPath, options);
  if (refusal) {
    refuse(refusal, "keep keys outside the project (for example ~/.exchange-keys/contoso.key) or in a git-ignored folder such as 'secrets/', never in the synth output.");
  }
  const record = options.requestRecordPath === undefined ? undefined : resolve(options.requestRecordPath);
  if (record && existsSync(record) && !existsSync(resolve(options.privateKeyPath)) && !options.allowNewKey) {
    refuse(
      `the key file is missing, but ${options.requestRecordPath} holds the request made with it: a new key would mean a new request, so a new certificate replacing the one in service (with ACM Private CA, the old one revoked once it is no longer retained).`,
      `restore the key from where you keep it (secret store, backup, the machine that made it); or, to replace the key on purpose, pass allowNewKey: true to generateLocally() (with ACM Private CA, list the issuance in service in retainedIssuances first).`,
    );
  }
  const { key, created } = loadOrCreateKey(resolve(options.privateKeyPath), cert.keySize, refuse);
  const csrPem = signedRequest(cert, key);
  if (record && (!existsSync(record) || readFileSync(record, 'utf8') !== csrPem)) {
    mkdirSync(dirname(record), { recursive: true });
    writeFileSync(record, csrPem);
  }
  return { csrPem, keyCreated: created };
}

function loadOrCreateKey(path: string, keySize: number, refuse: (reason: string, remedy?: string) => never): { key: KeyObject; created: boolean } {
  let existing: Buffer | undefined;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) refuse('the private key path is not a file.');
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      refuse(`the existing key file is readable by others (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}).`, 'chmod 600 the key file, or delete it to have a new key made.');
    }
    existing = readFileSync(path);
  } catch (e) {
    if (e instanceof PlanInputError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') refuse(`the private key file cannot be read (${(e as NodeJS.ErrnoException).code}).`);
  }
  if (existing !== undefined) {
    let key: KeyObject;
    try {
      key = createPrivateKey(existing);
    } catch {
      return refuse('the existing file is not an unencrypted PEM private key.', 'delete it to have a new key made, or point privateKeyPath elsewhere.');
    }
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (key.asymmetricKeyType !== 'rsa') refuse(`the existing key is ${key.asymmetricKeyType}, not RSA.`);
    if (bits < keySize) refuse(`the existing key is RSA ${bits} bits; the plan needs at least ${keySize}.`, 'delete it to have a new key made, or lower keySize.');
    return { key, created: false };
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: keySize, publicExponent: 0x10001 });
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  } finally {
    closeSync(fd);
  }
  return { key: privateKey, created: true };
}

/** The PKCS#10 request for the certificate, signed SHA-256 with the key. */
function signedRequest(cert: PlannedCertificate, key: KeyObject): string {
  const forge = loadForge();
  const privateKey = forge.pki.privateKeyFromPem(key.export({ type: 'pkcs1', format: 'pem' }) as string) as Forge.pki.rsa.PrivateKey;
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  csr.setSubject(
    SUBJECT_FIELDS.filter(({ key: k }) => cert.subject[k] !== undefined).map(({ shortName, key: k }) => ({
      shortName,
      value: cert.subject[k]!,
      // Country is a PrintableString by definition (RFC 5280); the rest UTF8String.
      valueTagClass: (shortName === 'C' ? forge.asn1.Type.PRINTABLESTRING : forge.asn1.Type.UTF8) as unknown as Forge.asn1.Class,
    })),
  );
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [{ name: 'subjectAltName', altNames: cert.names.map((value) => ({ type: 2, value })) }],
    },
  ]);
  csr.sign(privateKey, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificationRequestToAsn1(csr)).getBytes(), 'binary');
  return toPem('CERTIFICATE REQUEST', der);
}
