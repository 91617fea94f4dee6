/**
 * The plan model costs work linear in email domains, hosted zones, servers and names, by
 * shape, never by the clock: finding a record's zone costs one Map lookup per label of its
 * name however many zones there are, and a whole plan, built with one hosted zone per email
 * domain, scans the same number of list elements for each domain or server added.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildPlan, CertificateIssuer, CertificateStrategy, ExchangeCertificatePlanProps, RootDomainResponder } from '../../src';
import { coveredBy, isAtOrUnder, nameCovers, wildcardApex } from '../../src/model/names';
import { acmValidationNames } from '../../src/model/domain-validation';
import { HostedZone, zoneFinder, zoneFor } from '../../src/model/zones';
import { scaledDomains, scaledProps } from '../../bench/scaled-props';

const ZONES: HostedZone[] = [
  { name: 'contoso.com', id: 'Z1' },
  { name: 'eu.contoso.com', id: 'Z2' },
  { name: 'fabrikam.com', id: 'Z3' },
];

/** What zoneFor did before the index: every zone compared, the longest name the record is at or under. */
function scanAllZones(recordName: string, zones: readonly HostedZone[]): HostedZone | undefined {
  let best: HostedZone | undefined;
  for (const zone of zones) if (isAtOrUnder(recordName, zone.name) && (!best || zone.name.length > best.name.length)) best = zone;
  return best;
}

/** How many times Map.prototype.get runs while `run` runs. */
function mapLookups<T>(run: () => T): { result: T; lookups: number } {
  const get = Map.prototype.get;
  let lookups = 0;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    lookups += 1;
    return get.call(this, key);
  };
  try {
    return { result: run(), lookups };
  } finally {
    Map.prototype.get = get;
  }
}

describe('zoneFinder: the hosted zone of a record', () => {
  const zoneOf = zoneFinder(ZONES);
  test('the longest zone name the record is at or under wins', () => {
    assert.equal(zoneOf('mail.eu.contoso.com')?.id, 'Z2');
    assert.equal(zoneOf('mail.contoso.com')?.id, 'Z1');
    assert.equal(zoneOf('a.b.c.eu.contoso.com')?.id, 'Z2');
  });
  test("a name that only ends in the zone's letters is not under it: 'xcontoso.com' is in no zone", () => {
    assert.equal(zoneOf('xcontoso.com'), undefined);
    assert.equal(zoneOf('mail.xcontoso.com'), undefined);
    assert.equal(zoneOf('contoso.com.evil.net'), undefined);
    assert.equal(zoneOf('com'), undefined);
  });
  test('a record at a zone apex is in that zone', () => {
    assert.equal(zoneOf('contoso.com')?.id, 'Z1');
    assert.equal(zoneOf('eu.contoso.com')?.id, 'Z2');
  });
  test('a wildcard goes in the zone of its apex', () => {
    assert.equal(zoneOf(wildcardApex('*.eu.contoso.com'))?.id, 'Z2');
    assert.equal(zoneOf(wildcardApex('*.contoso.com'))?.id, 'Z1');
    assert.equal(zoneOf(wildcardApex('*.xcontoso.com')), undefined);
  });
  test('of two zones with the same name, the first (as zoneFor chose)', () => {
    const twice = [{ name: 'contoso.com', id: 'first' }, { name: 'contoso.com', id: 'second' }];
    assert.equal(zoneFinder(twice)('mail.contoso.com')?.id, 'first');
    assert.equal(zoneFor('mail.contoso.com', twice)?.id, 'first');
  });
  test('the same zone as comparing every zone, for any names and zones', () => {
    const label = fc.constantFrom('a', 'b', 'eu', 'contoso', 'xcontoso', 'com', 'co', 'uk');
    const name = fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.'));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 8 }), name, (zoneNames, record) => {
        const zones = zoneNames.map((n, i) => ({ name: n, id: `Z${i}` }));
        assert.deepEqual(zoneFinder(zones)(record), scanAllZones(record, zones));
        assert.deepEqual(zoneFor(record, zones), scanAllZones(record, zones));
      }),
      { numRuns: 500, seed: 7 },
    );
  });
  test('a lookup costs at most one Map lookup per label, with 3 zones or 3000', () => {
    for (const count of [3, 300, 3000]) {
      const zones = [...ZONES, ...scaledDomains(count - ZONES.length).map((n, i) => ({ name: n, id: `Z${i + 10}` }))];
      const zoneOf3 = zoneFinder(zones);
      for (const [record, zone] of [
        ['a.b.c.d.eu.contoso.com', 'Z2'],
        ['mail.contoso.com', 'Z1'],
        ['autodiscover.brand0002.example.com', count > 3 ? 'Z12' : undefined],
        ['nowhere.example.net', undefined],
      ] as const) {
        const { result, lookups } = mapLookups(() => zoneOf3(record));
        assert.equal(result?.id, zone, `${record} with ${count} zones`);
        assert.ok(lookups <= record.split('.').length, `${record} with ${count} zones: ${lookups} lookups`);
      }
    }
  });
});

describe('coveredBy: any certificate name covers a host, as nameCovers says', () => {
  test('exact names, and wildcards over exactly one label', () => {
    const covers = coveredBy(['mail.contoso.com', '*.fabrikam.com']);
    assert.ok(covers('mail.contoso.com'));
    assert.ok(covers('owa.fabrikam.com'));
    assert.ok(!covers('fabrikam.com'));
    assert.ok(!covers('a.owa.fabrikam.com'));
    assert.ok(!covers('contoso.com'));
  });
  test('the same answer as nameCovers over every name', () => {
    const label = fc.constantFrom('a', 'b', 'contoso', 'com', '*');
    const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 6 }), name, (certNames, host) => {
        assert.equal(coveredBy(certNames)(host), certNames.some((n) => nameCovers(n, host)));
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe('records of the same name and type are merged into the first', () => {
  test('a name and its wildcard: one CAA record with issue and issuewild, named and explained by whichever came first; each record in the zone of its longest suffix', () => {
    const plan = buildPlan({
      ...scaledProps(2, 1),
      hostedZones: { 'example.com': 'Z0123456789ABCDEFGHIJ', 'hosting.example.com': 'Z0123456789ABCDEFGHIK' },
      additionalNames: ['owa.hosting.example.com', '*.owa.hosting.example.com', '*.eas.hosting.example.com', 'eas.hosting.example.com', 'brand0001.example.com'],
      rootDomainResponders: { 'brand0001.example.com': RootDomainResponder.exchange() },
    });
    assert.deepEqual(
      plan.dnsRecords.map((r) => [r.zoneName, r.name, r.type, r.id, r.values.join(' | '), r.purpose]),
      EXPECTED_RECORDS,
    );
  });
});

/** The records of the plan above as the model planned them before the lookups were indexed. */
const EXPECTED_RECORDS: string[][] = [
  ['example.com', '_autodiscover._tcp.brand0000.example.com', 'SRV', 'srv__autodiscover__tcp_brand0000_example_com', '0 0 443 mail.hosting.example.com', 'Outlook finds Autodiscover for brand0000.example.com at https://mail.hosting.example.com/Autodiscover/Autodiscover.xml'],
  ['example.com', '_autodiscover._tcp.brand0001.example.com', 'SRV', 'srv__autodiscover__tcp_brand0001_example_com', '0 0 443 mail.hosting.example.com', 'Outlook finds Autodiscover for brand0001.example.com at https://mail.hosting.example.com/Autodiscover/Autodiscover.xml'],
  ['example.com', 'brand0001.example.com', 'A', 'a_brand0001_example_com', '20.10.0.80 | 20.10.0.81', 'brand0001.example.com answers at Default Web Site on 20.10.0.80, 20.10.0.81 (certificate \'exchange\')'],
  ['example.com', 'brand0001.example.com', 'CAA', 'caa_brand0001_example_com', '0 issue "sectigo.com"', 'only sectigo.com may issue certificates for brand0001.example.com'],
  ['hosting.example.com', 'eas.hosting.example.com', 'A', 'a_eas_hosting_example_com', '20.10.0.80 | 20.10.0.81', 'eas.hosting.example.com answers at Default Web Site on 20.10.0.80, 20.10.0.81 (certificate \'exchange\')'],
  ['hosting.example.com', 'eas.hosting.example.com', 'CAA', 'caa_eas_hosting_example_com', '0 issue "sectigo.com" | 0 issuewild "sectigo.com"', 'only sectigo.com may issue wildcard certificates for *.eas.hosting.example.com'],
  ['hosting.example.com', 'mail.hosting.example.com', 'A', 'a_mail_hosting_example_com', '20.10.0.80 | 20.10.0.81', 'mail.hosting.example.com answers at Default Web Site on 20.10.0.80, 20.10.0.81 (certificate \'exchange\')'],
  ['hosting.example.com', 'mail.hosting.example.com', 'CAA', 'caa_mail_hosting_example_com', '0 issue "sectigo.com"', 'only sectigo.com may issue certificates for mail.hosting.example.com'],
  ['hosting.example.com', 'owa.hosting.example.com', 'A', 'a_owa_hosting_example_com', '20.10.0.80 | 20.10.0.81', 'owa.hosting.example.com answers at Default Web Site on 20.10.0.80, 20.10.0.81 (certificate \'exchange\')'],
  ['hosting.example.com', 'owa.hosting.example.com', 'CAA', 'caa_owa_hosting_example_com', '0 issue "sectigo.com" | 0 issuewild "sectigo.com"', 'only sectigo.com may issue certificates for owa.hosting.example.com'],
];

/**
 * Elements visited by the array methods that scan a list (search, filter, map, join, copy,
 * iterate) while `run` runs. A scan of one list inside a loop over another shows up as a
 * count that grows with the square of the size.
 */
function elementsScanned(run: () => void): number {
  const proto = Array.prototype as unknown as Record<string | symbol, (...args: unknown[]) => unknown>;
  const methods: (string | symbol)[] = [
    'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'includes', 'indexOf', 'lastIndexOf', 'filter', 'map',
    'forEach', 'flatMap', 'reduce', 'join', 'slice', 'concat', 'entries', 'keys', 'values', Symbol.iterator,
  ];
  const originals = new Map(methods.map((m) => [m, proto[m]]));
  let scanned = 0;
  for (const [m, original] of originals) {
    proto[m] = function (this: unknown[], ...args: unknown[]) {
      scanned += this.length;
      return original.apply(this, args);
    };
  }
  try {
    run();
  } finally {
    for (const [m, original] of originals) proto[m] = original;
  }
  return scanned;
}

/** One Route53 zone per email domain, and one for the mail host names. */
function oneZonePerDomain(domains: number): Record<string, string> {
  const zones: Record<string, string> = { 'hosting.example.com': 'Z0123456789ABCDEFGHIJ' };
  scaledDomains(domains).forEach((d, i) => (zones[d] = `Z${String(i).padStart(20, '0')}`));
  return zones;
}

const SCALED: Record<string, (domains: number, servers: number) => ExchangeCertificatePlanProps> = {
  'srvRecord, public CA (CAA and authorization domains)': (domains, servers) => ({ ...scaledProps(domains, servers), hostedZones: oneZonePerDomain(domains) }),
  'sanCertificate, public CA (an autodiscover name per domain), www names and root-domain responders': (domains, servers) => {
    const names = scaledDomains(domains);
    return {
      ...scaledProps(domains, servers),
      hostedZones: oneZonePerDomain(domains),
      strategy: CertificateStrategy.sanCertificate(),
      additionalNames: names.map((d) => `www.${d}`),
      // Half declared (checked against the email domains), half not (the rule looks for the bare domain on the certificate).
      rootDomainResponders: Object.fromEntries(names.filter((_, i) => i % 2 === 0).map((d) => [d, RootDomainResponder.nothing()])),
    };
  },
  'sanCertificate, enterprise CA with the servers\' internal names': (domains, servers) => ({
    ...scaledProps(domains, servers),
    hostedZones: oneZonePerDomain(domains),
    strategy: CertificateStrategy.sanCertificate(),
    issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.corp.hosting.example.com\\Hosting Issuing CA' }),
    includeInternalNames: true,
  }),
};

/**
 * Counts at three sizes, each twice the one before: the elements scanned per step added
 * must stay the same (sorting, n log n, may add a few per cent; a scan of one list per
 * element of another doubles it).
 */
function assertLinear(counts: number[]): void {
  const [first, second] = [counts[1] - counts[0], counts[2] - counts[1]];
  assert.ok(second <= 2 * first * 1.05, `${JSON.stringify(counts)}: ${second} elements for the second doubling, ${first} for the first`);
}

describe('a plan scans the same number of list elements per added domain and per added server', () => {
  test('ACM validation names (ACM allows 100 names on a certificate, so directly): 1000, 2000, 4000 names', () => {
    const counts = [1000, 2000, 4000].map((n) => {
      const names = scaledDomains(n).flatMap((d) => [d, `*.${d}`, `mail.${d}`]);
      return elementsScanned(() => assert.equal(acmValidationNames(names).length, 2 * n));
    });
    assertLinear(counts);
  });
  for (const [name, props] of Object.entries(SCALED)) {
    test(`${name}: 100, 200, 400 domains`, () => {
      assertLinear([100, 200, 400].map((d) => elementsScanned(() => buildPlan(props(d, 5)))));
    });
    test(`${name}: 50, 100, 200 servers`, () => {
      assertLinear([50, 100, 200].map((s) => elementsScanned(() => buildPlan(props(10, s)))));
    });
    test(`${name}: 100 x 25, 200 x 50, 400 x 100 domains and servers (nothing per domain and server)`, () => {
      assertLinear([1, 2, 4].map((k) => elementsScanned(() => buildPlan(props(100 * k, 25 * k)))));
    });
  }
});
