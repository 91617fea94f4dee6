/**
 * The plan's folder is written once, at synth, straight into cdktf's asset folder: the
 * folder cdktf is handed holds nothing to copy, cdktf.out holds exactly the rendered files,
 * and a later synth with other files leaves only the new version (cdktf's clean-up of
 * earlier versions still runs before the files are written).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { ExchangeCertificatePlan } from '../../src';
import { compareText } from '../../src/model/names';
import { scaledProps } from '../../bench/scaled-props';
import { listFiles, tempDir } from '../helpers/synth';

function synth(outdir: string, domains: number, servers: number): ExchangeCertificatePlan {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'scaled');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const plan = new ExchangeCertificatePlan(stack, 'scaled', scaledProps(domains, servers));
  app.synth();
  return plan;
}

test('12 domains x 5 servers: the files are written once, into the asset folder only; a new synth replaces the old version', () => {
  const outdir = tempDir('plan-files-once');
  const first = synth(outdir, 12, 5);
  // The asset's source folder (what cdktf copies) is empty: nothing is staged and copied.
  const source = (first.planFiles as unknown as { sourcePath: string }).sourcePath;
  assert.deepEqual(fs.readdirSync(source), []);

  const stackDir = path.join(outdir, 'stacks', 'scaled');
  const folder = path.join(stackDir, ...first.planFiles.path.split('/'));
  assert.deepEqual(listFiles(folder), first.files.map((f) => f.path).sort(compareText));
  for (const f of first.files) assert.equal(fs.readFileSync(path.join(folder, f.path), 'utf8'), f.content, f.path);

  const second = synth(outdir, 12, 6);
  assert.notEqual(second.planFiles.assetHash, first.planFiles.assetHash, 'another server: other files, another hash');
  const versions = path.join(stackDir, ...second.planFiles.path.split('/').slice(0, -1).filter(Boolean));
  assert.deepEqual(fs.readdirSync(versions), [second.planFiles.assetHash], 'only the new version is left');
  assert.deepEqual(listFiles(path.join(versions, second.planFiles.assetHash)), second.files.map((f) => f.path).sort(compareText));
});
