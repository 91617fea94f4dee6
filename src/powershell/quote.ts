/**
 * The one way a value from the plan enters a generated script: a PowerShell single-quoted
 * (verbatim) string literal. Inside it nothing is expanded (`$`, backtick, `$(...)` are
 * plain text); the only special character is the single quote, written twice. PowerShell
 * also reads the typographic quotes U+2018, U+2019, U+201A and U+201B as single quotes,
 * so each of those is doubled as well (a doubled quote of any of these kinds stands for
 * one of itself).
 *
 * @see https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/** `psQuote("Tom's")` -> `'Tom''s'`. */
export function psQuote(value: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`psQuote takes a string, got ${typeof value}`);
  }
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** A comma-separated list of quoted literals, the form PowerShell binds to an array parameter: `'IIS','SMTP'`. */
export function psList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('psList needs at least one value');
  return values.map(psQuote).join(',');
}

/**
 * Text for a `#` comment line: line breaks and other control characters (which would end
 * the comment and start code) become spaces.
 */
export function commentText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');
}
