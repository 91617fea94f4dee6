import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderScripts } from '../../src/powershell';
import { parsePowerShell, syntaxProblems } from './grammar';
import { allPlans } from './plans';

const plans = allPlans().map((p) => ({ ...p, files: renderScripts(p.plan) }));

describe('every script of every example, for every Exchange version', () => {
  test('parses with tree-sitter-powershell without an ERROR or MISSING node', async () => {
    let scripts = 0;
    const failures: string[] = [];
    for (const { name, files } of plans) {
      for (const file of files) {
        scripts++;
        const problems = syntaxProblems(await parsePowerShell(file.content));
        if (problems.length > 0) failures.push(`${name} ${file.path}: ${JSON.stringify(problems.slice(0, 3))}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(scripts > 500, `expected hundreds of scripts, rendered ${scripts}`);
  });

  test('the parse gate does fail on a broken script (a stray quote)', async () => {
    const broken = plans[0].files[0].content.replace("$ErrorActionPreference = 'Stop'", "$ErrorActionPreference = 'Stop");
    assert.notDeepEqual(syntaxProblems(await parsePowerShell(broken)), []);
  });

  test('each script starts with its header, then Set-StrictMode and $ErrorActionPreference = Stop', () => {
    for (const { name, files } of plans) {
      for (const file of files) {
        const lines = file.content.split('\n');
        const code = lines.filter((l) => l.trim() !== '' && !l.startsWith('#'));
        assert.equal(code[0], 'Set-StrictMode -Version Latest', `${name} ${file.path}`);
        assert.equal(code[1], "$ErrorActionPreference = 'Stop'", `${name} ${file.path}`);
        const header = lines.slice(0, lines.indexOf('Set-StrictMode -Version Latest')).join('\n');
        for (const part of ['Run on:', 'What it does:', 'What it needs:', 'Running it again:', 'Next:']) {
          assert.ok(header.includes(part), `${name} ${file.path} header lacks '${part}'`);
        }
      }
    }
  });

  test('scripts are numbered 01, 02, ... in run order, under scripts/, and rendering is deterministic', () => {
    for (const { name, plan, files } of plans) {
      files.forEach((f, i) => assert.match(f.path, new RegExp(`^scripts/${String(i + 1).padStart(2, '0')}-[a-z0-9-]+\\.ps1$`), name));
      assert.deepEqual(renderScripts(plan), files, name);
      assert.equal(new Set(files.map((f) => f.path)).size, files.length, name);
    }
  });

  test('no script holds a password, a private key or a path of the machine that rendered it', () => {
    for (const { name, files } of plans) {
      for (const file of files) {
        assert.doesNotMatch(file.content, /BEGIN (RSA |EC )?PRIVATE KEY|ConvertTo-SecureString|-AsPlainText/, `${name} ${file.path}`);
        assert.ok(!file.content.includes(process.cwd()), `${name} ${file.path} contains ${process.cwd()}`);
        for (const m of file.content.matchAll(/-Password (\S+)/g)) assert.equal(m[1], '$password', `${name} ${file.path}`);
        if (/-Password /.test(file.content)) assert.match(file.content, /\$password = Read-Host -AsSecureString/, `${name} ${file.path}`);
      }
    }
  });
});
