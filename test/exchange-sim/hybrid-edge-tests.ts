/**
 * Edge Transport in a hybrid organisation (issue 14, review must-fix 7): the Edge server
 * EDGE01 gets the plan's certificate and a new Edge subscription, imported on EX01, at the
 * first binding and at every renewal; a subscription file older than its bootstrap account
 * (1440 minutes) and a failed New-EdgeSubscription stop the script with a clear message.
 * Registered by scripts.test.ts (the suite's one pwsh host).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ExchangeVersion, buildPlan } from '../../src';
import { modernTwoServers } from '../fixtures/contoso';
import { ISSUERS } from '../powershell/plans';
import { DEFAULT_WINDOWS, ScriptStep, World, describeRun, makeWorld, readState, runAll, runRenewals, runStep } from './harness/scenario';
import { SuiteContext } from './hybrid-tests';

const EDGE = { name: 'EDGE01', fqdn: 'edge01.contoso.com' };

function readOrg(world: World): any {
  return JSON.parse(fs.readFileSync(path.join(world.dir, 'world.json'), 'utf8')).org;
}

export function hybridEdgeTests(ctx: SuiteContext): void {
  const newWorld = async (): Promise<World> => {
    const plan = buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2019, issuer: ISSUERS.publicCa(), exportPfxForReverseProxy: false, hybrid: { edgeServers: [EDGE] } }));
    const world = await makeWorld(ctx.host(), ctx.ca(), plan, ctx.root());
    // The Edge Transport server: a fresh 2019 server in the perimeter network (role Edge, no Active Directory site).
    const ca = ctx.ca();
    await ctx.host().newServer({ dir: world.dir, name: EDGE.name, fqdn: EDGE.fqdn, version: '2019', windows: DEFAULT_WINDOWS['2019'], trustedRoots: [ca.rootPem], intermediates: [ca.chainPem.slice(0, ca.chainPem.indexOf(ca.rootPem)), ca.issuing2Pem] });
    const file = path.join(world.dir, `${EDGE.name}.json`);
    const state = JSON.parse(fs.readFileSync(file, 'utf8'));
    state.role = 'Edge';
    fs.writeFileSync(file, JSON.stringify(state));
    return world;
  };
  const step = (world: World, re: RegExp): ScriptStep => {
    const s = world.steps.find((x) => re.test(x.file));
    assert.ok(s, `no script matching ${re} in ${world.steps.map((x) => x.file).join(', ')}`);
    return s;
  };
  const runAllOk = async (world: World) => {
    const runs = await runAll(ctx.host(), world);
    for (const r of runs) ctx.counted(r.result, r.result.exitCode === 0);
    const failed = runs.find((r) => r.result.exitCode !== 0);
    assert.equal(failed, undefined, failed && describeRun(failed));
    return runs;
  };
  /** The thumbprint of the plan's certificate on EX01 (the newest with a key, as the export takes it). */
  const edgeState = (world: World) => readState(world)[EDGE.name];

  describe('hybrid through an Edge Transport server (Exchange 2019)', { skip: ctx.skip }, () => {
    test('the first binding and every renewal put the certificate on the Edge server and a new Edge subscription carrying it on EX01', async () => {
      const world = await newWorld();
      const edgeScript = step(world, /-edge-certificate-edge01\.ps1$/);
      const importScript = step(world, /-import-edge-subscription-edge01\.ps1$/);
      assert.equal(edgeScript.server, EDGE.name);
      assert.equal(importScript.server, 'EX01');
      assert.ok(world.steps.indexOf(edgeScript) < world.steps.indexOf(importScript));
      assert.equal(readOrg(world).edgeSubscriptions, undefined);

      const runs = await runAllOk(world);
      const importRun = runs.find((r) => r.step === importScript)!;
      assert.deepEqual(importRun.result.calls.filter((c) => /EdgeSub|EdgeSync/.test(c.cmdlet)).map((c) => c.cmdlet), ['New-EdgeSubscription', 'Get-EdgeSubscription', 'Start-EdgeSynchronization'], describeRun(importRun));
      const edge = edgeState(world);
      const smtp = edge.internalTransportCertificate as string;
      const onEx01 = readState(world).EX01.certificates.find((c: any) => c.thumbprint === smtp);
      assert.ok(onEx01, `EDGE01's default SMTP certificate ${smtp} is not the plan's certificate of EX01`);
      const sub = readOrg(world).edgeSubscriptions.EDGE01;
      assert.equal(sub.certificateThumbprint, smtp);
      assert.equal(sub.synchronized, true);
      assert.match(sub.site, /Default-First-Site-Name$/);

      // A renewal 70 days later: the follow-up scripts include the Edge steps, and the new subscription carries the renewed certificate.
      const renewal = await runRenewals(ctx.host(), world, 70);
      for (const r of renewal) ctx.counted(r.result, r.result.exitCode === 0);
      const failed = renewal.find((r) => r.result.exitCode !== 0);
      assert.equal(failed, undefined, failed && describeRun(failed));
      assert.ok(renewal.some((r) => r.step === edgeScript) && renewal.some((r) => r.step === importScript), renewal.map((r) => r.step.file).join(', '));
      const renewed = edgeState(world).internalTransportCertificate as string;
      assert.notEqual(renewed, smtp);
      assert.equal(readOrg(world).edgeSubscriptions.EDGE01.certificateThumbprint, renewed);
    });

    test('a subscription file past its 1440 minutes, or a failed New-EdgeSubscription, stops the import with a clear message and nothing imported', async () => {
      const world = await newWorld();
      await runAllOk(world);
      const importScript = step(world, /-import-edge-subscription-edge01\.ps1$/);
      const before = JSON.stringify(readOrg(world).edgeSubscriptions);
      const file = path.join(world.folder, 'edge01-edge-subscription.xml');

      // Written 25 hours ago (the script's own check, on the file's time).
      const old = new Date(Date.now() - 25 * 3600 * 1000);
      fs.utimesSync(file, old, old);
      const stale = await runStep(ctx.host(), world, importScript);
      ctx.counted(stale, stale.exitCode !== 0);
      assert.notEqual(stale.exitCode, 0);
      assert.ok(stale.trace.some((l) => /bootstrap account has expired \(1440 minutes\)/.test(l)), stale.trace.join('\n'));
      assert.deepEqual(stale.calls.filter((c) => c.cmdlet === 'New-EdgeSubscription'), []);

      // A fresh file on the script's clock, but two days later on Exchange's: Exchange refuses it, the script stops naming the step.
      const now = new Date();
      fs.utimesSync(file, now, now);
      const worldFile = path.join(world.dir, 'world.json');
      const w = JSON.parse(fs.readFileSync(worldFile, 'utf8'));
      w.clockOffsetDays = 2;
      fs.writeFileSync(worldFile, JSON.stringify(w));
      const expired = await runStep(ctx.host(), world, importScript);
      ctx.counted(expired, expired.exitCode !== 0);
      assert.notEqual(expired.exitCode, 0);
      assert.ok(expired.trace.some((l) => /FAILED: New-EdgeSubscription -FileData edge01-edge-subscription\.xml: .*has expired/.test(l)), expired.trace.join('\n'));
      assert.deepEqual(expired.calls.filter((c) => c.cmdlet === 'Start-EdgeSynchronization'), []);
      assert.equal(JSON.stringify(readOrg(world).edgeSubscriptions), before);

      // An injected failure of the Edge server's New-EdgeSubscription: the script stops there, no file is left to import.
      w.clockOffsetDays = 0;
      fs.writeFileSync(worldFile, JSON.stringify(w));
      const faulted = await runStep(ctx.host(), world, step(world, /-edge-certificate-edge01\.ps1$/), { faults: [{ cmdlet: 'New-EdgeSubscription', nth: 1 }] });
      ctx.counted(faulted, faulted.exitCode !== 0);
      assert.notEqual(faulted.exitCode, 0);
      assert.ok(faulted.trace.some((l) => /FAILED: New-EdgeSubscription -FileName \(Edge\): Active Directory operation failed/.test(l)), faulted.trace.join('\n'));
      assert.equal(fs.existsSync(file), false);
    });
  });
}
