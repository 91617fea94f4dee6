/**
 * Collects input problems so that all of them are reported at once, in one PlanInputError.
 * Checks either add a problem directly or run code that throws a PlanInputError (the
 * host-name rules do), which is caught and recorded.
 */
import { PlanInputError, PlanInputProblem, problem } from './errors';

export class InputProblems {
  private readonly list: PlanInputProblem[] = [];

  /** Records one problem. */
  public add(prop: string, value: unknown, reason: string, remedy: string): void {
    this.list.push(problem(prop, value, reason, remedy));
  }

  /**
   * Runs a check that throws PlanInputError and returns its result; on such an error the
   * problems are recorded and `undefined` returned. Any other error propagates.
   */
  public check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof PlanInputError)) throw e;
      this.list.push(...e.problems);
      return undefined;
    }
  }

  /** How many problems so far. */
  public get count(): number {
    return this.list.length;
  }

  /** Throws one PlanInputError listing every problem, when there is any. */
  public throwIfAny(): void {
    if (this.list.length === 0) return;
    const error = PlanInputError.of(this.list);
    throw error; // ExchangeCertificatePlan: the input errors are listed below.
  }
}
