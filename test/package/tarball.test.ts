/**
 * The package as a new user gets it: `npm pack`, installed from the tarball into fresh
 * CommonJS, ESM and TypeScript projects outside the repository (so nothing resolves from the
 * repository's node_modules), with the commands, imports, tsconfig and offline override of
 * README "Use it in your own project", and the program of README "Use". Every range of
 * `@cdktf/provider-aws` the package declares is exercised with its newest release from the
 * npm registry: type-checked and synthesized; the 20.x line (AWS provider 5.100.0, the one in
 * the local Terraform mirror) is also validated and planned by terraform; `constructs` is
 * tried at the floor of its range (10.4.2, as the README installs) and at its newest. One npm cache
 * (`.test-work/npm-cache`) serves every install.
 */
import assert from 'node:assert/strict';
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { listFiles, REPO_ROOT, tempDir } from '../helpers/synth';
import { skipWithoutTerraform, terraform } from '../helpers/terraform';
import { CJS_IMPORTS, ESM_IMPORTS, INSTALL_SPECS, OFFLINE_OVERRIDE_JSON, PROGRAM_BODY, README, TSCONFIG } from './readme';

const CACHE = path.join(REPO_ROOT, '.test-work', 'npm-cache');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  license: string;
  files: string[];
  peerDependencies: Record<string, string>;
};
const PROVIDER = '@cdktf/provider-aws';
/** The AWS provider each provider-package line generates for, as the README table says. */
const AWS_PROVIDER_OF: Record<string, RegExp> = { '20': /^5\.100\.0$/, '21': /^6\.\d+\.\d+$/ };

/** The environment of every npm and node child: the shared cache, nothing of this repository's npm run. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_|^NODE_PATH$|^NODE_OPTIONS$|^INIT_CWD$/i.test(k)) env[k] = v;
  return { ...env, npm_config_cache: CACHE, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', CHECKPOINT_DISABLE: '1' };
}

function run(cwd: string, command: string, args: string[]): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${r.stderr}\n${r.stdout}\n${r.error ?? ''}`);
  return r;
}

/** Versions compared numerically, part by part (no pre-releases in these ranges). */
function newer(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The newest release of `name` in `range`, from the npm registry. */
function newestOf(name: string, range: string): string {
  const out = JSON.parse(run(tempDir('npm-view'), 'npm', ['view', `${name}@${range}`, 'version', '--json']).stdout) as string | string[];
  const list = (Array.isArray(out) ? out : [out]).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  assert.ok(list.length > 0, `no release of ${name} in ${range}`);
  return list.sort(newer)[list.length - 1];
}

let tarball = '';
let packed: string[] = [];

type Kind = 'commonjs' | 'esm' | 'typescript';

/** A fresh project of the kind, with the README's install lines (the tarball and the given provider). */
function project(kind: Kind, provider: string, constructs?: string): string {
  const dir = tempDir(`pkg-${kind}`);
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: `try-${kind}`, version: '1.0.0', private: true, type: kind === 'esm' ? 'module' : 'commonjs' }, null, 2)}\n`);
  const specs = INSTALL_SPECS.filter((s) => !s.startsWith('cdktf-cli@')) // the CLI is not needed to synthesize
    .filter((s) => kind === 'typescript' || !/^(typescript|ts-node|@types\/node)@/.test(s))
    .map((s) => (s === PKG.name ? tarball : s.startsWith(`${PROVIDER}@`) ? `${PROVIDER}@${provider}` : constructs && s.startsWith('constructs@') ? `constructs@${constructs}` : s));
  run(dir, 'npm', ['install', '--save-exact', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs]);
  // Nothing may come from the repository: every module resolves inside the project.
  const resolved = run(dir, process.execPath, ['-p', `['cdktf', 'constructs', '${PKG.name}', '${PROVIDER}/lib/provider'].map((m) => require.resolve(m)).join('\\n')`]).stdout.trim().split('\n');
  for (const r of resolved) assert.ok(r.startsWith(fs.realpathSync(dir)) || r.startsWith(dir), `${r} resolves outside the project`);
  return dir;
}

/** Runs the program, then checks the synthesized stack; returns the stack folder. */
function synthesize(dir: string, command: string[], provider: string): string {
  run(dir, command[0], command.slice(1));
  const stackDir = path.join(dir, 'cdktf.out', 'stacks', 'contoso');
  const tf = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  assert.ok(Object.keys(tf.resource.aws_route53_record).length > 0, 'Route53 records synthesized');
  assert.match(tf.terraform.required_providers.aws.version, AWS_PROVIDER_OF[provider.split('.')[0]], 'the AWS provider version the README names');
  const files = listFiles(stackDir);
  assert.ok(files.some((f) => f.endsWith('/PLAN.md')) && files.some((f) => f.endsWith('/plan.json')), 'PLAN.md and plan.json in the assets');
  return stackDir;
}

describe('the npm package in fresh projects', () => {
  const ranges = PKG.peerDependencies[PROVIDER].split('||').map((r) => r.trim());
  const newest = new Map<string, string>();

  before(() => {
    fs.mkdirSync(CACHE, { recursive: true });
    // Packed from a copy that also holds what a local synth leaves in the examples (a key
    // made at synth, an output folder), to prove they never reach the package.
    const stage = tempDir('pack-src');
    const skipOutputs = (src: string) => !/(^|[\\/])(secrets|cdktf\.out|\.terraform)([\\/]|$)/.test(src);
    for (const f of ['package.json', 'README.md', 'LICENSE']) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(stage, f));
    for (const d of ['src', 'examples', path.join('lib', 'src')]) fs.cpSync(path.join(REPO_ROOT, d), path.join(stage, d), { recursive: true, filter: skipOutputs });
    const probeKey = path.join(stage, 'examples', 'contoso-acm-private-ca-local-key', 'secrets', 'probe.key');
    fs.mkdirSync(path.dirname(probeKey), { recursive: true });
    fs.writeFileSync(probeKey, 'not a real key\n');
    fs.mkdirSync(path.join(stage, 'examples', 'contoso-san-certificate', 'cdktf.out'), { recursive: true });
    fs.writeFileSync(path.join(stage, 'examples', 'contoso-san-certificate', 'cdktf.out', 'manifest.json'), '{}\n');
    const dest = tempDir('pack');
    const out = JSON.parse(run(stage, 'npm', ['pack', '--json', '--pack-destination', dest]).stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(dest, out[0].filename);
    packed = out[0].files.map((f) => f.path);
    for (const r of ranges) newest.set(r, newestOf(PROVIDER, r));
    newest.set('constructs', newestOf('constructs', PKG.peerDependencies.constructs));
  });

  test('the tarball holds the LICENSE, the build, and every src/ and examples/ path the README names', () => {
    assert.equal(PKG.license, 'Apache-2.0');
    assert.ok(packed.includes('LICENSE') && /Apache License\s+Version 2\.0/.test(fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8')));
    assert.ok(packed.includes('lib/src/index.js') && packed.includes('lib/src/index.d.ts'));
    const named = [...new Set([...README.matchAll(/`((?:src|examples)\/[\w./-]+)`/g)].map((m) => m[1]))];
    assert.ok(named.length >= 5, `README names ${named.join(', ')}`);
    for (const p of named) assert.ok(packed.some((f) => f === p || f.startsWith(`${p}/`)), `${p} is named in the README but not in the package`);
    const leaked = packed.filter((f) => /(^|\/)(secrets|cdktf\.out|lib\/test)(\/|$)|\.key$/.test(f));
    assert.deepEqual(leaked, [], 'no keys, synth outputs or tests in the package');
  });

  test('every peer range of @cdktf/provider-aws maps to the AWS provider the README says', () => {
    assert.deepEqual(ranges, ['^20.1.0', '^21.0.0']);
    for (const r of ranges) assert.ok(README.includes(`| ${r.slice(1, 3)}.x (`), `README table has a row for ${r}`);
  });

  test('TypeScript (5.9 + ts-node 10.9), newest of each provider range: type-checks and synthesizes', () => {
    // The README's constructs (10.4.2, the range's floor) with 20.x; the newest of the constructs range with 21.x.
    for (const [i, r] of ranges.entries()) {
      const provider = newest.get(r)!;
      const dir = project('typescript', provider, i === ranges.length - 1 ? newest.get('constructs') : undefined);
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG);
      fs.writeFileSync(path.join(dir, 'main.ts'), PROGRAM_BODY.imports + PROGRAM_BODY.body);
      run(dir, 'npx', ['--no-install', 'tsc', '--noEmit', '-p', '.']);
      synthesize(dir, ['npx', '--no-install', 'ts-node', 'main.ts'], provider);
    }
  });

  test('CommonJS, newest 20.x: synthesizes; terraform validates and plans it with AWS provider 5.100.0 and the README override', { skip: skipWithoutTerraform() }, () => {
    const provider = newest.get(ranges[0])!;
    const dir = project('commonjs', provider);
    fs.writeFileSync(path.join(dir, 'main.js'), CJS_IMPORTS + PROGRAM_BODY.body);
    const stackDir = synthesize(dir, [process.execPath, 'main.js'], provider);
    fs.writeFileSync(path.join(stackDir, 'offline_override.tf.json'), OFFLINE_OVERRIDE_JSON);
    for (const args of [['init', '-input=false', '-no-color'], ['validate', '-no-color'], ['plan', '-refresh=false', '-input=false', '-no-color', '-lock=false']]) {
      const t = terraform(stackDir, args);
      assert.equal(t.status, 0, `terraform ${args[0]}:\n${t.stderr}\n${t.stdout}`);
      if (args[0] === 'plan') assert.match(t.stdout, /Plan: \d+ to add, 0 to change, 0 to destroy/);
    }
  });

  test('ESM ("type": "module"), newest 20.x: the README imports load and it synthesizes', () => {
    const provider = newest.get(ranges[0])!;
    const dir = project('esm', provider);
    fs.writeFileSync(path.join(dir, 'main.mjs'), ESM_IMPORTS + PROGRAM_BODY.body);
    synthesize(dir, [process.execPath, 'main.mjs'], provider);
  });
});
