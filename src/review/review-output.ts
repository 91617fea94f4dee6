/**
 * PLAN.md and plan.json written beside the project's code (`reviewOutputDir`), so a pull
 * request shows them: only those two files, with the bytes of the asset folder, written
 * only when they change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanInputError } from '../model/errors';
import { GeneratedFile } from '../output/generated-file';

/** The review files a pull request shows. */
export const REVIEW_FILE_PATHS: readonly string[] = ['PLAN.md', 'plan.json'];

/** Refuses a folder that is not a plain relative path inside the project. */
export function checkReviewOutputDir(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const bad = (reason: string) => new PlanInputError('reviewOutputDir', value, reason, "give a folder relative to the project, for example 'review/contoso'.");
  if (typeof value !== 'string' || value.trim().length === 0) throw bad('must be a non-empty string.');
  if (path.isAbsolute(value) || /^[A-Za-z]:/.test(value) || value.startsWith('\\\\')) throw bad('is absolute; the review files go inside the project.');
  if (value.split(/[\\/]/).some((part) => part === '..')) throw bad('leaves the project (..).');
  if (value.split(/[\\/]/)[0] === 'cdktf.out') throw bad('is inside cdktf.out, which synth replaces and git usually ignores.');
  return value;
}

/** Writes PLAN.md and plan.json under `projectDir/dir`; a file whose bytes are already there is left alone. Returns the paths written or kept. */
export function writeReviewFiles(projectDir: string, dir: string, files: readonly GeneratedFile[]): string[] {
  const target = path.resolve(projectDir, dir);
  fs.mkdirSync(target, { recursive: true });
  return REVIEW_FILE_PATHS.map((name) => {
    const file = files.find((f) => f.path === name);
    if (!file) throw new Error(`the review has no ${name}`);
    const out = path.join(target, name);
    const bytes = Buffer.from(file.content, 'utf8');
    if (!fs.existsSync(out) || !fs.readFileSync(out).equals(bytes)) fs.writeFileSync(out, bytes);
    return out;
  });
}
