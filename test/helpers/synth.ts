/** Synthesizes an example the way `cdktf synth` does (its own folder, CDKTF_OUTDIR set). */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareText } from '../../src/model/names';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'lib' ? ['..'] : []));
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** Every example folder (each has main.ts and cdktf.json). */
export function exampleNames(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(EXAMPLES_DIR, e.name, 'cdktf.json')))
    .map((e) => e.name)
    .sort();
}

export interface SynthResult {
  readonly outdir: string;
  readonly stackDir: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Runs the example's app with node + ts-node (transpile only), writing to `outdir`. */
export function synthExample(name: string, outdir: string, exampleDir = path.join(EXAMPLES_DIR, name)): SynthResult {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts'], {
    cwd: exampleDir,
    env: { ...process.env, CDKTF_OUTDIR: outdir, TS_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.json') },
    encoding: 'utf8',
  });
  return { outdir, stackDir: path.join(outdir, 'stacks', name), stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Runs a cdktf app file of the tests (a .ts under ts-node, or its compiled .js) with extra environment. */
export function runApp(file: string, env: NodeJS.ProcessEnv) {
  const args = file.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', file] : [file];
  return spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** Every file under a folder, relative POSIX paths, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/**
 * Copies the library source and one example into a fresh project folder (node_modules
 * linked), as a user's checkout at another path would be. Returns the example's folder.
 */
export function copyProject(name: string, root: string): string {
  const copy = (from: string, to: string) => fs.cpSync(from, to, { recursive: true, filter: (src) => !/(^|[\\/])(cdktf\.out|\.terraform|secrets)([\\/]|$)/.test(src) });
  copy(path.join(REPO_ROOT, 'src'), path.join(root, 'src'));
  copy(path.join(EXAMPLES_DIR, name), path.join(root, 'examples', name));
  for (const f of ['tsconfig.json', 'package.json']) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(root, f));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return path.join(root, 'examples', name);
}

/** Every file's bytes under a folder, by relative path. */
export function readTree(dir: string): Map<string, Buffer> {
  return new Map(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}
