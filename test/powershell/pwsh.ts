/**
 * Runs a PowerShell snippet in pwsh (7.6, from $PWSH, the project's .tools/pwsh or PATH) for
 * the helper-function tests. Outside CI a missing pwsh skips those tests with a message;
 * under CI=true it fails them.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/synth';

export function pwshPath(): string | undefined {
  const candidates = [process.env.PWSH, path.join(REPO_ROOT, '.tools', 'pwsh', 'pwsh')];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'pwsh');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/** Why the pwsh tests cannot run here, or undefined when they can (throws under CI). */
export function pwshSkip(): string | undefined {
  if (pwshPath()) return undefined;
  if (process.env.CI === 'true') throw new Error('pwsh is missing (run scripts/ensure-pwsh.js or set PWSH); under CI=true the PowerShell helper tests must run.');
  return 'pwsh not found (set PWSH or install it into .tools/pwsh); skipped outside CI';
}

export interface PwshResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the script text as a file in a fresh pwsh (no profile). */
export function runPwsh(script: string, dir: string): PwshResult {
  const file = path.join(dir, `snippet-${fs.readdirSync(dir).length}.ps1`);
  fs.writeFileSync(file, script);
  const r = spawnSync(pwshPath() as string, ['-NoProfile', '-NonInteractive', '-File', file], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
