/**
 * A throwaway certificate authority made at test time (root, intermediate, leaves), with
 * node-forge for the certificates and Node's crypto for the keys. Nothing is written to
 * disk and no key is committed.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface KeyPair {
  readonly privateKeyPem: string;
  readonly forgePrivate: forge.pki.rsa.PrivateKey;
  readonly forgePublic: forge.pki.rsa.PublicKey;
}

const keys = new Map<number, KeyPair>();

/** One RSA key per size per process (making keys is the slow part). */
export function rsaKey(bits: number): KeyPair {
  let k = keys.get(bits);
  if (!k) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    k = { privateKeyPem, forgePrivate: forge.pki.privateKeyFromPem(privateKeyPem), forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) };
    keys.set(bits, k);
  }
  return k;
}

export interface Issued {
  readonly certPem: string;
  readonly key: KeyPair;
  readonly cert: forge.pki.Certificate;
}

let serial = 1;
const DAY = 86_400_000;

function make(subjectCn: string, key: KeyPair, issuer: Issued | undefined, opts: { ca: boolean; names?: readonly string[]; notBefore: Date; notAfter: Date; org?: string }): Issued {
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.forgePublic;
  serial += 1;
  cert.serialNumber = `0${(Date.now() * 1000 + serial).toString(16)}`;
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  const subject = [{ name: 'commonName', value: subjectCn }, { name: 'organizationName', value: opts.org ?? 'Verifier Test' }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(
    opts.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames: (opts.names ?? []).map((value) => ({ type: 2, value })) },
        ],
  );
  cert.sign((issuer ?? { key }).key.forgePrivate, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), key, cert };
}

/** A root and an intermediate under it. */
export class TestCa {
  readonly root: Issued;
  readonly intermediate: Issued;

  constructor(readonly name: string) {
    const now = Date.now();
    const key = rsaKey(2048);
    this.root = make(`${name} Root`, key, undefined, { ca: true, notBefore: new Date(now - 30 * DAY), notAfter: new Date(now + 3650 * DAY), org: name });
    this.intermediate = make(`${name} Issuing CA`, key, this.root, { ca: true, notBefore: new Date(now - 30 * DAY), notAfter: new Date(now + 1825 * DAY), org: name });
  }

  /** A server certificate with these names, signed by the intermediate. */
  leaf(names: readonly string[], opts: { bits: number; notBefore: Date; notAfter: Date }): Issued {
    return make(names[0], rsaKey(opts.bits), this.intermediate, { ca: false, names, notBefore: opts.notBefore, notAfter: opts.notAfter, org: this.name });
  }
}

/** A self-signed server certificate, as Exchange makes at setup (CN = the server name). */
export function selfSigned(cn: string, names: readonly string[]): Issued {
  const now = Date.now();
  return make(cn, rsaKey(2048), undefined, { ca: false, names, notBefore: new Date(now - DAY), notAfter: new Date(now + 1825 * DAY), org: 'Microsoft Exchange' });
}
