/**
 * Runs the real terraform CLI with the AWS provider from the local filesystem mirror, fully
 * offline. Outside CI a missing terraform or mirror skips the test with a message; under
 * CI=true it is a failure.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, tempDir } from './synth';

export const PROVIDER_MIRROR = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';
const PROVIDER_DIR = path.join(PROVIDER_MIRROR, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0');

/** Why terraform cannot run here, or undefined when it can. */
export function terraformMissing(): string | undefined {
  const v = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) return 'terraform is not on PATH';
  if (!fs.existsSync(PROVIDER_DIR)) return `the AWS provider 5.100.0 mirror is not at ${PROVIDER_DIR}`;
  return undefined;
}

/**
 * For node:test's `skip` option: a reason string outside CI when terraform is missing,
 * false when it is there; under CI=true a missing terraform throws (CI must not skip).
 */
export function skipWithoutTerraform(): string | false {
  const missing = terraformMissing();
  if (!missing) return false;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`CI=true but ${missing}: terraform tests cannot be skipped in CI`);
  }
  return `skipped: ${missing} (set TF_PROVIDER_MIRROR or install terraform 1.11 to run it)`;
}

let cliConfig: string | undefined;
let pluginCache: string | undefined;

/** A CLI config that installs hashicorp/aws from the mirror only. */
export function terraformEnv(): NodeJS.ProcessEnv {
  if (!cliConfig) {
    const dir = tempDir('tf-cli');
    pluginCache = path.join(dir, 'plugin-cache');
    fs.mkdirSync(pluginCache);
    cliConfig = path.join(dir, 'terraformrc');
    fs.writeFileSync(
      cliConfig,
      [
        `plugin_cache_dir = ${JSON.stringify(pluginCache)}`,
        'provider_installation {',
        `  filesystem_mirror {`,
        `    path    = ${JSON.stringify(PROVIDER_MIRROR)}`,
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  }
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
}

/** Mock credentials and skip flags so `plan` runs offline, merged by Terraform's override rules. */
export const OFFLINE_OVERRIDE = {
  provider: {
    aws: [
      {
        access_key: 'mock_access_key',
        secret_key: 'mock_secret_key',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
      },
    ],
  },
};

export interface TerraformRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function terraform(dir: string, args: string[]): TerraformRun {
  const r = spawnSync('terraform', args, { cwd: dir, env: terraformEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

function mustSucceed(dir: string, args: string[]): string {
  const r = terraform(dir, args);
  if (r.status !== 0) {
    throw new Error(`terraform ${args.join(' ')} failed in ${dir} (exit ${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  return r.stdout;
}

/** The planned values after init, validate and plan: `terraform show -json` of the plan. */
export interface PlannedStack {
  readonly workDir: string;
  readonly validate: { valid: boolean; error_count: number; warning_count: number; diagnostics: unknown[] };
  readonly plan: TerraformPlanJson;
}

export interface TerraformPlanJson {
  planned_values: { root_module: { resources?: PlannedResource[] }; outputs?: Record<string, { value?: unknown; sensitive: boolean }> };
  resource_changes: { address: string; type: string; change: { actions: string[]; after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[];
}

export interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/**
 * Copies a synthesized stack folder (cdk.tf.json and assets) to a work folder, adds the
 * offline override, and runs init, validate and plan -refresh=false.
 */
export function planStack(stackDir: string): PlannedStack {
  const workDir = tempDir('tf-work');
  for (const f of listFiles(stackDir)) {
    if (f.startsWith('.terraform')) continue;
    const target = path.join(workDir, f);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(stackDir, f), target);
  }
  fs.writeFileSync(path.join(workDir, 'offline_override.tf.json'), JSON.stringify(OFFLINE_OVERRIDE, null, 2));
  mustSucceed(workDir, ['init', '-input=false', '-no-color']);
  const validate = JSON.parse(mustSucceed(workDir, ['validate', '-json', '-no-color']));
  mustSucceed(workDir, ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false', '-out=tfplan']);
  const plan = JSON.parse(mustSucceed(workDir, ['show', '-json', 'tfplan'])) as TerraformPlanJson;
  return { workDir, validate, plan };
}

/** Planned resources of a type, by name. */
export function resourcesOf(plan: TerraformPlanJson, type: string): Map<string, PlannedResource> {
  return new Map((plan.planned_values.root_module.resources ?? []).filter((r) => r.type === type).map((r) => [r.name, r]));
}
