/**
 * The option objects as the user gave them to the factories (`CertificateIssuer.publicCa({...})`,
 * `CertificateStrategy.twoCertificates({...})`), kept aside so the input checks can refuse
 * a misspelled option key as they refuse a misspelled prop. Held in a WeakMap: nothing is
 * added to the public classes.
 */
const GIVEN = new WeakMap<object, { readonly factory: string; readonly options: unknown }>();

/** Called by a factory with what it was given. Returns the object for chaining. */
export function rememberOptions<T extends object>(made: T, factory: string, options: unknown): T {
  GIVEN.set(made, { factory, options });
  return made;
}

/** What the factory that made `made` was given, when it was one that takes options. */
export function givenOptions(made: object): { readonly factory: string; readonly options: unknown } | undefined {
  return GIVEN.get(made);
}
