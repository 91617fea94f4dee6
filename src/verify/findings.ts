/** A difference between the plan and what the verifier saw, with the fix. */
export interface Difference {
  readonly message: string;
  readonly fix: string;
}
