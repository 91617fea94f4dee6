/**
 * The review at any size, by shape, never by the clock: name-resolution work grows
 * linearly, PLAN.md grows by a constant per added domain or server once rows are grouped,
 * grouping never hides a domain that differs, and plan.json's groups expand to exactly
 * the ungrouped matrix.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildPlan, ExchangeCertificatePlanProps, ExchangePlan, expandAutodiscoverWalks, expandCoverage, RootDomainResponder } from '../../src';
import { renderScripts } from '../../src/powershell';
import { autodiscoverWalks, coverageMatrix, nameResolutionCounters, renderReview } from '../../src/review';
import { scaledProps } from '../../bench/scaled-props';
import { contoso, contosoStrategies, ContosoStrategy, modernTwoServers } from '../fixtures/contoso';
import { loadExamplePlan } from '../helpers/examples';
import { exampleNames } from '../helpers/synth';
import { ISSUERS, IssuerName } from '../powershell/plans';

const review = (plan: ExchangePlan) => {
  const [md, json] = renderReview(plan, []);
  return { md: md.content, json: json.content, data: JSON.parse(json.content) };
};

/** A row or walk as plan.json writes it (optional fields left out, not undefined). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function checkExpansion(name: string, plan: ExchangePlan): void {
  const { data } = review(plan);
  assert.deepEqual(expandCoverage(data), asJson(coverageMatrix(plan)), `${name}: coverage`);
  assert.deepEqual(expandAutodiscoverWalks(data), asJson(autodiscoverWalks(plan)), `${name}: walks`);
}

describe('expandCoverage(plan.json) is the ungrouped matrix, row for row', () => {
  for (const name of exampleNames()) {
    test(`example ${name}`, () => checkExpansion(name, loadExamplePlan(name).plan));
  }
  for (const strategy of Object.keys(contosoStrategies) as ContosoStrategy[]) {
    for (const issuer of Object.keys(ISSUERS) as IssuerName[]) {
      test(`${strategy} x ${issuer}, three email domains`, () => {
        const overrides: Partial<ExchangeCertificatePlanProps> = {
          issuer: ISSUERS[issuer](),
          additionalEmailDomains: ['fabrikam.com', 'contoso.co.uk'],
          hostedZones: { 'contoso.com': 'Z1', 'fabrikam.com': 'Z2', 'contoso.co.uk': 'Z3' },
          ...(issuer === 'publicCa' || issuer === 'acm' ? {} : { caaRecords: false }),
          ...(issuer === 'acm' ? { issuer: ISSUERS.acm() } : {}),
        };
        let plan: ExchangePlan;
        try {
          plan = buildPlan(contoso(strategy, overrides));
        } catch {
          plan = buildPlan(contoso(strategy, { issuer: ISSUERS[issuer](), ...(issuer === 'publicCa' || issuer === 'acm' ? {} : { caaRecords: false }) }));
        }
        checkExpansion(`${strategy} x ${issuer}`, plan);
      });
    }
  }
  test('200 domains, one different: expands to the same 200 x 8 Autodiscover rows and 200 x 8 walks', () => {
    const plan = buildPlan({ ...scaledProps(200, 3), rootDomainResponders: { 'brand0123.example.com': RootDomainResponder.webSiteWithOtherCertificate() } });
    checkExpansion('200 domains', plan);
    assert.equal(expandAutodiscoverWalks(review(plan).data).length, 200 * 2 * 4);
  });
  test('refuses a version 1 document', () => {
    assert.throws(() => expandCoverage({ schemaVersion: 1 } as never), /schemaVersion 2/);
  });
});

describe('grouping never hides a domain whose result differs', () => {
  test('one domain of 200 with a root-domain web site that names another host: its own section and its own finding', () => {
    const odd = 'brand0123.example.com';
    const { md, data } = review(buildPlan({ ...scaledProps(200, 3), rootDomainResponders: { [odd]: RootDomainResponder.webSiteWithOtherCertificate() } }));
    const headings = md.split('\n').filter((l) => l.startsWith('### Autodiscover for ') || l.startsWith('### Users of '));
    assert.deepEqual(headings, [
      '### Autodiscover for brand0000.example.com and 198 more domains, same result',
      `### Autodiscover for ${odd}`,
      '### Users of brand0000.example.com and 198 more domains, same result',
      `### Users of ${odd}`,
    ]);
    const warnings = data.findings.filter((f: { severity: string }) => f.severity === 'warning');
    assert.ok(warnings.length >= 1);
    for (const w of warnings) assert.deepEqual(w.emailDomains, [odd], w.message);
    assert.match(md.split('\n')[2], /covering 1 email domain/);
    // The other 199 are counted where their group stands.
    assert.match(md, /stands for each of 199 email domains: `brand0000\.example\.com`, `brand0001\.example\.com`/);
  });
});

describe('cost and size grow linearly', () => {
  test('name resolution: lookups and computed answers grow at most linearly in domains and servers (random sizes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 40 }), (domains, servers) => {
        const plan = buildPlan(scaledProps(domains, servers));
        renderReview(plan, []);
        const c = nameResolutionCounters(plan);
        // Per domain: a handful of names per step and client; per server: its SCP and internal names.
        assert.ok(c.lookups <= 40 * domains + 20 * servers + 50, `${domains} x ${servers}: ${c.lookups} lookups`);
        assert.ok(c.answers <= 6 * domains + 4 * servers + 20, `${domains} x ${servers}: ${c.answers} answers`);
        assert.ok(c.indexEntries <= 4 * domains + 6 * servers + 20, `${domains} x ${servers}: ${c.indexEntries} index entries`);
      }),
      { numRuns: 25, seed: 12 },
    );
  });

  test('lookups per domain are the same at 50, 100 and 200 domains (no hidden per-pair work)', () => {
    const lookups = [50, 100, 200].map((d) => {
      const plan = buildPlan(scaledProps(d, 5));
      renderReview(plan, []);
      return nameResolutionCounters(plan).lookups;
    });
    assert.equal(lookups[2] - lookups[1], 2 * (lookups[1] - lookups[0]), JSON.stringify(lookups));
  });

  const bytes = (domains: number, servers: number) => Buffer.byteLength(review(buildPlan(scaledProps(domains, servers))).md);

  test('PLAN.md: the same few bytes per added domain (grouped rows), at most 60 KB at 100 x 20', () => {
    const [a, b, c] = [100, 200, 400].map((d) => bytes(d, 20));
    const perDomain1 = (b - a) / 100;
    const perDomain2 = (c - b) / 200;
    assert.ok(Math.abs(perDomain1 - perDomain2) <= 0.5, `${perDomain1} vs ${perDomain2} bytes per domain`);
    assert.ok(perDomain2 <= 2, `${perDomain2} bytes per domain`);
    assert.ok(a <= 60_000, `${a} bytes at 100 x 20`);
  });

  test('PLAN.md: the same few bytes per added server', () => {
    const [a, b, c] = [20, 40, 80].map((s) => bytes(50, s));
    const perServer1 = (b - a) / 20;
    const perServer2 = (c - b) / 40;
    assert.ok(Math.abs(perServer1 - perServer2) <= 0.5, `${perServer1} vs ${perServer2} bytes per server`);
    assert.ok(perServer2 <= 2, `${perServer2} bytes per server`);
  });

  test('scripts: the same files at 3, 30 and 300 servers; an added server adds one line to the table of each shared script', () => {
    const files = (servers: number) => renderScripts(buildPlan(scaledProps(10, servers)));
    const size = (fs: readonly { content: string }[]) => fs.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
    const [a, b, c] = [3, 30, 300].map(files);
    assert.deepEqual(b.map((f) => f.path), a.map((f) => f.path));
    assert.deepEqual(c.map((f) => f.path), a.map((f) => f.path));
    const shared = c.filter((f) => f.content.includes('$planServers = @(\n'));
    // The PFX import (servers 2 to n), the client URLs and the verify script.
    assert.equal(shared.length, 3, c.map((f) => f.path).join(' '));
    for (const f of shared) assert.equal((f.content.match(/^ {4}'EX\d{3}'$/gm) ?? []).length, f.path.includes('import') ? 299 : 300, f.path);
    // A constant number of bytes per added server (its table lines, and its name in the
    // export and cross-server scripts' lists), not a script per server.
    const perServer1 = (size(b) - size(a)) / 27;
    const perServer2 = (size(c) - size(b)) / 270;
    assert.ok(Math.abs(perServer1 - perServer2) <= 0.5, `${perServer1} vs ${perServer2} bytes per server`);
    assert.ok(perServer2 <= 100, `${perServer2} bytes per server`);
  });

  test('scripts: a server whose step differs keeps a script of its own, named after it', () => {
    // Internal names on the certificate: each server's URLs name the server itself.
    const plan = buildPlan({ ...scaledProps(3, 4), includeInternalNames: true, internalDomain: 'corp.hosting.example.com', issuer: ISSUERS.enterpriseCa(), hostedZones: { 'example.com': 'Z0123456789ABCDEFGHIJ' } });
    const names = renderScripts(plan).map((f) => f.path.replace(/^scripts\/\d+-/, ''));
    for (const s of ['ex001', 'ex002', 'ex003', 'ex004']) {
      assert.ok(names.includes(`set-client-urls-${s}.ps1`), names.join(' '));
      assert.ok(names.includes(`verify-${s}.ps1`), names.join(' '));
    }
    assert.ok(!names.some((n) => /-servers\.ps1$/.test(n) && !n.startsWith('import-')), names.join(' '));
  });

  test('plan.json holds no cross product: no coverage or walk entry per domain x server', () => {
    const small = review(buildPlan(scaledProps(50, 10))).json.length;
    const wide = review(buildPlan(scaledProps(50, 40))).json.length;
    const long = review(buildPlan(scaledProps(200, 10))).json.length;
    const perServer = (wide - small) / 30;
    const perDomain = (long - small) / 150;
    // 30 more servers add server rows (each a few hundred bytes), not 50 x 30 of anything.
    assert.ok(perServer < 2_000, `${perServer} bytes per server`);
    assert.ok(perDomain < 1_000, `${perDomain} bytes per domain`);
  });
});

describe('the first screen of PLAN.md at any size', () => {
  for (const [domains, servers] of [[1, 1], [100, 20], [1000, 30]] as const) {
    test(`${domains} x ${servers}: title at most 200 characters; title, verdict, facts and contents within 15 lines`, () => {
      const lines = review(buildPlan(scaledProps(domains, servers))).md.split('\n');
      assert.ok(lines[0].length <= 200, lines[0]);
      const firstSection = lines.findIndex((l) => l.startsWith('## '));
      assert.ok(firstSection > 0 && firstSection <= 15, `first section at line ${firstSection + 1}`);
      assert.match(lines.slice(0, firstSection).join('\n'), /Contents: \[Findings\]\(#findings\)/);
    });
  }

  test('two domains are both in the title; the modern example reads as before', () => {
    assert.equal(review(buildPlan(modernTwoServers())).md.split('\n')[0], '# Exchange certificate plan: contoso.com, fabrikam.com');
  });
});

describe('internationalised domains: the Unicode form beside the punycode', () => {
  test('bücher.de as xn--bcher-kva.de in the title, certificate names, DNS and coverage', () => {
    const plan = buildPlan(contoso('sanCertificate', {
      emailDomain: 'xn--bcher-kva.de',
      externalHostname: 'mail.xn--bcher-kva.de',
      hostedZones: { 'xn--bcher-kva.de': 'Z0123456789ABCDEFGHIJ' },
    }));
    const { md, data } = review(plan);
    assert.equal(md.split('\n')[0], '# Exchange certificate plan: xn--bcher-kva.de (bücher.de)');
    assert.match(md, /\| Names \| `mail\.xn--bcher-kva\.de \(mail\.bücher\.de\)`/);
    assert.match(md, /`autodiscover\.xn--bcher-kva\.de \(autodiscover\.bücher\.de\)`/);
    // plan.json keeps the names as DNS has them.
    assert.ok(!data.certificates[0].names.some((n: string) => /ü/.test(n)));
  });

  test('names without punycode are unchanged', () => {
    assert.doesNotMatch(review(buildPlan(contoso('sanCertificate'))).md, /\(contoso\.com\)/);
  });
});


