/**
 * The subject country: the list of ISO 3166-1 codes the check accepts without loading
 * ICU's region names is exactly what ICU itself says, and rejected codes are explained.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countryCodeProblem } from '../../src/model/input-checks/country';

/** ISO 3166-1 exceptionally reserved codes that ICU also knows as regions (EU, UN ...): organisations and islands coded for other standards, not countries. */
const EXCEPTIONALLY_RESERVED = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'TA', 'UN']);

const ALL_PAIRS: string[] = [];
for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) ALL_PAIRS.push(String.fromCharCode(a, b));

describe('country code', () => {
  test('a code is accepted exactly when ICU names it as a canonical region outside the reserved ones', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const userAssigned = (c: string) => c === 'AA' || c === 'ZZ' || /^Q[M-Z]$/.test(c) || c.startsWith('X');
    const icu = ALL_PAIRS.filter((c) => {
      const canonical = new Intl.Locale(Intl.getCanonicalLocales(`und-${c}`)[0]).region;
      return names.of(c) !== undefined && canonical === c && !userAssigned(c) && !EXCEPTIONALLY_RESERVED.has(c);
    });
    const accepted = ALL_PAIRS.filter((c) => countryCodeProblem(c) === undefined);
    assert.deepEqual(accepted, icu);
    // ISO 3166-1 has 249 officially assigned codes.
    assert.equal(accepted.length, 249);
  });

  test('rejections say why, with the alias target or the region named', () => {
    assert.match(countryCodeProblem('UK')!.reason, /alias of 'GB' \(United Kingdom\)/);
    assert.equal(countryCodeProblem('UK')!.remedy, "use 'GB'.");
    assert.match(countryCodeProblem('EU')!.reason, /'European Union' is not a country/);
    assert.match(countryCodeProblem('XK')!.reason, /user-assigned/);
    assert.match(countryCodeProblem('gb')!.reason, /lower case/);
    assert.match(countryCodeProblem('USA')!.reason, /two-letter/);
    assert.match(countryCodeProblem(undefined)!.reason, /two-letter/);
    assert.match(countryCodeProblem('OO')!.reason, /not the ISO 3166-1 code of a country\.$/);
  });
});
