/**
 * A PKCS#10 certificate request read with node-forge into plain data: subject, names,
 * key size, and whether its signature verifies.
 */
import type * as Forge from 'node-forge';
import { loadForge } from './forge-loader';
import { toPem } from './pem';

/** One subject attribute, in the order the request lists them. */
export interface RequestSubjectField {
  /** Short name: 'C', 'ST', 'L', 'O', 'OU', 'CN', 'E', ... or the OID when unnamed. */
  readonly shortName: string;
  readonly value: string;
}

/** What a certificate request says, as plain data. */
export interface ParsedRequest {
  /** The request re-encoded as PEM (`CERTIFICATE REQUEST`), byte-for-byte the same DER. */
  readonly pem: string;
  readonly subject: readonly RequestSubjectField[];
  /** dNSName entries of the subjectAltName extension, lower case, in request order. */
  readonly dnsNames: readonly string[];
  /** Other subjectAltName entries ('IP:192.0.2.1', 'email:...', 'type 0'), in request order. */
  readonly otherAltNames: readonly string[];
  /** 'RSA', or the public key algorithm OID for any other key. */
  readonly keyAlgorithm: string;
  /** RSA modulus length in bits (0 for other keys). */
  readonly keyBits: number;
  /** 'sha256WithRSAEncryption', 'sha1WithRSAEncryption', ... (or the OID). */
  readonly signatureAlgorithm: string;
  /** Whether the request's signature verifies with its own public key. */
  readonly signatureValid: boolean;
}

const RSA_OID = '1.2.840.113549.1.1.1';

/**
 * Reads a DER certificate request. Returns a reason instead when the bytes are not a
 * PKCS#10 request. Keys other than RSA are reported (keyAlgorithm), not parsed further.
 */
export function parseRequestDer(der: Buffer): { ok: true; request: ParsedRequest } | { ok: false; reason: string } {
  const forge = loadForge();
  der = outerTlv(der);
  let asn1: Forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), true);
  } catch (e) {
    return { ok: false, reason: `the file is not DER-encoded ASN.1 (${(e as Error).message}).` };
  }
  const keyOid = publicKeyOid(forge, asn1);
  if (keyOid === undefined) return { ok: false, reason: 'the file is not a PKCS#10 certificate request.' };
  if (keyOid !== RSA_OID) {
    return { ok: false, reason: `the request's key is not RSA (algorithm ${forge.pki.oids[keyOid] ?? keyOid}); Exchange requests RSA keys and the plan checks RSA key sizes.` };
  }
  let csr: Forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromAsn1(asn1, true) as Forge.pki.CertificateSigningRequest;
  } catch (e) {
    return { ok: false, reason: `the file is not a PKCS#10 certificate request (${(e as Error).message}).` };
  }
  let signatureValid: boolean;
  try {
    signatureValid = csr.verify();
  } catch {
    signatureValid = false;
  }
  const altNames = subjectAltNames(forge, csr);
  const publicKey = csr.publicKey as Forge.pki.rsa.PublicKey;
  return {
    ok: true,
    request: {
      pem: toPem('CERTIFICATE REQUEST', der),
      subject: csr.subject.attributes.map((a) => ({ shortName: a.shortName ?? a.type ?? '?', value: attributeText(forge, a) })),
      dnsNames: altNames.filter((n) => n.type === 2).map((n) => String(n.value).toLowerCase()),
      otherAltNames: altNames.filter((n) => n.type !== 2).map(describeAltName),
      keyAlgorithm: 'RSA',
      keyBits: publicKey.n.bitLength(),
      signatureAlgorithm: forge.pki.oids[csr.signatureOid ?? ''] ?? csr.signatureOid ?? 'unknown',
      signatureValid,
    },
  };
}

/** The first DER element (a file may end with a line break or padding after it). */
function outerTlv(der: Buffer): Buffer {
  if (der.length < 2) return der;
  const first = der[1];
  if (first < 0x80) return der.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || der.length < 2 + n) return der;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + der[2 + i];
  return der.length > 2 + n + len ? der.subarray(0, 2 + n + len) : der;
}

/** The SubjectPublicKeyInfo algorithm OID of a CertificationRequest, if the shape is right. */
function publicKeyOid(forge: typeof Forge, asn1: Forge.asn1.Asn1): string | undefined {
  try {
    const info = (asn1.value as Forge.asn1.Asn1[])[0];
    const spki = (info.value as Forge.asn1.Asn1[])[2];
    const algorithm = (spki.value as Forge.asn1.Asn1[])[0];
    const oid = (algorithm.value as Forge.asn1.Asn1[])[0];
    if (oid.type !== forge.asn1.Type.OID) return undefined;
    return forge.asn1.derToOid(oid.value as string);
  } catch {
    return undefined;
  }
}

interface AltName {
  type: number;
  value: unknown;
  ip?: string;
}

/** Microsoft's older attribute for requested extensions (xenroll, szOID_CERT_EXTENSIONS). */
const MS_CERT_EXTENSIONS_OID = '1.3.6.1.4.1.311.2.1.14';

type Extension = { name?: string; altNames?: AltName[] };

/** subjectAltName entries from the PKCS#9 extensionRequest, or from Microsoft's older attribute. */
function subjectAltNames(forge: typeof Forge, csr: Forge.pki.CertificateSigningRequest): AltName[] {
  const standard = csr.getAttribute({ name: 'extensionRequest' }) as { extensions?: Extension[] } | null;
  let extensions: Extension[] = standard?.extensions ?? [];
  if (!extensions.some((e) => e.name === 'subjectAltName')) {
    const microsoft = (csr.attributes as { type?: string; value?: unknown }[]).find((a) => a.type === MS_CERT_EXTENSIONS_OID);
    if (Array.isArray(microsoft?.value)) {
      extensions = (microsoft.value as Forge.asn1.Asn1[]).map((ext) => (forge.pki as unknown as { certificateExtensionFromAsn1(a: Forge.asn1.Asn1): Extension }).certificateExtensionFromAsn1(ext));
    }
  }
  return extensions.find((e) => e.name === 'subjectAltName')?.altNames ?? [];
}

function describeAltName(n: AltName): string {
  switch (n.type) {
    case 1:
      return `email:${String(n.value)}`;
    case 6:
      return `URI:${String(n.value)}`;
    case 7:
      return `IP:${n.ip ?? '?'}`;
    default:
      return `subjectAltName entry of type ${n.type}`;
  }
}

/** The attribute value as text, whatever string type the request used. */
function attributeText(forge: typeof Forge, a: { value?: unknown; valueTagClass?: unknown }): string {
  const raw = String(a.value ?? '');
  switch (a.valueTagClass) {
    case forge.asn1.Type.UTF8:
      return forge.util.decodeUtf8(raw);
    case forge.asn1.Type.BMPSTRING:
      return raw.length % 2 === 0 ? Buffer.from(raw, 'binary').swap16().toString('utf16le') : raw;
    default:
      return raw;
  }
}
