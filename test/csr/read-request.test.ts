/**
 * CertificateRequest.fromFile(): a request made on the server (here by openssl, in every
 * encoding Exchange writes) is read with node-forge and checked against the plan.
 */
import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import * as forge from 'node-forge';
import { after, before, describe, test } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRequestAgainstPlan, parseCertificateRequest, readCertificateRequest } from '../../src/csr';
import { buildPlan } from '../../src/model/plan';
import { PlanInputError } from '../../src/model/errors';
import { PlannedCertificate } from '../../src/model/types';
import { contoso } from '../fixtures/contoso';
import { opensslKey, opensslOk, opensslRequest, opensslVerifiesRequest, tempDir } from './openssl';

/**
 * The request with its extensionRequest attribute re-typed as Microsoft's older
 * szOID_CERT_EXTENSIONS and signed again (SHA-256) with the same key.
 */
function withMicrosoftExtensionsAttribute(der: Buffer, keyPem: string): Buffer {
  const { asn1 } = forge;
  const request = asn1.fromDer(der.toString('binary'));
  const info = (request.value as forge.asn1.Asn1[])[0];
  const attributes = (info.value as forge.asn1.Asn1[])[3];
  const extensionRequest = (attributes.value as forge.asn1.Asn1[]).find((a) => asn1.derToOid((a.value as forge.asn1.Asn1[])[0].value as string) === '1.2.840.113549.1.9.14');
  assert.ok(extensionRequest, 'openssl wrote an extensionRequest');
  (extensionRequest.value as forge.asn1.Asn1[])[0].value = asn1.oidToDer('1.3.6.1.4.1.311.2.1.14').getBytes();
  const infoDer = Buffer.from(asn1.toDer(info).getBytes(), 'binary');
  const signature = sign('sha256', infoDer, keyPem);
  const signed = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    info,
    (request.value as forge.asn1.Asn1[])[1],
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\0${signature.toString('binary')}`),
  ]);
  return Buffer.from(asn1.toDer(signed).getBytes(), 'binary');
}

const CONTOSO_SUBJECT = '/C=US/O=Contoso Inc/CN=mail.contoso.com';
const CONTOSO_NAMES = ['mail.contoso.com', 'autodiscover.contoso.com'];

/** Asserts the check refuses the request, and returns the error for more assertions. */
function refusal(request: Buffer, cert: PlannedCertificate, label = 'exchange.req'): PlanInputError {
  try {
    checkRequestAgainstPlan(parseCertificateRequest(request, label), cert, label);
  } catch (e) {
    assert.ok(e instanceof PlanInputError, `expected a PlanInputError, got ${String(e)}`);
    assert.equal(e.prop, 'certificateRequest');
    assert.equal(e.value, label);
    return e;
  }
  assert.fail('the request was accepted');
}

function accepts(request: Buffer, cert: PlannedCertificate): void {
  checkRequestAgainstPlan(parseCertificateRequest(request, 'exchange.req'), cert, 'exchange.req');
}

describe('Contoso, SAN certificate, Exchange 2007: the request made on SERVER01 is checked against the plan', () => {
  const dir = tempDir('csr-read');
  let key2048: string;
  let key1024: string;
  let goodPem: Buffer;
  const cert = buildPlan(contoso('sanCertificate')).certificates[0];

  before(() => {
    key2048 = opensslKey(dir.path, 'server01', 2048);
    key1024 = opensslKey(dir.path, 'server01-1024', 1024);
    goodPem = opensslRequest(key2048, CONTOSO_SUBJECT, CONTOSO_NAMES);
  });
  after(() => dir.dispose());

  test('the plan asks for mail and autodiscover, C=US, O=Contoso Inc, CN=mail.contoso.com, RSA 2048', () => {
    assert.deepEqual(cert.names, CONTOSO_NAMES);
    assert.equal(cert.subjectName, 'C=US, O=Contoso Inc, CN=mail.contoso.com');
    assert.equal(cert.keySize, 2048);
  });

  test('a request with exactly those names, in another order, is accepted and read as planned', () => {
    const request = opensslRequest(key2048, CONTOSO_SUBJECT, [...CONTOSO_NAMES].reverse());
    const parsed = parseCertificateRequest(request, 'exchange.req');
    assert.deepEqual(parsed.dnsNames, ['autodiscover.contoso.com', 'mail.contoso.com']);
    assert.equal(parsed.keyBits, 2048);
    assert.equal(parsed.signatureValid, true);
    assert.deepEqual(parsed.subject, [
      { shortName: 'C', value: 'US' },
      { shortName: 'O', value: 'Contoso Inc' },
      { shortName: 'CN', value: 'mail.contoso.com' },
    ]);
    accepts(request, cert);
  });

  test('Exchange 2007 -Path writes PEM under "BEGIN NEW CERTIFICATE REQUEST" with CRLF: accepted', () => {
    const exchange = goodPem.toString('ascii').replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST').replace(/\n/g, '\r\n');
    assert.match(exchange, /^-----BEGIN NEW CERTIFICATE REQUEST-----\r\n/);
    accepts(Buffer.from(exchange, 'ascii'), cert);
  });

  test('a 2016+ script writing UTF-16LE text with a byte order mark: accepted', () => {
    const text = goodPem.toString('ascii').replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST').replace(/\n/g, '\r\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal(utf16[3], 0x00, 'the file really is UTF-16LE');
    accepts(utf16, cert);
    const path = join(dir.path, 'utf16.req');
    writeFileSync(path, utf16);
    assert.deepEqual(readCertificateRequest(path).dnsNames, CONTOSO_NAMES);
  });

  test('Exchange 2007 -BinaryEncoded writes DER: accepted, and re-encoded as the same request in PEM', () => {
    const der = opensslRequest(key2048, CONTOSO_SUBJECT, CONTOSO_NAMES, 'DER');
    assert.equal(der[0], 0x30);
    const path = join(dir.path, 'binary.req');
    writeFileSync(path, der);
    const parsed = readCertificateRequest(path);
    checkRequestAgainstPlan(parsed, cert, path);
    assert.match(parsed.pem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
    assert.ok(opensslVerifiesRequest(parsed.pem), 'openssl verifies the re-encoded request');
    const body = parsed.pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    assert.deepEqual(Buffer.from(body, 'base64'), der);
  });

  test('the names under Microsoft\'s older extensions attribute (xenroll, 1.3.6.1.4.1.311.2.1.14) are read too', () => {
    const request = withMicrosoftExtensionsAttribute(opensslRequest(key2048, CONTOSO_SUBJECT, CONTOSO_NAMES, 'DER'), readFileSync(key2048, 'utf8'));
    assert.ok(opensslVerifiesRequest(request, 'DER'), 'openssl verifies the re-signed request');
    const structure = opensslOk(['asn1parse', '-inform', 'DER'], request);
    assert.match(structure, /:Microsoft Extension Request|:1\.3\.6\.1\.4\.1\.311\.2\.1\.14/);
    assert.doesNotMatch(structure, /:Extension Request\s*$/m);
    assert.deepEqual(parseCertificateRequest(request, 'xenroll.req').dnsNames, CONTOSO_NAMES);
    accepts(request, cert);
  });

  test('a request without autodiscover.contoso.com is refused, naming the missing name', () => {
    const e = refusal(opensslRequest(key2048, CONTOSO_SUBJECT, ['mail.contoso.com']), cert);
    assert.match(e.message, /certificate 'exchange' does not match the plan: names missing from the request: autodiscover\.contoso\.com[;.]/);
    assert.doesNotMatch(e.message, /names in the request that the plan does not have/);
  });

  test("the 2007 guide's list with server01.contoso.local and SERVER01 is refused, naming both extra names", () => {
    const e = refusal(opensslRequest(key2048, CONTOSO_SUBJECT, [...CONTOSO_NAMES, 'server01.contoso.local', 'SERVER01']), cert);
    assert.match(e.message, /names in the request that the plan does not have: server01\.contoso\.local, server01[;.]/);
    assert.doesNotMatch(e.message, /names missing/);
  });

  test('one name missing and one extra are both listed', () => {
    const e = refusal(opensslRequest(key2048, CONTOSO_SUBJECT, ['mail.contoso.com', 'webmail.contoso.com']), cert);
    assert.match(e.message, /names missing from the request: autodiscover\.contoso\.com; names in the request that the plan does not have: webmail\.contoso\.com/);
  });

  test("the seed's 1024-bit key is refused with its size and the planned size", () => {
    const e = refusal(opensslRequest(key1024, CONTOSO_SUBJECT, CONTOSO_NAMES), cert);
    assert.match(e.message, /does not match the plan: its key is RSA 1024 bits; the plan needs at least 2048 \(CAs refuse keys under 2048 bits\)\. Fix:/);
  });

  test('a request altered after signing (a byte of the signature flipped) is refused; openssl agrees it is bad', () => {
    const der = Buffer.from(opensslRequest(key2048, CONTOSO_SUBJECT, CONTOSO_NAMES, 'DER'));
    der[der.length - 20] ^= 0x01; // the last 256 bytes are the signature
    assert.equal(opensslVerifiesRequest(der, 'DER'), false, 'openssl also rejects the tampered request');
    const e = refusal(der, cert);
    assert.match(e.message, /its signature \(sha256WithRSAEncryption\) does not verify with its own key/);
  });

  test('a typed-by-hand subject (CN of the autodiscover host, O misspelt, an OU) is refused field by field', () => {
    const e = refusal(opensslRequest(key2048, '/C=US/O=Contoso/OU=IT/CN=autodiscover.contoso.com', CONTOSO_NAMES), cert);
    assert.match(e.message, /the subject has O='Contoso'; the plan has O='Contoso Inc'/);
    assert.match(e.message, /the subject has OU='IT' but the plan has no OU/);
    assert.match(e.message, /the subject has CN='autodiscover\.contoso\.com'; the plan has CN='mail\.contoso\.com'/);
    assert.doesNotMatch(e.message, /names missing/);
  });

  test('the error names the prop and the file, and says how to make the request again', () => {
    const e = refusal(opensslRequest(key2048, CONTOSO_SUBJECT, ['mail.contoso.com']), cert, 'requests/server01.req');
    assert.match(e.message, /^ExchangeCertificatePlan: certificateRequest = "requests\/server01\.req": /);
    assert.match(e.message, /Fix: make the request again .*names mail\.contoso\.com, autodiscover\.contoso\.com; subject C=US, O=Contoso Inc, CN=mail\.contoso\.com; RSA 2048 bits/);
  });

  test('a private key handed over instead of the request is refused without echoing it', () => {
    const keyPem = readFileSync(key2048, 'utf8');
    assert.throws(() => parseCertificateRequest(Buffer.from(keyPem), 'server01.key'), (e: Error) => {
      assert.match(e.message, /holds a private key \((RSA )?PRIVATE KEY\), not a certificate request/);
      assert.doesNotMatch(e.message, /MII/);
      return true;
    });
  });

  test('a file that is not a request, and a missing file, are refused', () => {
    assert.throws(() => parseCertificateRequest(Buffer.from('hello'), 'notes.txt'), /is not a certificate request/);
    assert.throws(() => readCertificateRequest(join(dir.path, 'missing.req')), /certificateRequest = ".*missing\.req": the request file cannot be read \(ENOENT\)/);
  });
});
