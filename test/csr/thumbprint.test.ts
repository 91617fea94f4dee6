/**
 * A throwaway test CA (openssl, temp folder) signs the requests the library makes, as a
 * CA would, and the thumbprint the library computes is the one openssl (and so Exchange's
 * Get-ExchangeCertificate) shows.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateLocalRequest, sha1Thumbprint } from '../../src/csr';
import { buildPlan } from '../../src/model/plan';
import { contoso } from '../fixtures/contoso';
import { OPENSSL, makeTestCa, opensslOk, opensslRequestText, opensslSha1Thumbprint, signWithTestCa, tempDir, TestCa } from './openssl';

/** The DNS names openssl reads from a request (the CA copies them into the certificate). */
function requestDnsNames(csrPem: string): string[] {
  const san = /X509v3 Subject Alternative Name:[^\n]*\n\s*([^\n]+)/.exec(opensslRequestText(csrPem));
  assert.ok(san, 'the request has a subjectAltName');
  return san[1].split(',').map((s) => s.trim().replace(/^DNS:/, ''));
}

describe('Contoso, two certificates: a test CA signs both requests and the thumbprints match openssl', () => {
  const work = tempDir('csr-ca');
  let ca: TestCa;
  const plan = buildPlan(contoso('twoCertificates'));
  const issued: Record<string, string> = {};

  before(() => {
    ca = makeTestCa(work.path);
    plan.certificates.forEach((cert, i) => {
      const { csrPem } = generateLocalRequest(cert, { privateKeyPath: join(work.path, 'keys', `${cert.id}.key`), outdir: join(work.path, 'cdktf.out') });
      issued[cert.id] = signWithTestCa(ca, work.path, csrPem, requestDnsNames(csrPem), 1000 + i);
    });
  });
  after(() => work.dispose());

  test('the plan has a mail and an autodiscover certificate', () => {
    assert.deepEqual(plan.certificates.map((c) => [c.id, c.names]), [
      ['mail', ['mail.contoso.com']],
      ['autodiscover', ['autodiscover.contoso.com']],
    ]);
  });

  test('each issued certificate names exactly its planned host and chains to the test CA', () => {
    for (const cert of plan.certificates) {
      assert.match(opensslOk(['x509', '-noout', '-ext', 'subjectAltName'], issued[cert.id]), new RegExp(`DNS:${cert.names[0].replace(/\./g, '\\.')}\\n`));
      assert.match(opensslOk(['verify', '-CAfile', ca.certPath], issued[cert.id]), /OK/);
    }
  });

  test('sha1Thumbprint equals openssl x509 -fingerprint -sha1, upper-case hex without colons', () => {
    for (const cert of plan.certificates) {
      const thumbprint = sha1Thumbprint(issued[cert.id]);
      assert.match(thumbprint, /^[0-9A-F]{40}$/);
      assert.equal(thumbprint, opensslSha1Thumbprint(issued[cert.id]));
    }
    assert.notEqual(sha1Thumbprint(issued.mail), sha1Thumbprint(issued.autodiscover));
  });

  test('a chain (leaf first, as aws_acmpca_certificate and CAs return it) gives the leaf thumbprint; DER bytes too', () => {
    const chain = `${issued.mail}${opensslOk(['x509', '-in', ca.certPath])}`;
    assert.equal(sha1Thumbprint(chain), opensslSha1Thumbprint(issued.mail));
    const der = spawnSync(OPENSSL, ['x509', '-outform', 'DER'], { input: issued.mail }).stdout;
    assert.equal(der[0], 0x30);
    assert.equal(sha1Thumbprint(der), opensslSha1Thumbprint(issued.mail));
  });

  test('text without a certificate is refused', () => {
    assert.throws(() => sha1Thumbprint('-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n'), /no -----BEGIN CERTIFICATE----- block/);
  });
});
