/**
 * resolveCertificateRequests(): what the construct calls at synth. Requests made on the
 * server need nothing; a file is checked and passed on; a local request is made, and in
 * no case does a private key reach what is returned.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CertificateRequest } from '../../src';
import { resolveCertificateRequests } from '../../src/csr';
import { PlanInputError } from '../../src/model/errors';
import { buildPlan } from '../../src/model/plan';
import { contoso } from '../fixtures/contoso';
import { opensslKey, opensslRequest, opensslVerifiesRequest, tempDir } from './openssl';
import { findPrivateKeyMaterial } from './secret-scan';

describe('Contoso at synth: each request source', () => {
  const work = tempDir('csr-resolve');
  const outdir = join(work.path, 'cdktf.out');
  let serverKey: string;
  let mailRequestPath: string;

  before(() => {
    serverKey = opensslKey(work.path, 'server01', 2048);
    mkdirSync(join(work.path, 'requests'));
    mailRequestPath = join(work.path, 'requests', 'mail.req');
    // What Exchange 2007 writes for the mail certificate of twoCertificates.
    const pem = opensslRequest(serverKey, '/C=US/O=Contoso Inc/CN=mail.contoso.com', ['mail.contoso.com']).toString('ascii');
    writeFileSync(mailRequestPath, pem.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST').replace(/\n/g, '\r\n'));
  });
  after(() => work.dispose());

  test('onServer (the default): nothing is needed at synth', () => {
    assert.deepEqual(resolveCertificateRequests(buildPlan(contoso('sanCertificate')), { outdir }), { exchange: {} });
  });

  test('two certificates: mail from the server file, autodiscover generated locally', () => {
    const plan = buildPlan(
      contoso('twoCertificates', {
        certificateRequests: {
          mail: CertificateRequest.fromFile(mailRequestPath),
          autodiscover: CertificateRequest.generateLocally({ privateKeyPath: join(work.path, 'keys', 'autodiscover.key') }),
        },
      }),
    );
    const resolved = resolveCertificateRequests(plan, { outdir });
    assert.deepEqual(Object.keys(resolved), ['mail', 'autodiscover']);
    assert.match(resolved.mail.csrPem!, /^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
    assert.ok(opensslVerifiesRequest(resolved.mail.csrPem!));
    assert.ok(opensslVerifiesRequest(resolved.autodiscover.csrPem!));
    assert.deepEqual(findPrivateKeyMaterial(JSON.stringify(resolved)), []);
    // Deterministic: a second synth gives the same requests.
    assert.deepEqual(resolveCertificateRequests(plan, { outdir }), resolved);
  });

  test("the server's file for the SAN certificate lacks autodiscover: synth stops, naming it", () => {
    const plan = buildPlan(contoso('sanCertificate', { certificateRequest: CertificateRequest.fromFile(mailRequestPath) }));
    assert.throws(
      () => resolveCertificateRequests(plan, { outdir }),
      (e: unknown) => e instanceof PlanInputError && e.value === mailRequestPath && /names missing from the request: autodiscover\.contoso\.com/.test(e.message),
    );
  });

  test('one generateLocally key path for both certificates of twoCertificates is refused', () => {
    const plan = buildPlan(contoso('twoCertificates', { certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: join(work.path, 'keys', 'shared.key') }) }));
    assert.throws(
      () => resolveCertificateRequests(plan, { outdir }),
      (e: unknown) => e instanceof PlanInputError && e.prop === 'certificateRequests' && /certificates 'mail' and 'autodiscover' would share one private key file/.test(e.message),
    );
  });
});
