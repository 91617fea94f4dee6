/**
 * Thrown at construction for input that cannot make a correct plan. It lists every problem
 * found (all input errors at once, not the first one): for each, the prop, the value as
 * given, why it is refused and what to do instead.
 *
 * `prop`, `value`, `reason` and `remedy` are the first problem's, so code that handles one
 * problem keeps working; `problems` holds them all.
 */
export class PlanInputError extends Error {
  /** The first problem's prop path, for example 'additionalEmailDomains[1]'. */
  declare public readonly prop: string;
  /** The first problem's value as given. */
  declare public readonly value: unknown;
  /** Why the first problem's value is refused. */
  declare public readonly reason: string;
  /** What to do instead (the first problem's). */
  declare public readonly remedy: string;
  /** Every problem found, in the order of the props. */
  declare public readonly problems: readonly PlanInputProblem[];

  /**
   * One problem: `new PlanInputError(prop, value, reason, remedy)`. Several at once:
   * `PlanInputError.of(problems)`.
   */
  constructor(prop: string, value: unknown, reason: string, remedy?: string, more: readonly PlanInputProblem[] = []) {
    const problems = [problem(prop, value, reason, remedy), ...more];
    super(formatProblems(problems));
    // Not enumerable: node prints an uncaught error's own enumerable fields after it.
    const hidden = (key: string, v: unknown) => Object.defineProperty(this, key, { value: v, enumerable: false });
    hidden('name', 'PlanInputError');
    hidden('prop', problems[0].prop);
    hidden('value', problems[0].value);
    hidden('reason', problems[0].reason);
    hidden('remedy', problems[0].remedy);
    hidden('problems', Object.freeze(problems));
    // The list is the whole story: a call stack into the library says nothing to the user,
    // and the cdktf CLI prints the app's stderr (twice), so it is kept to the list.
    Object.defineProperty(this, 'stack', { value: `PlanInputError: ${this.message}`, enumerable: false, writable: true, configurable: true });
  }

  /** How node prints it (uncaught, console.error, util.inspect): the list, as it is. */
  public [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `PlanInputError: ${this.message}`;
  }

  /** One error listing every problem (at least one). */
  public static of(problems: readonly PlanInputProblem[]): PlanInputError {
    if (problems.length === 0) throw new Error('PlanInputError.of needs at least one problem');
    const [first, ...rest] = problems;
    return new PlanInputError(first.prop, first.value, first.reason, first.remedy, rest);
  }
}

/** One refused input. */
export interface PlanInputProblem {
  readonly prop: string;
  readonly value: unknown;
  readonly reason: string;
  /** What to do instead; never empty. */
  readonly remedy: string;
}

/** A problem with its remedy filled in (a fallback that points at the prop's documentation when none is given). */
export function problem(prop: string, value: unknown, reason: string, remedy: string | undefined): PlanInputProblem {
  return { prop, value, reason, remedy: remedy && remedy.trim().length > 0 ? remedy : `change ${prop} as the reason says (see its documentation in the props).` };
}

/** The message: one problem on one line; several as a count, then one entry per problem. */
function formatProblems(problems: readonly PlanInputProblem[]): string {
  if (problems.length === 1) {
    const [p] = problems;
    return `ExchangeCertificatePlan: ${p.prop} = ${describe(p.value)}: ${p.reason} Fix: ${p.remedy}`;
  }
  const head = `ExchangeCertificatePlan: ${problems.length} input error${problems.length === 1 ? '' : 's'} (nothing was synthesized):`;
  const entries = problems.map((p) => `  - ${p.prop} = ${describe(p.value)}: ${p.reason}\n    Fix: ${p.remedy}`);
  return [head, ...entries].join('\n');
}

/** A value as the user wrote it, short. */
export function describe(value: unknown): string {
  if (value === undefined) return '(not given)';
  try {
    const text = typeof value === 'function' ? `[function ${value.name || 'anonymous'}]` : JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return String(value);
  }
}
