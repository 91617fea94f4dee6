/**
 * The Exchange Auth certificate in a simulated hybrid organisation (review of issue 14,
 * must-fix 1, 2, 8): the rotation after Exchange's AuthAdmin servicelet published the next
 * certificate by itself, a missing or expired current certificate replaced in one run, and
 * "every server" meaning every Exchange 2013+ server of the organisation that is not Edge
 * Transport (Get-ExchangeServer), not only the plan's. Registered by scripts.test.ts so the
 * suite's one pwsh host serves them.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { ExchangePlan, ExchangeVersion, buildPlan } from '../../src';
import { modernTwoServers } from '../fixtures/contoso';
import { ISSUERS } from '../powershell/plans';
import { ExchangeCall } from './harness/pwsh-host';
import { DEFAULT_WINDOWS, ScriptStep, World, describeRun, makeWorld, readState, restore, runAll, runStep, snapshot } from './harness/scenario';
import { editServer, editWorld, readWorld, step } from './harness/world-files';
import { SuiteContext } from './hybrid-tests';

const AUTH_NAME = 'Microsoft Exchange Server Auth Certificate';

function hybridPlan(): ExchangePlan {
  return buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2019, issuer: ISSUERS.publicCa(), exportPfxForReverseProxy: false, hybrid: {} }));
}

/** The Set-AuthConfig calls of a run, by the switch or parameter that names the stage. */
const authCalls = (calls: readonly ExchangeCall[]) =>
  calls.filter((c) => c.cmdlet === 'Set-AuthConfig').map((c) => ['NewCertificateThumbprint', 'PublishCertificate', 'ClearPreviousCertificate'].find((p) => c.parameters.includes(p)) ?? c.parameters.join(','));

const holders = (world: World, thumbprint: string) => Object.values(readState(world)).filter((s: any) => s.certificates.some((c: any) => c.thumbprint === thumbprint)).map((s: any) => s.name).sort();

export function hybridAuthTests(ctx: SuiteContext): void {
  const run = async (world: World, s: ScriptStep, expectZero: boolean) => {
    const r = await runStep(ctx.host(), world, s);
    ctx.counted(r, expectZero ? r.exitCode === 0 : r.exitCode !== 0);
    return r;
  };
  const newWorld = async (authDaysLeft: number) => {
    const world = await makeWorld(ctx.host(), ctx.ca(), hybridPlan(), ctx.root(), { hybrid: { authDaysLeft } });
    const runs = await runAll(ctx.host(), world);
    for (const r of runs) ctx.counted(r.result, r.result.exitCode === 0);
    const failed = runs.find((r) => r.result.exitCode !== 0);
    assert.equal(failed, undefined, failed && describeRun(failed));
    return world;
  };
  /** A server of the organisation the plan does not name (it has its own Auth certificate from setup, not the organisation's). */
  const addServer = async (world: World, name: string, version: string, role?: string) => {
    await ctx.host().newServer({ dir: world.dir, name, fqdn: `${name.toLowerCase()}.contoso.com`, version, windows: DEFAULT_WINDOWS[version], trustedRoots: [ctx.ca().rootPem], intermediates: [], missingCmdlets: [] });
    if (role) editServer(world, name, (s) => { s.role = role; });
  };

  describe('the Exchange Auth certificate (Exchange 2019 hybrid organisation)', { skip: ctx.skip }, () => {
    test('Exchange publishes the next certificate by itself 12 hours after its effective date: the second run clears the previous one and prints the application pools and the hybrid step; a third run has nothing to do', async () => {
      const world = await newWorld(20);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      const old = readWorld(world).org.authConfig.current;
      const first = await run(world, rotate, true);
      assert.equal(first.exitCode, 0, describeRun({ step: rotate, result: first }));
      assert.deepEqual(authCalls(first.calls), ['NewCertificateThumbprint']);
      const next = readWorld(world).org.authConfig.next;

      // 72 hours later: the effective date (49 h) plus the servicelet's 12 h are past.
      editWorld(world, (w) => { w.clockOffsetDays = 3; });
      const verifyBefore = await run(world, step(world, /-verify-hybrid\.ps1$/), true);
      assert.equal(verifyBefore.exitCode, 0, describeRun({ step: step(world, /-verify-hybrid/), result: verifyBefore }));
      const published = readWorld(world).org.authConfig;
      assert.deepEqual([published.current, published.previous, published.next], [next, old, null], 'the simulated servicelet did not publish');

      const second = await run(world, rotate, true);
      assert.equal(second.exitCode, 0, describeRun({ step: rotate, result: second }));
      assert.ok(second.trace.some((l) => l.includes('Exchange has published the next Auth certificate itself')), second.trace.join('\n'));
      assert.deepEqual(authCalls(second.calls), ['ClearPreviousCertificate']);
      const auth = readWorld(world).org.authConfig;
      assert.deepEqual([auth.current, auth.previous, auth.next], [next, null, null]);
      assert.ok(second.trace.some((l) => l.includes('ConfigureExchangeHybridApplication.ps1 -UpdateCertificate')), second.trace.join('\n'));
      assert.ok(second.trace.some((l) => l.includes('Restart-WebAppPool MSExchangeOWAAppPool; Restart-WebAppPool MSExchangeECPAppPool')), second.trace.join('\n'));

      const third = await run(world, rotate, true);
      assert.deepEqual(authCalls(third.calls), []);
      assert.ok(third.trace.some((l) => /Nothing to do now/.test(l)), third.trace.join('\n'));
    });

    test('a second run after the effective date but before the servicelet publishes the next certificate itself and clears the previous one', async () => {
      const world = await newWorld(20);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      await run(world, rotate, true);
      const next = readWorld(world).org.authConfig.next;
      editWorld(world, (w) => { w.clockOffsetDays = 2.1; }); // 50.4 h: after 49 h, before 49 + 12 h
      const second = await run(world, rotate, true);
      assert.equal(second.exitCode, 0, describeRun({ step: rotate, result: second }));
      assert.deepEqual(authCalls(second.calls), ['PublishCertificate', 'ClearPreviousCertificate']);
      const auth = readWorld(world).org.authConfig;
      assert.deepEqual([auth.current, auth.previous, auth.next], [next, null, null]);
    });

    test('an expired current Auth certificate is replaced in one run (effective now, published, previous cleared), and verify passes after', async () => {
      const world = await newWorld(20);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      const verify = step(world, /-verify-hybrid\.ps1$/);
      const old = readWorld(world).org.authConfig.current;
      editWorld(world, (w) => { w.clockOffsetDays = 25; }); // expired 5 days ago
      const broken = await run(world, verify, false);
      assert.ok(broken.trace.some((l) => /^warning The Auth certificate [0-9A-F]{40} expired on/.test(l)), broken.trace.join('\n'));

      const fixed = await run(world, rotate, true);
      assert.equal(fixed.exitCode, 0, describeRun({ step: rotate, result: fixed }));
      assert.ok(fixed.trace.some((l) => /^warning The current Auth certificate [0-9A-F]{40} expired on .*published now, without waiting 48 hours/.test(l)), fixed.trace.join('\n'));
      assert.deepEqual(authCalls(fixed.calls), ['NewCertificateThumbprint', 'PublishCertificate', 'ClearPreviousCertificate']);
      assert.ok(fixed.calls.find((c) => c.cmdlet === 'Set-AuthConfig' && c.parameters.includes('NewCertificateThumbprint'))!.parameters.includes('Force'));
      assert.ok(!fixed.trace.some((l) => l.startsWith('prompt ')), fixed.trace.join('\n'));
      const auth = readWorld(world).org.authConfig;
      assert.notEqual(auth.current, old);
      assert.deepEqual([auth.previous, auth.next], [null, null]);
      assert.deepEqual(holders(world, auth.current), ['EX01', 'EX02']);
      assert.ok(fixed.trace.some((l) => l.includes('Restart-WebAppPool MSExchangeOWAAppPool')), fixed.trace.join('\n'));
      const after = await run(world, verify, true);
      assert.ok(!after.trace.some((l) => /Auth certificate/.test(l) && l.startsWith('warning')), after.trace.join('\n'));
    });

    test('a current Auth certificate missing on the server is replaced in one run, not left for "tomorrow"', async () => {
      const world = await newWorld(200);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      const old = readWorld(world).org.authConfig.current;
      editServer(world, 'EX01', (s) => { s.certificates = s.certificates.filter((c: any) => c.thumbprint !== old); });
      const fixed = await run(world, rotate, true);
      assert.equal(fixed.exitCode, 0, describeRun({ step: rotate, result: fixed }));
      assert.ok(fixed.trace.some((l) => l.startsWith(`warning The current Auth certificate ${old} is not on EX01`)), fixed.trace.join('\n'));
      assert.deepEqual(authCalls(fixed.calls), ['NewCertificateThumbprint', 'PublishCertificate', 'ClearPreviousCertificate']);
      const auth = readWorld(world).org.authConfig;
      assert.notEqual(auth.current, old);
      assert.deepEqual(holders(world, auth.current), ['EX01', 'EX02']);
    });

    test('every Exchange 2013+ server of the organisation must hold it, not only the plan\'s: verify names a server outside the plan, the rotation waits for it; 2010 and Edge servers are left out', async () => {
      const world = await newWorld(20);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      const verify = step(world, /-verify-hybrid\.ps1$/);
      await addServer(world, 'EX03', '2019');
      await addServer(world, 'OLD10', '2010');
      await addServer(world, 'EDGE01', '2019', 'Edge');
      for (const s of ['OLD10', 'EDGE01']) editServer(world, s, (x) => { x.certificates = x.certificates.filter((c: any) => c.friendlyName !== AUTH_NAME); });
      const current = readWorld(world).org.authConfig.current;
      assert.deepEqual(holders(world, current), ['EX01', 'EX02']);

      const missing = await run(world, verify, false);
      const authProblems = missing.trace.filter((l) => /^warning \S+ does not hold the Auth certificate/.test(l));
      assert.deepEqual(authProblems.map((l) => l.split(' ')[1]), ['EX03'], missing.trace.join('\n'));

      // The rotation: the next certificate is deployed everywhere at once; take it off EX03 and the second run refuses.
      const first = await run(world, rotate, true);
      assert.equal(first.exitCode, 0, describeRun({ step: rotate, result: first }));
      const next = readWorld(world).org.authConfig.next;
      editServer(world, 'EX03', (s) => { s.certificates = s.certificates.filter((c: any) => c.thumbprint !== next); });
      editWorld(world, (w) => { w.clockOffsetDays = 2.1; });
      const refused = await run(world, rotate, false);
      assert.notEqual(refused.exitCode, 0);
      assert.ok(refused.trace.some((l) => l.includes(`The next Auth certificate ${next} has not reached EX03 yet`)), refused.trace.join('\n'));
      assert.deepEqual(authCalls(refused.calls), []);
      assert.equal(readWorld(world).org.authConfig.current, current);
    });

    test('a failed Set-AuthConfig after the new certificate was made: the next run reuses that certificate instead of making another', async () => {
      const world = await newWorld(20);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      const authOnEx01 = () => readState(world).EX01.certificates.filter((c: any) => c.friendlyName === AUTH_NAME).map((c: any) => c.thumbprint);
      const before = authOnEx01();
      const failed = await runStep(ctx.host(), world, rotate, { faults: [{ cmdlet: 'Set-AuthConfig', nth: 1 }] });
      ctx.counted(failed, failed.exitCode !== 0);
      assert.notEqual(failed.exitCode, 0);
      const orphan = authOnEx01().filter((t: string) => !before.includes(t));
      assert.equal(orphan.length, 1, 'the failed run did not leave the certificate it made');
      assert.equal(readWorld(world).org.authConfig.next, null);

      const again = await run(world, rotate, true);
      assert.equal(again.exitCode, 0, describeRun({ step: rotate, result: again }));
      assert.deepEqual(again.calls.filter((c) => c.cmdlet === 'New-ExchangeCertificate'), []);
      assert.ok(again.trace.some((l) => l.startsWith(`host Reusing the Auth certificate ${orphan[0]}`)), again.trace.join('\n'));
      assert.equal(readWorld(world).org.authConfig.next, orphan[0]);
      assert.deepEqual(authOnEx01().filter((t: string) => !before.includes(t)), orphan);
    });

    test('the Service Host never published the next certificate: verify warns more than 12 hours after its effective date, and the rotation publishes it', async () => {
      const world = await newWorld(20);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      const verify = step(world, /-verify-hybrid\.ps1$/);
      await run(world, rotate, true);
      const next = readWorld(world).org.authConfig.next;
      editWorld(world, (w) => { w.clockOffsetDays = 3; w.org.authConfig.serviceHostStopped = true; });
      const checked = await run(world, verify, true);
      assert.ok(checked.trace.some((l) => l.startsWith(`warning The next Auth certificate ${next} became effective on `) && l.includes('has not published it')), checked.trace.join('\n'));
      const second = await run(world, rotate, true);
      assert.equal(second.exitCode, 0, describeRun({ step: rotate, result: second }));
      assert.deepEqual(authCalls(second.calls), ['PublishCertificate', 'ClearPreviousCertificate']);
      assert.equal(readWorld(world).org.authConfig.current, next);
    });

    test('a fault injected into every state-changing call of the one-run replacement and of the publishing second run stops the script with the error and no success line for it', async () => {
      const world = await newWorld(20);
      const rotate = step(world, /-rotate-auth-certificate\.ps1$/);
      const problems: string[] = [];
      const faultAll = async (prepare: () => void) => {
        const snap = snapshot(world);
        prepare();
        const clean = await run(world, rotate, true);
        assert.equal(clean.exitCode, 0, describeRun({ step: rotate, result: clean }));
        const calls = clean.calls.filter((c) => /^(Set|New)-/.test(c.cmdlet));
        assert.ok(calls.length >= 2, describeRun({ step: rotate, result: clean }));
        for (const call of calls) {
          for (const mode of ['usual', 'pessimistic'] as const) {
            restore(world, snap);
            prepare();
            const r = await runStep(ctx.host(), world, rotate, { faults: [{ cmdlet: call.cmdlet, nth: call.n }], faultMode: mode });
            const at = clean.trace.indexOf(`call ${call.cmdlet} #${call.n}`);
            const success = clean.trace.slice(at + 1).find((l) => l.startsWith('host '));
            const printed = success !== undefined && /Published|Cleared|New Auth certificate/.test(success) && r.trace.includes(success);
            const said = r.trace.some((l) => l.includes(`fault injected at call ${call.n} of ${call.cmdlet}`));
            const ok = r.exitCode !== 0 && !printed && said;
            ctx.counted(r, ok);
            if (!ok) problems.push(`${mode}: fault at ${call.cmdlet} #${call.n}: exit ${r.exitCode}${printed ? `, printed '${success}'` : ''}${said ? '' : ', did not show the error'}`);
          }
        }
        restore(world, snap);
        fs.rmSync(snap, { recursive: true, force: true });
      };
      // Expired: the one-run replacement (New-ExchangeCertificate, Set-AuthConfig three times).
      await faultAll(() => editWorld(world, (w) => { w.clockOffsetDays = 25; }));
      // The first run, then 50.4 hours later the run that publishes (before the servicelet does).
      const first = await run(world, rotate, true);
      assert.equal(first.exitCode, 0, describeRun({ step: rotate, result: first }));
      await faultAll(() => editWorld(world, (w) => { w.clockOffsetDays = 2.1; }));
      assert.deepEqual(problems, []);
    });
  });
}
