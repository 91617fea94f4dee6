/**
 * The subject's country (C) must be an ISO 3166-1 alpha-2 code of a country (CA/Browser
 * Forum Baseline Requirements 7.1.4.2). Which codes name a region, and which are outdated
 * aliases ('UK' for 'GB'), comes from the ICU data in Node itself (`Intl.DisplayNames`,
 * `Intl.getCanonicalLocales`); only ISO 3166-1's own structural rules are written here:
 * the user-assigned ranges and the exceptionally reserved codes, which ICU knows as
 * regions but which are no country's code.
 */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** ISO 3166-1 user-assigned codes: AA, QM-QZ, XA-XZ, ZZ (XX, ZZ, the pseudo-locales XA/XB, Kosovo's XK). */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/** ISO 3166-1 exceptionally reserved codes that ICU also knows as regions (EU, UN ...): organisations and islands coded for other standards, not countries. */
const EXCEPTIONALLY_RESERVED = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'TA', 'UN']);

/** Why `code` is not a country code a certificate may carry (with the fix), or undefined when it is one. */
export function countryCodeProblem(code: unknown): { reason: string; remedy: string } | undefined {
  const example = "like 'US', 'GB' or 'DE'";
  if (typeof code !== 'string' || !/^[A-Za-z]{2}$/.test(code)) {
    return { reason: 'is not a two-letter ISO 3166-1 country code.', remedy: `give the two-letter code, ${example}.` };
  }
  const upper = code.toUpperCase();
  if (code !== upper) return { reason: 'is in lower case; certificate subjects use the code in capitals.', remedy: `use '${upper}'.` };
  if (USER_ASSIGNED.test(code)) {
    return { reason: 'is a user-assigned ISO 3166-1 code, not the code of a country.', remedy: `give the organisation's country, ${example}.` };
  }
  const canonical = new Intl.Locale(Intl.getCanonicalLocales(`und-${code}`)[0]).region;
  if (canonical && canonical !== code) {
    const name = REGION_NAMES.of(canonical);
    return { reason: `is not the ISO 3166-1 code; it is an old or informal alias of '${canonical}'${name ? ` (${name})` : ''}.`, remedy: `use '${canonical}'.` };
  }
  const name = REGION_NAMES.of(code);
  if (name === undefined || EXCEPTIONALLY_RESERVED.has(code)) {
    return { reason: `is not the ISO 3166-1 code of a country${name ? ` ('${name}' is not a country)` : ''}.`, remedy: `give the organisation's country, ${example}.` };
  }
  return undefined;
}
