/**
 * Domain templates: templateText replaces exactly the whole-name occurrences a global
 * regular expression with look-around finds, and grouping by signature gives the groups
 * grouping every domain's own templates gives, also when a signature's shared templates
 * are wrong (then its domains are templated one by one).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DOMAIN_PLACEHOLDER, groupBySignature, groupByTemplate, templateText } from '../../src/review/domain-template';

/** The definition: a whole name is not preceded or followed by a letter, digit or '-'. */
function byRegExp(text: string, domain: string): string {
  const escaped = domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![A-Za-z0-9-])${escaped}(?![A-Za-z0-9-])`, 'g'), DOMAIN_PLACEHOLDER);
}

describe('domain templates', () => {
  test('templateText replaces what the whole-name regular expression replaces', () => {
    const piece = fc.constantFrom('contoso.com', 'a.contoso.com', 'xcontoso.com', 'contoso.comx', '-', '.', ' ', '/', 'contoso.com.', 'c', 'o', 'm', '9', 'A');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('contoso.com', 'o', 'c.c', 'com'), (pieces, domain) => {
        const text = pieces.join('');
        assert.equal(templateText(text, domain), byRegExp(text, domain));
      }),
    );
  });

  test('groupBySignature gives groupByTemplate\'s groups: exact signatures, none, and coarse ones whose shared templates fail the check', () => {
    // A domain's templates: its name templated, and a per-domain flag the signature may ignore.
    const templatesOf = (d: string) => [`autodiscover.${d}`.replace(d, DOMAIN_PLACEHOLDER), d.startsWith('b') ? 'b' : 'other'];
    const key = (items: readonly string[]) => items.join('\n');
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a.com', 'b.com', 'c.com', 'ba.com', 'ab.com', 'bb.com'), { minLength: 1 }), fc.constantFrom('exact', 'none', 'one', 'undefined'), fc.boolean(), (domains, kind, sharedRight) => {
        // A signature that does not tell the flag apart is only allowed with shared templates that fail the check.
        fc.pre(kind === 'exact' || kind === 'none' || !sharedRight);
        const signature = (d: string) => (kind === 'exact' ? templatesOf(d)[1] : kind === 'none' ? undefined : kind === 'one' ? 'all' : d.length === 5 ? undefined : 'all');
        const shared = (d: string) => (sharedRight ? templatesOf(d) : ['wrong']);
        const expected = groupByTemplate(domains, templatesOf, key);
        assert.deepEqual(groupBySignature(domains, signature, templatesOf, shared, key), expected);
      }),
    );
  });
});
