/**
 * Deterministic output: the same example synthesized twice, from two project copies at
 * different paths, gives byte-identical output, and nothing in it holds an absolute path,
 * a time stamp or a random id.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { copyProject, exampleNames, readTree, REPO_ROOT, synthExample, tempDir } from '../helpers/synth';

describe('synthesized output is deterministic', () => {
  for (const name of exampleNames()) {
    test(`${name}: two syntheses in two folders are byte-identical`, () => {
      const rootA = tempDir(`det-a-${name}`);
      const rootB = path.join(tempDir(`det-b-${name}`), 'deeper', 'checkout');
      const dirA = copyProject(name, path.join(rootA, 'project'));
      const dirB = copyProject(name, path.join(rootB, 'project'));
      const a = synthExample(name, path.join(rootA, 'out'), dirA);
      // A key made at synth is an input: the second checkout gets the same one.
      if (fs.existsSync(path.join(dirA, 'secrets'))) fs.cpSync(path.join(dirA, 'secrets'), path.join(dirB, 'secrets'), { recursive: true });
      const b = synthExample(name, path.join(rootB, 'elsewhere-out'), dirB);
      assert.equal(a.status, 0, a.stderr);
      assert.equal(b.status, 0, b.stderr);
      const treeA = readTree(a.outdir);
      const treeB = readTree(b.outdir);
      assert.deepEqual([...treeA.keys()], [...treeB.keys()], 'same files');
      for (const [file, bytes] of treeA) {
        assert.ok(bytes.equals(treeB.get(file)!), `${file} differs between the two syntheses`);
        const text = bytes.toString('utf8');
        for (const forbidden of [rootA, rootB, REPO_ROOT, os.tmpdir(), os.homedir()]) {
          assert.ok(!text.includes(forbidden), `${file} holds the absolute path ${forbidden}`);
        }
        assert.doesNotMatch(text, /\b20\d\d-\d\d-\d\dT\d\d:\d\d/, `${file} holds a time stamp`);
      }
      assert.ok([...treeA.keys()].some((f) => f.endsWith('cdk.tf.json')));
    });
  }
});
