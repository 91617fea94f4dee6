/**
 * The subject's country (C) must be an ISO 3166-1 alpha-2 code of a country (CA/Browser
 * Forum Baseline Requirements 7.1.4.2): one of the 249 officially assigned codes below.
 * Why another code is not one (an outdated alias such as 'UK' for 'GB', a region that is
 * no country, a user-assigned code) is told with the ICU data in Node itself
 * (`Intl.DisplayNames`, `Intl.getCanonicalLocales`), loaded only then: ICU's region
 * names cost 20 ms to load, more than the rest of this module, for every synth.
 * test/model/country.test.ts checks the list against ICU: exactly the codes ICU knows as
 * canonical regions, less the ranges and codes ISO 3166-1 reserves.
 */

/** ISO 3166-1 alpha-2 officially assigned codes. */
const ASSIGNED = new Set(`
  AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
  BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
  CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
  DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
  GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
  KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
  MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
  NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
  PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
  SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
  TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
  VN VU WF WS YE YT ZA ZM ZW
`.trim().split(/\s+/));

/** ISO 3166-1 user-assigned codes: AA, QM-QZ, XA-XZ, ZZ (XX, ZZ, the pseudo-locales XA/XB, Kosovo's XK). */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

let regionNames: Intl.DisplayNames | undefined;

/** The English name ICU gives a region code, if it knows one. */
function regionName(code: string): string | undefined {
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  return regionNames.of(code);
}

/** Why `code` is not a country code a certificate may carry (with the fix), or undefined when it is one. */
export function countryCodeProblem(code: unknown): { reason: string; remedy: string } | undefined {
  if (typeof code === 'string' && ASSIGNED.has(code)) return undefined;
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
  if (canonical && canonical !== code && ASSIGNED.has(canonical)) {
    const name = regionName(canonical);
    return { reason: `is not the ISO 3166-1 code; it is an old or informal alias of '${canonical}'${name ? ` (${name})` : ''}.`, remedy: `use '${canonical}'.` };
  }
  const name = regionName(code);
  return { reason: `is not the ISO 3166-1 code of a country${name ? ` ('${name}' is not a country)` : ''}.`, remedy: `give the organisation's country, ${example}.` };
}
