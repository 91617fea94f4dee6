/**
 * Every example plan, deployed exactly as planned on loopback, verified from outside (as an
 * external client, public DNS) and from inside (as a domain-joined client, internal DNS):
 * nothing differs, each checked row's verdict equals the plan's coverage matrix, and the
 * rows a run cannot reach are "not checked" with the reason, never a pass.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPlan, ExchangePlan, ExchangeService } from '../../src';
import { planJson } from '../../src/review/plan-json';
import { PlanReadError, plannedRows, verifyPlan, VerifyReport } from '../../src/verify';
import { modernTwoServers } from '../fixtures/contoso';
import { autodiscoverNameMissing, autodiscoverOnWrongSite, autodiscoverRecordAtMailAddress, internalUrlsOnServerName, secondDomainBySrv, secondDomainUncovered } from '../review/known-bad-plans';
import { isLoopback } from '../../src/verify/probe';
import { startWorld } from './loopback-world';
import { concretePlanJson, examplePlanJson, exampleNames } from './plans';
import { expandCoverage, PlanJsonDocument } from '../../src/review/expand-coverage';
import { lowPortsOrSkip, TIMEOUT_MS } from './ports';

/** Rows no run can check: the client never uses them (the plan says why). */
function structural(r: { service: string; client: string; step?: string; url: string; result: string }): boolean {
  if (r.url === '-') return true;
  if (r.service === 'Autodiscover') return r.step === 'scp' && r.client === 'external';
  return r.result === 'notReached';
}

describe('verify: every example deployed as planned, on loopback', () => {
  for (const name of exampleNames()) {
    it(`${name}: outside and inside, every checked row as planned`, async (t) => {
      if (!(await lowPortsOrSkip(t))) return;
      const plan = examplePlanJson(name);
      const world = await startWorld(plan);
      try {
        // A private CA's root is on domain members only; a public CA's stands in for the system trust store.
        const outside = await verifyPlan(plan, { dnsServer: world.publicDns.address, addressMap: world.addressMap, ...(plan.issuer.publiclyTrusted ? { extraCa: world.caPem } : {}), timeoutMs: TIMEOUT_MS, loopbackOnly: true });
        const inside = await verifyPlan(plan, { inside: true, dnsServer: world.internalDns.address, addressMap: world.addressMap, extraCa: world.caPem, timeoutMs: TIMEOUT_MS, loopbackOnly: true });
        for (const report of [outside, inside]) {
          const differing = report.rows.filter((r) => r.status === 'differs');
          assert.deepEqual(differing.map((r) => `${r.name}: ${r.differences.map((d) => d.message).join('; ')}`), [], `${report.ranAs} run`);
          for (const r of report.rows.filter((x) => x.status === 'asPlanned')) {
            // The root domain is undeclared (risk) in every example; nothing answers there on loopback.
            assert.ok(r.observed === r.planned || (r.planned === 'risk' && r.observed === 'fallsThrough'), `${r.name}: planned ${r.planned}, observed ${r.observed}`);
            for (const a of r.connectedTo) assert.ok(isLoopback(a), `${r.name} connected to ${a}`);
          }
        }
        assertEachRowCheckedOnce(plannedRows(plan), outside, inside);
        assert.ok(world.publicDns.asked.length > 0 && world.internalDns.asked.length > 0, 'both DNS servers were asked');
        // The checks are real: covered rows were connected to, per kind of client.
        const covered = (report: VerifyReport) => report.rows.filter((r) => r.status === 'asPlanned' && r.observed === 'covered');
        assert.ok(covered(outside).length + covered(inside).length > 0);
        for (const r of [...covered(outside), ...covered(inside)]) assert.ok(r.connectedTo.length > 0, `${r.name} was connected to`);
      } finally {
        await world.close();
      }
    });
  }
});

function assertEachRowCheckedOnce(coverage: readonly any[], outside: VerifyReport, inside: VerifyReport): void {
  assert.equal(outside.rows.length, coverage.length);
  assert.equal(inside.rows.length, coverage.length);
  coverage.forEach((row, i) => {
    const o = outside.rows[i];
    const n = inside.rows[i];
    assert.equal(o.planned, row.result);
    if (structural(row)) {
      assert.equal(o.status, 'notChecked', o.name);
      assert.equal(n.status, 'notChecked', n.name);
      return;
    }
    const mine = row.client === 'external' ? o : n;
    const other = row.client === 'external' ? n : o;
    assert.equal(mine.status, 'asPlanned', `${mine.name}: ${mine.summary}`);
    assert.equal(other.status, 'notChecked', other.name);
    assert.match(other.summary, row.client === 'external' ? /run the verifier without --inside/ : /run the verifier with --inside/);
    assert.equal(other.observed, undefined, 'a row not checked has no observed result');
  });
}

describe('verify: plans with planned warnings, POP3 and IMAP4, deployed as planned', () => {
  const cases: [string, () => ExchangePlan][] = [
    ['autodiscover name missing from the plan', autodiscoverNameMissing],
    ['autodiscover on the wrong site', autodiscoverOnWrongSite],
    ['autodiscover record at the mail address', autodiscoverRecordAtMailAddress],
    ['internal URLs on the server name', internalUrlsOnServerName],
    ['second email domain uncovered', secondDomainUncovered],
    ['second email domain by SRV', secondDomainBySrv],
    ['Exchange 2019 with POP3 and IMAP4', () => buildPlan(modernTwoServers({ services: [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP] }))],
  ];
  for (const [label, make] of cases) {
    it(`${label}: the verdict per row equals the plan's, warnings and prompts included`, async (t) => {
      if (!(await lowPortsOrSkip(t))) return;
      const plan = JSON.parse(JSON.stringify(planJson(make(), [])));
      const world = await startWorld(plan);
      try {
        const outside = await verifyPlan(plan, { dnsServer: world.publicDns.address, addressMap: world.addressMap, ...(plan.issuer.publiclyTrusted ? { extraCa: world.caPem } : {}), timeoutMs: TIMEOUT_MS, loopbackOnly: true });
        const inside = await verifyPlan(plan, { inside: true, dnsServer: world.internalDns.address, addressMap: world.addressMap, extraCa: world.caPem, timeoutMs: TIMEOUT_MS, loopbackOnly: true });
        for (const report of [outside, inside]) {
          assert.deepEqual(report.rows.filter((r) => r.status === 'differs').map((r) => `${r.name}: ${r.differences.map((d) => d.message).join('; ')}`), [], `${report.ranAs} run`);
        }
        assertEachRowCheckedOnce(plannedRows(plan), outside, inside);
        if (label.includes('POP3')) {
          const mail = [...outside.rows, ...inside.rows].filter((r) => (r.service === 'POP' || r.service === 'IMAP') && r.status === 'asPlanned');
          assert.deepEqual([...new Set(mail.map((r) => r.service))].sort(), ['IMAP', 'POP']);
          for (const r of mail) assert.equal(r.observed, 'covered');
        } else {
          // The plan's warnings and redirect prompts are seen as such.
          const flagged = [...outside.rows, ...inside.rows].filter((r) => r.status === 'asPlanned' && (r.planned === 'warning' || r.planned === 'redirectPrompt'));
          assert.ok(flagged.length > 0, 'the plan has a warning or prompt, and it is seen');
          for (const r of flagged) assert.equal(r.observed, r.planned, r.name);
        }
      } finally {
        await world.close();
      }
    });
  }
});

describe('verify: reads the plan through one adapter', () => {
  it('plannedRows gives the concrete rows of plan.json (v2 expanded, v1 as they are); a document without them is refused', () => {
    const plan = examplePlanJson('exchange-2019-two-servers');
    const rows = expandCoverage(plan as PlanJsonDocument);
    assert.ok(rows.length > plan.coverage.length, 'v2 groups rows that v1 listed one by one');
    assert.deepEqual(plannedRows(plan), rows);
    assert.deepEqual(plannedRows(concretePlanJson(plan)), rows);
    assert.throws(() => plannedRows({ schemaVersion: 1 }), (e: Error) => e instanceof PlanReadError && /no coverage array/.test(e.message));
    assert.throws(() => plannedRows({ schemaVersion: 1, coverage: [{ service: 'OWA' }] }), /coverage\[0\] has no client/);
    assert.throws(() => plannedRows({ schemaVersion: 4, coverage: [] }), /schemaVersion 4 is not one this verifier reads/);
    assert.deepEqual(plannedRows({ ...plan, schemaVersion: 2 }), rows, 'a v2 document (no hybrid object) reads as before');
  });

  it('SMTP rows on port 25 (a plan that lists them) are checked with STARTTLS like 587', async (t) => {
    if (!(await lowPortsOrSkip(t))) return;
    const plan = concretePlanJson(examplePlanJson('contoso-san-certificate'));
    const smtp = plan.coverage.filter((r: any) => r.service === 'SMTP');
    plan.coverage.push(...smtp.map((r: any) => ({ ...r, url: r.url.replace(/:587$/, ':25') })));
    const world = await startWorld(plan);
    try {
      const report = await verifyPlan(plan, { dnsServer: world.publicDns.address, addressMap: world.addressMap, extraCa: world.caPem, timeoutMs: TIMEOUT_MS, loopbackOnly: true });
      const port25 = report.rows.filter((r) => r.url === 'smtp://mail.contoso.com:25' && r.client === 'external');
      assert.equal(port25.length, 1);
      assert.equal(port25[0].status, 'asPlanned', port25[0].summary);
      assert.equal(port25[0].observed, 'covered');
    } finally {
      await world.close();
    }
  });
});
