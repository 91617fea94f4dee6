/**
 * reviewOutputDir: PLAN.md and plan.json (only those) written inside the project for a
 * pull request, the same bytes as the asset folder, rewritten only when they change.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { ExchangeCertificatePlan, ExchangeCertificatePlanProps, PlanInputError } from '../../src';
import { contoso } from '../fixtures/contoso';
import { listFiles, tempDir } from '../helpers/synth';

/** Builds and synthesizes the Contoso plan with the project folder as cwd, as `cdktf synth` runs it. */
function synthIn(project: string, props: Partial<ExchangeCertificatePlanProps>): ExchangeCertificatePlan {
  const cwd = process.cwd();
  process.chdir(project);
  try {
    const app = new App({ outdir: path.join(project, 'cdktf.out') });
    const stack = new TerraformStack(app, 'contoso');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const plan = new ExchangeCertificatePlan(stack, 'contoso', contoso('sanCertificate', props));
    app.synth();
    return plan;
  } finally {
    process.chdir(cwd);
  }
}

describe('reviewOutputDir: the review files where a pull request shows them', () => {
  test('writes exactly PLAN.md and plan.json, byte for byte those of the asset folder', () => {
    const project = tempDir('review-output');
    const plan = synthIn(project, { reviewOutputDir: 'review/contoso' });
    const dir = path.join(project, 'review', 'contoso');
    assert.deepEqual(listFiles(dir), ['PLAN.md', 'plan.json']);
    const assets = path.join(project, 'cdktf.out', 'stacks', 'contoso', 'assets');
    const [asset] = listFiles(assets).filter((f) => f.endsWith('/PLAN.md'));
    for (const name of ['PLAN.md', 'plan.json']) {
      const written = fs.readFileSync(path.join(dir, name));
      assert.deepEqual(written, Buffer.from(plan.files.find((f) => f.path === name)!.content));
      assert.deepEqual(written, fs.readFileSync(path.join(assets, path.dirname(asset), name)), `${name} equals the asset copy`);
    }
    // Nothing else in the project but the output folder and the review folder.
    assert.deepEqual(fs.readdirSync(project).sort(), ['cdktf.out', 'review']);
  });

  test('deterministic: another checkout writes the same bytes; an unchanged file is not rewritten', () => {
    const a = tempDir('review-output-a');
    const b = tempDir('review-output-b');
    synthIn(a, { reviewOutputDir: 'plan' });
    synthIn(b, { reviewOutputDir: 'plan' });
    for (const name of ['PLAN.md', 'plan.json']) assert.deepEqual(fs.readFileSync(path.join(a, 'plan', name)), fs.readFileSync(path.join(b, 'plan', name)));
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(path.join(a, 'plan', 'PLAN.md'), old, old);
    synthIn(a, { reviewOutputDir: 'plan' });
    assert.equal(fs.statSync(path.join(a, 'plan', 'PLAN.md')).mtime.getTime(), old.getTime());
  });

  test('left out: nothing is written outside cdktf.out', () => {
    const project = tempDir('review-output-none');
    synthIn(project, {});
    assert.deepEqual(fs.readdirSync(project), ['cdktf.out']);
  });

  for (const bad of ['/tmp/review', '../review', 'review/../../x', 'cdktf.out/review', '', 'C:\\review']) {
    test(`refuses ${JSON.stringify(bad)} naming the prop, before anything is written`, () => {
      const project = tempDir('review-output-bad');
      assert.throws(() => synthIn(project, { reviewOutputDir: bad }), (e: unknown) => e instanceof PlanInputError && e.prop === 'reviewOutputDir' && /reviewOutputDir = /.test(e.message));
      // The App makes its (empty) output folder; the plan writes nothing.
      assert.deepEqual(fs.readdirSync(project).filter((n) => n !== 'cdktf.out'), []);
      assert.deepEqual(listFiles(project).filter((f) => /PLAN\.md|plan\.json|cdk\.tf\.json/.test(f)), []);
    });
  }
});
