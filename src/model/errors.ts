/**
 * Thrown at construction for input that cannot make a correct plan. The message names the
 * prop and the offending value, says why, and where there is one, what to do instead.
 */
export class PlanInputError extends Error {
  constructor(
    /** The prop path, for example 'additionalEmailDomains[1]'. */
    public readonly prop: string,
    /** The value as given. */
    public readonly value: unknown,
    /** Why it is refused. */
    public readonly reason: string,
    /** What to do instead. */
    public readonly remedy?: string,
  ) {
    super(`ExchangeCertificatePlan: ${prop} = ${describe(value)}: ${reason}${remedy ? ` Fix: ${remedy}` : ''}`);
    this.name = 'PlanInputError';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return String(value);
  }
}
