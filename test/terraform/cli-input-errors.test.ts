/**
 * A user's first typo, as `npx cdktf synth` shows it: every input error at once, each with
 * prop, value, reason and fix, no call stack, no `undefined`, printed once, and the plan
 * adds nothing to the stack. (The CLI echoes an app's stderr live and again in its failure
 * summary; under the CLI the plan reports its input errors as one error annotation, which
 * the CLI prints once before it stops.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { copyProject, REPO_ROOT, tempDir } from '../helpers/synth';

const CDKTF = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdktf');

test('npx cdktf synth with three bad props prints them all, once, readably', () => {
  const dir = copyProject('contoso-san-certificate', tempDir('cli-input-errors'));
  const main = path.join(dir, 'main.ts');
  const source = fs.readFileSync(main, 'utf8');
  const broken = source
    .replace("country: 'US'", "country: 'UK'")
    .replace("emailDomain: 'contoso.com',", "emailDomain: 'contoso..com', emailDomian: 'contoso.com',")
    .replace("new ExchangeCertificatePlan(this, 'contoso', {", "new ExchangeCertificatePlan(this, 'contoso', <never>{");
  assert.notEqual(broken, source);
  fs.writeFileSync(main, broken);

  const r = spawnSync(CDKTF, ['synth'], { cwd: dir, env: { ...process.env, CI: 'true', FORCE_COLOR: '0', CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  assert.notEqual(r.status, 0, out);
  assert.match(out, /ExchangeCertificatePlan: 3 input errors \(nothing was synthesized\):/);
  assert.match(out, /emailDomian = "contoso\.com": is not a prop of ExchangeCertificatePlan; did you mean 'emailDomain'\?\n\s+Fix: rename it to 'emailDomain'\./);
  assert.match(out, /organization\.country = "UK": .* alias of 'GB' \(United Kingdom\)\.\n\s+Fix: use 'GB'\./);
  assert.match(out, /emailDomain = "contoso\.\.com": has an empty label/);
  assert.doesNotMatch(out, /\n\s+at [^\n]*\((\/|node:)/, 'no call stack');
  assert.doesNotMatch(out, /undefined/);
  assert.doesNotMatch(out, /getaddrinfo|ENOTFOUND/);
  assert.equal(out.split('emailDomian = ').length - 1, 1, out);
  assert.match(out, /ERROR \[contoso-san-certificate\/contoso\]: ExchangeCertificatePlan: 3 input errors/);
  // The CLI stops on the error annotation: nothing of the plan is in the stack, no asset.
  const stackDir = path.join(dir, 'cdktf.out', 'stacks', 'contoso-san-certificate');
  if (fs.existsSync(path.join(stackDir, 'cdk.tf.json'))) {
    const stack = fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8');
    assert.doesNotMatch(stack, /aws_route53_record|plan-files|ExchangeCertificatePlan/);
  }
  assert.ok(!fs.existsSync(path.join(stackDir, 'assets')), 'no asset folder');

  // diff stops there too, before Terraform runs.
  const diff = spawnSync(CDKTF, ['diff', '--skip-provider-lock'], { cwd: dir, env: { ...process.env, CI: 'true', FORCE_COLOR: '0', CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const diffOut = `${diff.stdout ?? ''}${diff.stderr ?? ''}`;
  assert.notEqual(diff.status, 0, diffOut);
  assert.equal(diffOut.split('emailDomian = ').length - 1, 1, diffOut);
  assert.doesNotMatch(diffOut, /terraform (init|plan)|Initializing the backend/i);
});
