/**
 * What the deploy suite needs from the machine (terraform with the provider mirror, moto for
 * python3), the in-process synth of examples and scenario apps, and the per-test world.
 * Outside CI a missing tool skips with the reason; under CI=true it fails the suite.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ExchangeCertificatePlan } from '../../src';
import { loadExamplePlan } from '../helpers/examples';
import { tempDir } from '../helpers/synth';
import { terraformMissing } from '../helpers/terraform';
import { MotoServer, motoMissing } from './moto';

/** For node:test's `skip`: the reason outside CI, false when all is there; throws under CI. */
export function skipWithoutDeployTools(): string | false {
  const missing = [terraformMissing(), motoMissing()].filter((m): m is string => m !== undefined);
  if (missing.length === 0) return false;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`CI=true but the deploy suite cannot run: ${missing.join('; ')} (blocked: moto's registry is not reachable from the build machines, it must be preinstalled)`);
  }
  return `skipped: ${missing.join('; ')}`;
}

/** Synthesizes an example in this process (its folder as cwd, as cdktf does); returns the stack folder and plan. */
export function synthExampleHere(name: string): { stackDir: string; plan: ExchangeCertificatePlan } {
  const plan = loadExamplePlan(name);
  const app = App.of(plan);
  app.synth();
  return { stackDir: path.join(app.outdir, 'stacks', name), plan };
}

/** Synthesizes one stack built by `build` into a fresh folder; returns the stack folder. */
export function synthHere(stackName: string, build: (stack: TerraformStack) => void): string {
  const outdir = tempDir(`synth-${stackName}`);
  const app = new App({ outdir });
  const stack = new TerraformStack(app, stackName);
  build(stack);
  app.synth();
  const stackDir = path.join(outdir, 'stacks', stackName);
  if (!fs.existsSync(path.join(stackDir, 'cdk.tf.json'))) throw new Error(`synth of ${stackName} wrote no cdk.tf.json`);
  return stackDir;
}

/** Starts a fresh moto server, runs `body` with it, and always stops it. */
export async function withMoto<T>(body: (moto: MotoServer) => Promise<T>): Promise<T> {
  const moto = await MotoServer.start();
  try {
    return await body(moto);
  } finally {
    moto.stop();
  }
}
