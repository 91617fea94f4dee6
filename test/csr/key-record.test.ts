/**
 * A missing locally made key never silently becomes a new key: with a committed request
 * record, synth stops naming the record and the remedy; a new key is made only with
 * allowNewKey; a key without a record is a warning.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { App, TerraformStack } from 'cdktf';
import { CertificateIssuer, CertificateRequest, ExchangeCertificatePlan, PlanInputError } from '../../src';
import { generateLocalRequest } from '../../src/csr';
import { buildPlan } from '../../src/model/plan';
import { contoso } from '../fixtures/contoso';
import { listFiles } from '../helpers/synth';
import { tempDir } from './openssl';

const CA = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555';

describe('a locally made key and its committed request record', () => {
  const cert = buildPlan(contoso('sanCertificate')).certificates[0];

  test('the first synth writes the request record; a fresh clone without the key stops; allowNewKey makes a new one', () => {
    const work = tempDir('key-record');
    try {
      const keyPath = join(work.path, 'secrets', 'exchange.key');
      const record = join(work.path, 'project', 'requests', 'exchange.req');
      const outdir = join(work.path, 'project', 'cdktf.out');
      const first = generateLocalRequest(cert, { privateKeyPath: keyPath, outdir, requestRecordPath: record });
      assert.equal(first.keyCreated, true);
      assert.equal(readFileSync(record, 'utf8'), first.csrPem, 'the record holds the request, no key');

      // The same machine: the key is reused, the record unchanged.
      assert.equal(generateLocalRequest(cert, { privateKeyPath: keyPath, outdir, requestRecordPath: record }).csrPem, first.csrPem);

      // A fresh clone: the record is committed, the key is not.
      rmSync(keyPath);
      assert.throws(
        () => generateLocalRequest(cert, { privateKeyPath: keyPath, outdir, requestRecordPath: record }),
        (e: unknown) => e instanceof PlanInputError && e.prop === 'certificateRequest' && e.value === keyPath && /key file is missing/.test(e.message) && /allowNewKey: true/.test(e.message),
      );
      assert.equal(existsSync(keyPath), false, 'no key was made');
      assert.equal(readFileSync(record, 'utf8'), first.csrPem, 'the record is unchanged');

      // The deliberate choice: a new key, a new request, and the record follows it.
      const renewed = generateLocalRequest(cert, { privateKeyPath: keyPath, outdir, requestRecordPath: record, allowNewKey: true });
      assert.equal(renewed.keyCreated, true);
      assert.notEqual(renewed.csrPem, first.csrPem);
      assert.equal(readFileSync(record, 'utf8'), renewed.csrPem);
    } finally {
      work.dispose();
    }
  });

  test('the construct warns about a key without a record, and refuses a missing recorded key before anything is written', () => {
    const work = tempDir('key-record-construct');
    try {
      const keyPath = join(work.path, 'secrets', 'exchange.key');
      const record = join(work.path, 'requests', 'exchange.req');
      const build = (requestRecordPath: string | undefined, out: string) => {
        const app = new App({ outdir: join(work.path, out) });
        const stack = new TerraformStack(app, 'contoso');
        return new ExchangeCertificatePlan(stack, 'contoso', contoso('sanCertificate', {
          issuer: CertificateIssuer.acmPrivateCa({ certificateAuthorityArn: CA }),
          certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: keyPath, requestRecordPath }),
        }));
      };
      const warnings = (p: ExchangeCertificatePlan) => p.node.metadata.filter((m) => m.type === '@cdktf/warn' && String(m.data).includes('EXC-LOCAL-KEY-UNRECORDED'));
      assert.equal(warnings(build(record, 'out1')).length, 0, 'a recorded key is safe');
      assert.equal(warnings(build(undefined, 'out0')).length, 1, 'a key without a record is reported');
      rmSync(keyPath);
      assert.throws(() => build(record, 'out2'), (e: unknown) => e instanceof PlanInputError && e.message.includes(record) && /key file is missing/.test(e.message));
      assert.equal(existsSync(keyPath), false);
      const out2 = join(work.path, 'out2');
      assert.deepEqual(existsSync(out2) ? listFiles(out2) : [], [], 'nothing written');
    } finally {
      work.dispose();
    }
  });
});
