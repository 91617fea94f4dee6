/**
 * What `cdktf synth` of every example writes for review: one asset folder holding
 * PLAN.md, plan.json (valid against its schema) and the scripts numbered in run order,
 * each with its header, each parsing without error, and all equal to what the renderers
 * make from the example's plan.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { PLAN_JSON_SCHEMA } from '../../src';
import { compareText } from '../../src/model/names';
import { loadExamplePlan } from '../helpers/examples';
import { exampleNames, listFiles, synthExample, tempDir } from '../helpers/synth';
import { parsePowerShell, syntaxProblems } from '../powershell/grammar';

const validate = new Ajv2020({ strict: true }).compile(PLAN_JSON_SCHEMA);

describe('each example writes its plan files as an asset', () => {
  for (const name of exampleNames()) {
    test(name, async () => {
      const s = synthExample(name, tempDir(`asset-${name}`));
      assert.equal(s.status, 0, s.stderr);
      const assets = path.join(s.stackDir, 'assets');
      const folders = fs.readdirSync(assets);
      assert.equal(folders.length, 1, 'one asset: the plan folder');
      const hashes = fs.readdirSync(path.join(assets, folders[0]));
      assert.equal(hashes.length, 1);
      const root = path.join(assets, folders[0], hashes[0]);

      const construct = loadExamplePlan(name);
      const files = listFiles(root);
      assert.deepEqual(files, construct.files.map((f) => f.path).sort(compareText), 'exactly the rendered files');
      for (const f of construct.files) assert.equal(fs.readFileSync(path.join(root, f.path), 'utf8'), f.content, f.path);

      assert.ok(files.includes('PLAN.md') && files.includes('plan.json'));
      const plan = JSON.parse(fs.readFileSync(path.join(root, 'plan.json'), 'utf8'));
      assert.ok(validate(plan), JSON.stringify(validate.errors));

      const scripts = files.filter((f) => f.startsWith('scripts/'));
      assert.ok(scripts.length >= 3, 'request/complete, URLs and verify at least');
      scripts.forEach((f, i) => assert.match(f, new RegExp(`^scripts/${String(i + 1).padStart(2, '0')}-[a-z0-9-]+\\.ps1$`), 'numbered in run order without gaps'));
      const planMd = fs.readFileSync(path.join(root, 'PLAN.md'), 'utf8');
      for (const f of scripts) {
        const text = fs.readFileSync(path.join(root, f), 'utf8');
        assert.match(text, /^# =+\r?\n# \d\d-[a-z0-9-]+\.ps1: .+\r?\n# Run on: /, `${f} starts with its header`);
        assert.match(text, /Set-StrictMode -Version Latest\r?\n\$ErrorActionPreference = 'Stop'/);
        assert.deepEqual(syntaxProblems(await parsePowerShell(text)), [], `${f} parses`);
        assert.ok(planMd.includes(f), `PLAN.md lists ${f}`);
      }
    });
  }
});
