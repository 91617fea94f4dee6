import { InputProblems } from '../input-problems';

/** Records a problem for each value that appears a second time in `values`. */
export function rejectDuplicates(problems: InputProblems, prop: string, values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) problems.add(prop, v, `appears twice (in ${what}); each value may appear once.`, `remove the second '${v}'.`);
    seen.add(v);
  }
}
