/**
 * No private key reaches synthesized output, assets, the planned Terraform state or the
 * logs: a plan whose requests are made on this machine (two keys written outside the
 * output) is synthesized and planned, and everything it produced is scanned. Every
 * example's output is scanned too.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { findPrivateKeyMaterial } from '../csr/secret-scan';
import { exampleNames, readTree, runApp, synthExample, tempDir } from '../helpers/synth';
import { planStack, skipWithoutTerraform } from '../helpers/terraform';

const skip = skipWithoutTerraform();

describe('no private key in output, assets, state or logs', () => {
  test('a plan with locally generated keys: the keys exist outside, and nothing else holds one', { skip }, () => {
    const keyDir = tempDir('keys');
    const outdir = tempDir('secrets-out');
    const r = runApp(require.resolve('../fixtures/generate-locally-app'), { CDKTF_OUTDIR: outdir, EXCHANGE_KEY_DIR: keyDir });
    assert.equal(r.status, 0, r.stderr);

    // The keys were made, with mode 0600, and the scanner finds them: it can see a key.
    for (const name of ['mail.key', 'autodiscover.key']) {
      const keyFile = path.join(keyDir, name);
      assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
      assert.ok(findPrivateKeyMaterial(fs.readFileSync(keyFile)).length > 0, 'the scanner recognises the key it must not find elsewhere');
    }

    assert.deepEqual(findPrivateKeyMaterial(`${r.stdout}\n${r.stderr}`), [], 'synth logs');
    const tree = readTree(outdir);
    assert.ok([...tree.keys()].some((f) => f.endsWith('cdk.tf.json')));
    for (const [file, bytes] of tree) assert.deepEqual(findPrivateKeyMaterial(bytes), [], `${file} in the synth output`);

    const stackDir = path.join(outdir, 'stacks', 'generate-locally');
    const cdkTf = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
    assert.equal(Object.keys(cdkTf.resource.aws_acmpca_certificate).length, 2, 'both requests are signed by the private CA');

    const { plan, workDir } = planStack(stackDir);
    assert.deepEqual(findPrivateKeyMaterial(JSON.stringify(plan)), [], 'planned state (terraform show -json)');
    fs.rmSync(path.join(workDir, '.terraform'), { recursive: true, force: true }); // provider binaries
    for (const [file, bytes] of readTree(workDir)) {
      assert.deepEqual(findPrivateKeyMaterial(bytes), [], `${file} in the terraform work folder`);
    }
  });

  for (const name of exampleNames()) {
    test(`example ${name}: no private key in its synth output or log`, () => {
      const s = synthExample(name, tempDir(`scan-${name}`));
      assert.equal(s.status, 0, s.stderr);
      assert.deepEqual(findPrivateKeyMaterial(`${s.stdout}\n${s.stderr}`), []);
      for (const [file, bytes] of readTree(s.outdir)) assert.deepEqual(findPrivateKeyMaterial(bytes), [], file);
    });
  }
});
