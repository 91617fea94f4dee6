/** The pieces of README.md the package tests run, so what a user copies is what is tested. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/synth';

export const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The text of a `## ` section (up to the next `## `). */
export function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section '## ${heading}'`);
  const rest = README.slice(start + 1);
  const end = rest.indexOf('\n## ', 4);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The fenced code blocks of a text. */
export function codeBlocks(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], body: m[2] }));
}

/** The one block whose body matches, or an error naming what is missing. */
export function block(text: string, test: RegExp): string {
  const found = codeBlocks(text).filter((b) => test.test(b.body));
  if (found.length !== 1) throw new Error(`README: expected one code block matching ${test}, found ${found.length}`);
  return found[0].body;
}

const own = section('Use it in your own project');
const use = section('Use');

/** The program of the Use section, from `const app` on (what follows the imports). */
export const PROGRAM_BODY = (() => {
  const ts = block(use, /new ExchangeCertificatePlan/);
  const i = ts.indexOf('const app = new App();');
  if (i < 0) throw new Error('README Use program has no `const app = new App();`');
  return { imports: ts.slice(0, i), body: ts.slice(i) };
})();

export const CJS_IMPORTS = block(own, /^\/\/ CommonJS/);
export const ESM_IMPORTS = block(own, /^\/\/ ESM/);
export const TSCONFIG = block(own, /"compilerOptions"/);
export const OFFLINE_OVERRIDE_JSON = block(own, /"skip_credentials_validation"/);

/** The `npm install` lines of the section, as package specs (no flags). */
export const INSTALL_SPECS: string[] = block(own, /^npm install/m)
  .split('\n')
  .filter((l) => l.startsWith('npm install'))
  .flatMap((l) => l.replace(/#.*/, '').split(/\s+/).slice(2))
  .filter((w) => w.length > 0 && !w.startsWith('-'));
