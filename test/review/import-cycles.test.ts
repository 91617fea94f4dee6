/** The review code has no import cycle (coverage.ts and autodiscover-steps.ts once imported each other). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/synth';

/** Relative imports of every .ts file under a folder, as a graph of absolute paths. */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)]
      .map((m) => path.resolve(dir, `${m[1]}.ts`))
      .filter((t) => path.dirname(t) === dir && fs.existsSync(t));
    graph.set(file, targets);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

test('src/review: no import cycle', () => {
  const dir = path.join(REPO_ROOT, 'src', 'review');
  const graph = importGraph(dir);
  assert.ok(graph.size > 10);
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, cycle?.map((f) => path.basename(f)).join(' -> '));
});

test('the check finds a cycle when there is one', () => {
  assert.deepEqual(findCycle(new Map([['a', ['b']], ['b', ['a']]])), ['a', 'b', 'a']);
});
