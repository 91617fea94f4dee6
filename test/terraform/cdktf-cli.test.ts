/**
 * Each example runs with `npx cdktf synth` and `npx cdktf diff` from its own folder, as a
 * user runs it (cdktf-cli 0.21, terraform with the AWS provider from the local mirror).
 * The example is copied with the library into a temporary project so the working tree
 * stays clean; `diff` runs offline on the synthesized stack with an override file that
 * adds mock credentials (the examples' own provider blocks stay realistic).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { copyProject, exampleNames, REPO_ROOT, tempDir } from '../helpers/synth';
import { OFFLINE_OVERRIDE, skipWithoutTerraform, terraformEnv } from '../helpers/terraform';

const skip = skipWithoutTerraform();
const CDKTF = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdktf');

function cdktf(cwd: string, args: string[]) {
  const r = spawnSync(CDKTF, args, { cwd, env: { ...terraformEnv(), CI: 'true', FORCE_COLOR: '0' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe('npx cdktf synth and diff from each example folder', () => {
  for (const name of exampleNames()) {
    test(name, { skip }, () => {
      const dir = copyProject(name, tempDir(`cli-${name}`));
      const synth = cdktf(dir, ['synth']);
      assert.equal(synth.status, 0, synth.out);
      assert.match(synth.out, new RegExp(`Generated Terraform code for the stacks: ${name}`));
      const stackDir = path.join(dir, 'cdktf.out', 'stacks', name);
      assert.ok(fs.existsSync(path.join(stackDir, 'cdk.tf.json')));

      fs.writeFileSync(path.join(stackDir, 'offline_override.tf.json'), JSON.stringify(OFFLINE_OVERRIDE));
      const diff = cdktf(dir, ['diff', '--skip-synth', '--skip-provider-lock', name]);
      assert.equal(diff.status, 0, diff.out);
      assert.match(diff.out, /Plan: \d+ to add, 0 to change, 0 to destroy/);
    });
  }
});
