/**
 * Where `generateLocally()` may write a private key: not inside the synth output folder
 * (it would be uploaded as an asset or committed with the stack), and not inside a git
 * repository unless git ignores the path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Options of `privateKeyPathRefusal()`. */
export interface PrivateKeyPathCheckOptions {
  /** The synth output folder (the cdktf App's outdir). */
  readonly outdir: string;
  /**
   * The git executable asked whether the path is ignored.
   * @default 'git' (from PATH)
   */
  readonly gitCommand?: string;
}

/** Why the key may not be written at `keyPath`, or undefined when it may. */
export function privateKeyPathRefusal(keyPath: string, options: PrivateKeyPathCheckOptions): string | undefined {
  const key = realPathOfPossiblyMissing(resolve(keyPath));
  const outdir = realPathOfPossiblyMissing(resolve(options.outdir));
  if (isInside(key, outdir)) {
    return 'the private key path lies inside the synth output folder, whose files become Terraform assets and are often committed or uploaded.';
  }
  const repo = enclosingGitRepository(dirname(key));
  if (repo === undefined) return undefined;
  const rel = relative(repo, key);
  const git = spawnSync(options.gitCommand ?? 'git', ['-C', repo, 'check-ignore', '-q', '--', rel], { encoding: 'utf8', timeout: 10_000 });
  if (git.error) {
    return `the private key path lies inside a git repository and git could not be run (${(git.error as NodeJS.ErrnoException).code ?? git.error.message}) to confirm the path is ignored.`;
  }
  if (git.status === 0) return undefined;
  if (git.status === 1) {
    return `the private key path lies inside a git repository and git does not ignore '${rel.split('\\').join('/')}', so the key could be committed.`;
  }
  return `the private key path lies inside a git repository and 'git check-ignore' failed (exit ${git.status}: ${git.stderr.trim().split('\n')[0]}).`;
}

/** Whether `child` is `parent` or lies below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The top of the git working tree holding `dir` (where `.git` is, a folder or a worktree file). */
function enclosingGitRepository(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** realpath of the longest existing prefix, with the missing rest appended (symlinked folders resolve). */
function realPathOfPossiblyMissing(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}
