/**
 * Lifetimes against the CA/Browser Forum limit in force on the planned issue date:
 * 398 days before 2026-03-15, 200 from then, 100 from 2027-03-15, 47 from 2029-03-15.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CertificateIssuer } from '../../src';
import { PlanInputError } from '../../src/model/errors';
import { buildPlan } from '../../src/model/plan';
import { caBrowserForumMaxValidity } from '../../src/model/rules/lifetime';
import { contoso } from '../fixtures/contoso';

describe('caBrowserForumMaxValidity at each boundary', () => {
  const cases: [string, number][] = [
    ['2025-06-01', 398],
    ['2026-03-14', 398],
    ['2026-03-15', 200],
    ['2027-03-14', 200],
    ['2027-03-15', 100],
    ['2029-03-14', 100],
    ['2029-03-15', 47],
    ['2035-01-01', 47],
  ];
  for (const [date, days] of cases) {
    test(`issued ${date}: at most ${days} days`, () => assert.equal(caBrowserForumMaxValidity(date), days));
  }
  test('a date that is not YYYY-MM-DD is refused', () => {
    assert.throws(() => caBrowserForumMaxValidity('15.03.2026'), RangeError);
  });
});

describe('Contoso orders from DigiCert (publicCa) on a planned issue date', () => {
  const plan = (plannedIssueDate: string | undefined, validityDays?: number) =>
    buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.publicCa({ caaIdentifier: 'digicert.com', name: 'DigiCert', validityDays }), plannedIssueDate }));

  test('without validityDays the certificate is planned for the limit on the issue date, with its dates', () => {
    const before = plan('2026-03-14').certificates[0];
    assert.deepEqual([before.validityDays, before.issueDate, before.expiryDate, before.renewalDate], [398, '2026-03-14', '2027-04-16', '2027-03-17']);
    assert.equal(plan('2026-03-15').certificates[0].validityDays, 200);
    assert.equal(plan('2027-03-15').certificates[0].validityDays, 100);
    const last = plan('2029-03-15').certificates[0];
    assert.deepEqual([last.validityDays, last.renewBeforeDays, last.expiryDate, last.renewalDate], [47, 15, '2029-05-01', '2029-04-16']);
  });

  test('without a date, the lifetime is left to the CA and no date appears in the plan', () => {
    const c = plan(undefined).certificates[0];
    assert.equal(c.validityDays, undefined);
    assert.equal(c.renewBeforeDays, 30);
    assert.deepEqual([c.issueDate, c.expiryDate, c.renewalDate], [undefined, undefined, undefined]);
    assert.equal(plan(undefined).findings.filter((f) => f.id.startsWith('EXC-LIFETIME')).length, 0);
  });

  const refusals: [string, number, number][] = [
    ['2026-03-15', 398, 200],
    ['2027-03-15', 200, 100],
    ['2029-03-15', 100, 47],
  ];
  for (const [date, days, max] of refusals) {
    test(`${days} days ordered for ${date} is refused: at most ${max}`, () => {
      assert.throws(
        () => plan(date, days),
        (e: unknown) =>
          e instanceof PlanInputError &&
          e.prop === 'issuer.validityDays' &&
          e.message.includes(`certificate 'exchange' is planned for ${days} days, but public certificates issued on ${date} may be valid for at most ${max} days`) &&
          e.message.includes('[EXC-LIFETIME]') &&
          e.message.includes(`publicCa({ validityDays: ${max} })`),
      );
    });
  }

  const accepted: [string, number][] = [
    ['2026-03-14', 398],
    ['2027-03-14', 200],
    ['2029-03-14', 100],
    ['2029-03-15', 47],
  ];
  for (const [date, days] of accepted) {
    test(`${days} days ordered for ${date} is within the limit`, () => {
      assert.equal(plan(date, days).certificates[0].validityDays, days);
    });
  }

  test('without a date only what no date allows is refused: over 398 days', () => {
    assert.equal(plan(undefined, 398).certificates[0].validityDays, 398);
    assert.throws(() => plan(undefined, 399), /no public CA may issue a TLS certificate for more than 398 days/);
  });

  test('the plan never reads the clock: building it with the clock unavailable gives the same plan', () => {
    const props = contoso('sanCertificate', { plannedIssueDate: '2027-06-01' });
    const expected = buildPlan(props);
    const RealDate = Date;
    class NoClock extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) throw new Error('the plan read the clock');
        super(...(args as [number]));
      }
      static now(): number {
        throw new Error('the plan read the clock');
      }
    }
    globalThis.Date = NoClock as DateConstructor;
    try {
      assert.deepEqual(buildPlan(props), expected);
    } finally {
      globalThis.Date = RealDate;
    }
  });
});

describe('ACM decides its own lifetime: a note, not an error', () => {
  const plan = (plannedIssueDate?: string) => buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acm(), plannedIssueDate }));

  test('issued 2026-03-14: 395 days, no note', () => {
    const p = plan('2026-03-14');
    assert.equal(p.certificates[0].validityDays, 395);
    assert.equal(p.findings.find((f) => f.id === 'EXC-LIFETIME-ACM'), undefined);
  });

  test('issued 2026-03-15: planned for 200 days, with an info finding', () => {
    const p = plan('2026-03-15');
    assert.equal(p.certificates[0].validityDays, 200);
    const note = p.findings.find((f) => f.id === 'EXC-LIFETIME-ACM');
    assert.ok(note);
    assert.equal(note.severity, 'info');
    assert.match(note.message, /ACM has issued public certificates for 395 days, but certificates issued on 2026-03-15 may be valid for at most 200 days/);
  });

  test('without a date: ACM decides at issuance, no lifetime planned, no note', () => {
    const p = plan();
    assert.equal(p.certificates[0].validityDays, undefined);
    assert.equal(p.findings.find((f) => f.id.startsWith('EXC-LIFETIME')), undefined);
  });
});

describe('private issuers are not bound by the CA/B limits, but Apple devices are', () => {
  test('ACM Private CA for 398 days issued in 2030: no CA/B error', () => {
    const p = buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.acmPrivateCa({ certificateAuthorityArn: 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555', validityDays: 398 }), plannedIssueDate: '2030-01-01' }));
    assert.equal(p.certificates[0].validityDays, 398);
    assert.equal(p.findings.find((f) => f.id.startsWith('EXC-LIFETIME')), undefined);
  });

  test("enterprise CA, Web Server template's 730 days: fine; 1095 days: iPhones refuse it (warning)", () => {
    const enterprise = (validityDays?: number) => buildPlan(contoso('sanCertificate', { issuer: CertificateIssuer.enterpriseCa({ caConfig: 'ca01.contoso.local\\Contoso Root CA', validityDays }) }));
    assert.equal(enterprise().findings.find((f) => f.id === 'EXC-LIFETIME-APPLE'), undefined);
    const warning = enterprise(1095).findings.find((f) => f.id === 'EXC-LIFETIME-APPLE');
    assert.ok(warning);
    assert.equal(warning.severity, 'warning');
    assert.match(warning.message, /planned to issue certificates for 1095 days; iOS 13, macOS 10\.15 and later refuse TLS server certificates valid for more than 825 days/);
  });
});
