/**
 * Every emitted PowerShell script, run against simulated Exchange servers in one
 * long-lived PowerShell 7.6 host (see README.md beside this file): every example in full,
 * a pairwise matrix of versions x issuers x strategies, a fault injected at every
 * state-changing Exchange call, the verify scripts against broken servers, and the
 * shell's own rules (parameters per version, preferences, deserialized objects).
 * Ends with one line: `scripts executed: R runs, F faults injected, P passed, X failed`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CertificateIssuer, CertificateRequest, CertificateStrategy, ExchangePlan, ExchangeService, ExchangeVersion, buildPlan } from '../../src';
import { EXCHANGE_CMDLETS } from '../../src/powershell/version-table';
import { contoso, modernTwoServers } from '../fixtures/contoso';
import { loadExamplePlan } from '../helpers/examples';
import { exampleNames } from '../helpers/synth';
import { ISSUERS, IssuerName } from '../powershell/plans';
import { TestCa, makeTestCa } from './harness/ca';
import { planDifferences } from './harness/expect';
import { RunResult, SimHost, findPwsh } from './harness/pwsh-host';
import { hybridTests } from './hybrid-tests';
import { hybridConnectorTests } from './hybrid-conn-tests';
import { hybridAuthTests } from './hybrid-auth-tests';
import { hybridEdgeTests } from './hybrid-edge-tests';
import { ScriptStep, StepRun, World, adminStep, describeRun, makeWorld, readState, restore, runAll, runRenewals, runStep, snapshot } from './harness/scenario';

const PWSH = findPwsh();
if (!PWSH && process.env.CI === 'true') {
  throw new Error('PowerShell 7.6 (pwsh) is missing under CI=true: run node scripts/ensure-pwsh.js (npm test does) or set PWSH.');
}
const SKIP = PWSH ? false : 'PowerShell 7.6 (pwsh) not found: run `node scripts/ensure-pwsh.js` (npm test and npm run test:scripts do) or set PWSH';

let host: SimHost;
let ca: TestCa;
let root: string;
const stats = { runs: 0, faults: 0, passed: 0, failed: 0 };

/** Counts a script run and whether it did what the test expected of it. */
function counted(result: RunResult, asExpected: boolean): RunResult {
  stats.runs += 1;
  stats.faults += result.faultsInjected;
  if (asExpected) stats.passed += 1;
  else stats.failed += 1;
  return result;
}

function countRuns(runs: readonly StepRun[], expectZero = true): void {
  for (const r of runs) counted(r.result, expectZero ? r.result.exitCode === 0 : r.result.exitCode !== 0);
}

before(() => {
  if (!PWSH) return;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-sim-'));
  ca = makeTestCa(path.join(root, 'ca'));
  host = new SimHost(PWSH);
});

after(async () => {
  if (!PWSH) return;
  await host.close();
  fs.rmSync(root, { recursive: true, force: true });
  console.log(`scripts executed: ${stats.runs} runs, ${stats.faults} faults injected, ${stats.passed} passed, ${stats.failed} failed`);
});

const VERSIONS = ExchangeVersion.ALL;
const ISSUER_NAMES = Object.keys(ISSUERS) as IssuerName[];
const STRATEGIES = ['sanCertificate', 'singleName', 'twoCertificates', 'srvRecord'] as const;

function matrixPlan(version: ExchangeVersion, issuer: IssuerName, strategy: (typeof STRATEGIES)[number], twoServers: boolean, exportPfx: boolean): ExchangePlan {
  const overrides = {
    exchangeVersion: version,
    issuer: ISSUERS[issuer](),
    services: [ExchangeService.IIS, ExchangeService.SMTP],
    exportPfxForReverseProxy: exportPfx,
    ...(issuer === 'publicCa' || issuer === 'acm' ? {} : { caaRecords: false }),
    ...(twoServers
      ? {
          servers: [
            { name: 'SERVER01', fqdn: 'server01.contoso.local', ipv4: '192.168.10.11' },
            { name: 'SERVER02', fqdn: 'server02.contoso.local', ipv4: '192.168.10.13' },
          ],
        }
      : {}),
  };
  const strategyOverride =
    strategy === 'twoCertificates' && twoServers ? { strategy: CertificateStrategy.twoCertificates({ autodiscoverPublicIpv4: '203.0.113.11', autodiscoverServerIpv4: ['192.168.10.12', '192.168.10.14'] }) } : {};
  return buildPlan({ ...contoso(strategy, overrides), ...strategyOverride });
}

/** Runs the plan's scripts, checks every exit code and the end state, then runs them all again: nothing may change. */
async function runPlanTwice(plan: ExchangePlan): Promise<World> {
  const world = await makeWorld(host, ca, plan, root);
  const runs = await runAll(host, world);
  countRuns(runs);
  const failed = runs.find((r) => r.result.exitCode !== 0);
  assert.equal(failed, undefined, failed && describeRun(failed));
  assert.deepEqual(planDifferences(plan, readState(world)), []);
  const before = JSON.stringify(readState(world));
  const again = await runAll(host, world);
  countRuns(again);
  const failedAgain = again.find((r) => r.result.exitCode !== 0);
  assert.equal(failedAgain, undefined, failedAgain && `second run: ${describeRun(failedAgain)}`);
  assert.equal(JSON.stringify(readState(world)), before, 'the second run of every script changed the servers');
  return world;
}

describe('every example, in full, on simulated servers', { skip: SKIP }, () => {
  for (const name of exampleNames()) {
    test(`${name}: every script exits 0 in run order, the servers end as planned, a second run changes nothing; 70 days later the renewal scripts and their follow-ups put a new certificate in place`, async () => {
      const plan = loadExamplePlan(name).plan;
      const world = await runPlanTwice(plan);
      if (!world.steps.some((s) => s.later)) return;
      const bound = (st: Record<string, any>) => Object.values(st).map((s: any) => s.iis.sslBindings['0.0.0.0:443']).join(',');
      const before = bound(readState(world));
      const renewals = await runRenewals(host, world, 70);
      countRuns(renewals);
      const failed = renewals.find((r) => r.result.exitCode !== 0);
      assert.equal(failed, undefined, failed && `renewal: ${describeRun(failed)}`);
      assert.ok(renewals.some((r) => /-verify-/.test(r.step.file)), 'the renewal did not end with the verify scripts');
      assert.deepEqual(planDifferences(plan, readState(world)), []);
      assert.notEqual(bound(readState(world)), before, 'the renewal left the old certificate bound');
    });
  }
});

describe('pairwise matrix: version x issuer x strategy, one and two servers, PFX export on and off', { skip: SKIP }, () => {
  // Every version x issuer pair once; the strategy rotates so that every version x strategy
  // and issuer x strategy pair occurs too; servers and PFX export alternate.
  VERSIONS.forEach((version, v) => {
    ISSUER_NAMES.forEach((issuer, i) => {
      const strategy = STRATEGIES[(v + i) % STRATEGIES.length];
      const twoServers = (v + i) % 2 === 0;
      const exportPfx = Math.floor((v + i) / 2) % 2 === 0;
      test(`${version.name} / ${issuer} / ${strategy} / ${twoServers ? 'two servers' : 'one server'} / PFX export ${exportPfx ? 'on' : 'off'}`, async () => {
        await runPlanTwice(matrixPlan(version, issuer, strategy, twoServers, exportPfx));
      });
    });
  });
});

/** The Exchange cmdlets that change a server (or, for Export, write the key to a file). */
const STATE_CHANGING = /^(New|Import|Enable|Export|Remove|Set)-/;

/** The first line the script printed after a call in the clean run: that step's success line. */
function successLineAfter(trace: readonly string[], cmdlet: string, n: number): string | undefined {
  const at = trace.indexOf(`call ${cmdlet} #${n}`);
  if (at < 0) return undefined;
  return trace.slice(at + 1).find((l) => l.startsWith('host ') && !/^host (FAILED|Checking)/.test(l));
}

/** Scripts identical up to server names are faulted once per version (the first server's). */
function faultSteps(world: World): ScriptStep[] {
  const seen = new Set<string>();
  return world.steps.filter((s) => {
    if (s.later) return false;
    const kind = s.file.replace(/^\d+-/, '').replace(new RegExp(`-${s.server.toLowerCase()}\\.ps1$`), '.ps1');
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
}

function editJson(file: string, edit: (s: any) => void): void {
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(s);
  fs.writeFileSync(file, JSON.stringify(s));
}

async function faultEveryCall(plan: ExchangePlan, mode: 'usual' | 'pessimistic'): Promise<string[]> {
  // Step by step: each fault starts from the state before its script, and the clean run
  // of that script then carries the world on to the next one.
  const fresh = await makeWorld(host, ca, plan, root);
  const problems: string[] = [];
  const wanted = new Set(faultSteps(fresh).map((s) => s.file));
  // The first-run scripts, then (70 days later on the simulated clock) the renewal scripts.
  const renewals = fresh.steps.filter((s) => s.later);
  for (const step of [...fresh.steps.filter((s) => !s.later), ...renewals]) {
    if (step === renewals[0]) editJson(path.join(fresh.dir, 'world.json'), (w) => { w.clockOffsetDays = 70; });
    const snap = snapshot(fresh);
    const cleanRun = await runStep(host, fresh, step);
    const clean = counted(cleanRun, cleanRun.exitCode === 0);
    if (clean.exitCode !== 0) {
      problems.push(`clean run failed first: ${describeRun({ step, result: clean })}`);
      break;
    }
    if (wanted.has(step.file) || step.later) {
      for (const call of clean.calls.filter((c) => STATE_CHANGING.test(c.cmdlet))) {
        const after = snapshot(fresh);
        restore(fresh, snap);
        const faulted = await runStep(host, fresh, step, { faults: [{ cmdlet: call.cmdlet, nth: call.n }], faultMode: mode });
        const success = successLineAfter(clean.trace, call.cmdlet, call.n);
        const printedSuccess = success !== undefined && faulted.trace.includes(success);
        const saidWhat = faulted.trace.some((l) => l.includes(`fault injected at call ${call.n} of ${call.cmdlet}`));
        const ok = faulted.exitCode !== 0 && !printedSuccess && saidWhat;
        counted(faulted, ok);
        if (!ok) {
          problems.push(
            `${step.file} (${mode}): fault at ${call.cmdlet} #${call.n}: exit ${faulted.exitCode}${printedSuccess ? `, printed '${success!.slice(5)}'` : ''}${saidWhat ? '' : ', did not show the error'}`,
          );
        }
        restore(fresh, after);
        fs.rmSync(after, { recursive: true, force: true });
      }
    }
    fs.rmSync(snap, { recursive: true, force: true });
    await adminStep(host, fresh, step, undefined);
  }
  return problems;
}

/** Plans whose scripts together make every kind of state-changing call of a version. */
function faultPlans(version: ExchangeVersion): { name: string; plan: ExchangePlan }[] {
  const services = [ExchangeService.IIS, ExchangeService.SMTP, ExchangeService.POP, ExchangeService.IMAP];
  return [
    { name: 'two servers, enterprise CA, PFX export, POP and IMAP', plan: buildPlan(modernTwoServers({ exchangeVersion: version, issuer: ISSUERS.enterpriseCa(), caaRecords: false, services })) },
    { name: 'two certificates, public CA', plan: buildPlan(contoso('twoCertificates', { exchangeVersion: version })) },
    { name: 'ACM Private CA', plan: buildPlan(contoso('sanCertificate', { exchangeVersion: version, issuer: ISSUERS.acmPrivateCa(), caaRecords: false })) },
  ];
}

// Every state-changing call gets a fault in the pessimistic mode (the error stays
// non-terminating whatever -ErrorAction says, so the script must check what the call did);
// the usual mode (-ErrorAction Stop makes it terminating) runs on the first plan of the
// snap-in version (2007) and of the newest module versions (2019, SE).
for (const mode of ['pessimistic', 'usual'] as const) {
  describe(`a fault at every state-changing Exchange call (${mode} mode): the script exits non-zero, shows the error and prints no success line for that step`, { skip: SKIP }, () => {
    for (const version of mode === 'usual' ? VERSIONS.filter((v) => ['2007', '2019', 'SE'].includes(v.name)) : VERSIONS) {
      for (const { name, plan } of faultPlans(version).slice(0, mode === 'usual' ? 1 : undefined)) {
        test(`${version.name}, ${name}`, async () => {
          const problems = await faultEveryCall(plan, mode);
          assert.deepEqual(problems, []);
        });
      }
    }
  });
}


describe('the verify scripts fail on a server that differs from the plan', { skip: SKIP }, () => {
  for (const version of VERSIONS) {
    const plan = () => buildPlan(modernTwoServers({ exchangeVersion: version, issuer: ISSUERS.publicCa(), exportPfxForReverseProxy: false }));
    const verifyOf = (world: World) => world.steps.find((s) => /-verify-/.test(s.file) && s.server === 'EX01')!;

    async function verifyFails(world: World, what: string): Promise<void> {
      const step = verifyOf(world);
      const r = await runStep(host, world, step);
      counted(r, r.exitCode !== 0);
      assert.notEqual(r.exitCode, 0, `verify passed although ${what}:\n${describeRun({ step, result: r })}`);
    }

    test(`${version.name}: a URL differs, or the certificate is Untrusted, Revoked or expired`, async (t) => {
      const world = await makeWorld(host, ca, plan(), root);
      const runs = await runAll(host, world);
      countRuns(runs);
      const failed = runs.find((r) => r.result.exitCode !== 0);
      assert.equal(failed, undefined, failed && describeRun(failed));
      const installed = snapshot(world);
      const server = path.join(world.dir, 'EX01.json');
      const breaks: [string, () => void][] = [
        ['the OWA external URL differs from the plan', () => editJson(server, (s) => { s.vdirs['owa (Default Web Site)'].externalUrl = 'https://owa.example.net/owa'; })],
        ['the certificate is Untrusted (its root left the Trusted Root store)', () => editJson(server, (s) => { s.stores.Root = []; })],
        ['the certificate is Revoked', () => {
          const enabled = readState(world).EX01.certificates.filter((c: any) => (c.services ?? []).includes('IIS')).map((c: any) => c.thumbprint);
          editJson(path.join(world.dir, 'world.json'), (w) => { w.revoked = [...(w.revoked ?? []), ...enabled]; });
        }],
        ['the certificate expired (the simulated clock moved past NotAfter)', () => editJson(path.join(world.dir, 'world.json'), (w) => { w.clockOffsetDays = 120; })],
      ];
      for (const [what, edit] of breaks) {
        await t.test(what, async () => {
          restore(world, installed);
          edit();
          await verifyFails(world, what);
        });
      }
    });

    test(`${version.name}: the CA issues a certificate with other names: the complete script refuses it and verify fails`, async () => {
      const world = await makeWorld(host, ca, plan(), root);
      const runs = await runAll(host, world, { caFault: 'otherNames' });
      countRuns(runs.slice(0, -1));
      const last = runs[runs.length - 1];
      counted(last.result, last.result.exitCode !== 0);
      assert.notEqual(last.result.exitCode, 0, 'a certificate with other names was installed without an error');
      await verifyFails(world, 'the certificate lacks a planned name');
    });

    if (['2007', '2019'].includes(version.name)) test(`${version.name}: the CA's chain is untrusted: the complete script fails and verify fails`, async () => {
      const world = await makeWorld(host, ca, plan(), root);
      const runs = await runAll(host, world, { caFault: 'untrusted' });
      countRuns(runs.slice(0, -1));
      const last = runs[runs.length - 1];
      counted(last.result, last.result.exitCode !== 0);
      assert.notEqual(last.result.exitCode, 0, 'a certificate with an untrusted chain was enabled without an error');
      await verifyFails(world, 'the certificate is Untrusted');
    });
  }
});

/** Runs a few lines as a script on a fresh server of the version. */
async function adHoc(version: ExchangeVersion, body: string): Promise<RunResult> {
  const world = await makeWorld(host, ca, buildPlan(contoso('sanCertificate', { exchangeVersion: version })), root);
  const file = path.join(world.folder, 'ad-hoc.ps1');
  fs.writeFileSync(file, body);
  return runStep(host, world, { file: 'ad-hoc.ps1', path: file, server: 'SERVER01', later: false });
}

describe('the simulated shell binds parameters and reports errors as Exchange does', { skip: SKIP }, () => {
  for (const version of VERSIONS) {
    const v = version.name;
    test(`${v}: a parameter the reference does not list for ${v} fails the run`, async () => {
      const unknown = v === '2010' ? "New-ExchangeCertificate -GenerateRequest -RequestFile 'C:\\x.req' -SubjectName 'CN=x'" : "Get-ExchangeCertificate -NoSuchParameter 'x'";
      const r = counted(await adHoc(version, `$ErrorActionPreference = 'Stop'\n${unknown}\nWrite-Host 'went on'\n`), true);
      assert.notEqual(r.exitCode, 0, r.trace.join('\n'));
      assert.ok(r.trace.some((l) => /parameter cannot be found|A parameter cannot be found/.test(l)), r.trace.join('\n'));
      assert.ok(!r.trace.includes('host went on'));
    });

    test(`${v}: the services list binds as 'IIS','SMTP', 'IIS,SMTP' and 'IIS, SMTP'; an unknown service fails`, async () => {
      const thumb = "(@(Get-ExchangeCertificate | Where-Object { $_.IsSelfSigned -and ([string]$_.Services) -ne 'SMTP' })[0].Thumbprint)";
      const r = counted(
        await adHoc(
          version,
          [
            "$ErrorActionPreference = 'Stop'",
            `$t = ${thumb}`,
            "Enable-ExchangeCertificate -Thumbprint $t -Services 'IIS','SMTP' -Force -ErrorAction Stop",
            "Enable-ExchangeCertificate -Thumbprint $t -Services 'IIS,SMTP' -Force -ErrorAction Stop",
            "Enable-ExchangeCertificate -Thumbprint $t -Services 'IIS, SMTP' -Force -ErrorAction Stop",
            "Write-Host ('services ' + (Get-ExchangeCertificate -Thumbprint $t).Services)",
            "Enable-ExchangeCertificate -Thumbprint $t -Services 'IIS','HTTP' -Force -ErrorAction Stop",
            "Write-Host 'went on'",
          ].join('\n'),
        ),
        true,
      );
      assert.ok(r.trace.some((l) => /^host services .*IIS, SMTP/.test(l)), r.trace.join('\n'));
      assert.notEqual(r.exitCode, 0);
      assert.ok(!r.trace.includes('host went on'));
    });

    if (v === '2007') {
      test('2007: the snap-in cmdlets obey the script\'s $ErrorActionPreference', async () => {
        const r = counted(await adHoc(version, "$ErrorActionPreference = 'Stop'\nEnable-ExchangeCertificate -Thumbprint 'ABCDEF' -Services 'IIS'\nWrite-Host 'went on'\n"), true);
        assert.notEqual(r.exitCode, 0);
        assert.ok(!r.trace.includes('host went on'));
      });
    } else {
      test(`${v}: the module's cmdlets do not see the script's $ErrorActionPreference (implicit remoting); -ErrorAction Stop does reach them`, async () => {
        const r = counted(
          await adHoc(version, "$ErrorActionPreference = 'Stop'\nEnable-ExchangeCertificate -Thumbprint 'ABCDEF' -Services 'IIS'\nWrite-Host 'went on'\nEnable-ExchangeCertificate -Thumbprint 'ABCDEF' -Services 'IIS' -ErrorAction Stop\nWrite-Host 'went on again'\n"),
          true,
        );
        assert.ok(r.trace.includes('host went on'), r.trace.join('\n'));
        assert.ok(r.trace.some((l) => l.startsWith('error ') && l.includes('ABCDEF')));
        assert.notEqual(r.exitCode, 0);
        assert.ok(!r.trace.includes('host went on again'));
      });

      test(`${v}: objects come back deserialized (properties, no methods)`, async () => {
        const r = counted(
          await adHoc(version, "$c = @(Get-ExchangeCertificate)[0]\nWrite-Host ('type ' + $c.PSObject.TypeNames[0])\n$c.GetNameInfo('SimpleName', $false)\nWrite-Host 'method worked'\n"),
          true,
        );
        assert.ok(r.trace.some((l) => l.startsWith('host type Deserialized.')), r.trace.join('\n'));
        assert.ok(!r.trace.includes('host method worked'));
      });
    }

    test(`${v}: a missing mandatory parameter fails`, async () => {
      const call = v === '2007' ? "Export-ExchangeCertificate -BogusMandatoryCheck" : 'Enable-ExchangeCertificate -Thumbprint ABC';
      const r = counted(await adHoc(version, `$ErrorActionPreference = 'Stop'\n${call}\nWrite-Host 'went on'\n`), true);
      assert.notEqual(r.exitCode, 0, r.trace.join('\n'));
      assert.ok(!r.trace.includes('host went on'));
    });
  }

  test('2007 facts: the 2007 cmdlets are the project\'s sourced table', () => {
    assert.ok(Object.keys(EXCHANGE_CMDLETS['2007']).includes('Import-ExchangeCertificate'));
  });
});

hybridTests({ skip: SKIP, host: () => host, ca: () => ca, root: () => root, counted });
hybridConnectorTests({ skip: SKIP, host: () => host, ca: () => ca, root: () => root, counted });
hybridAuthTests({ skip: SKIP, host: () => host, ca: () => ca, root: () => root, counted });
hybridEdgeTests({ skip: SKIP, host: () => host, ca: () => ca, root: () => root, counted });

void CertificateIssuer;

describe('defects found in the review, run on the simulated servers', { skip: SKIP }, () => {
  test('Exchange 2007 on Windows Server 2003 (IIS 6): the second Autodiscover site is created and bound through the metabase, verify reads HTTP.sys without netsh http; a second run changes nothing', async () => {
    const plan = buildPlan(contoso('twoCertificates', { exchangeVersion: ExchangeVersion.EXCHANGE_2007 }));
    const world = await makeWorld(host, ca, plan, root, { windows: { SERVER01: '2003' } });
    const runs = await runAll(host, world);
    countRuns(runs);
    const failed = runs.find((r) => r.result.exitCode !== 0);
    assert.equal(failed, undefined, failed && describeRun(failed));
    assert.deepEqual(planDifferences(plan, readState(world)), []);
    const before = JSON.stringify(readState(world));
    const again = await runAll(host, world);
    countRuns(again);
    const failedAgain = again.find((r) => r.result.exitCode !== 0);
    assert.equal(failedAgain, undefined, failedAgain && `second run: ${describeRun(failedAgain)}`);
    assert.equal(JSON.stringify(readState(world)), before);
  });

  test('wildcard plan: the CA adds the bare domain to *.contoso.com (a documented superset): every script exits 0', async () => {
    const plan = buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_2019, additionalNames: ['*.contoso.com'] }));
    const world = await makeWorld(host, ca, plan, root);
    const runs = await runAll(host, world, { caFault: 'wildcardApex' });
    countRuns(runs);
    const failed = runs.find((r) => r.result.exitCode !== 0);
    assert.equal(failed, undefined, failed && describeRun(failed));
    assert.deepEqual(planDifferences(plan, readState(world)), []);
  });

  test('wildcard plan: a certificate missing a planned name is still refused', async () => {
    const plan = buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_2019, additionalNames: ['*.contoso.com'] }));
    const world = await makeWorld(host, ca, plan, root);
    const runs = await runAll(host, world, { caFault: 'otherNames' });
    countRuns(runs.slice(0, -1));
    const last = runs[runs.length - 1];
    counted(last.result, last.result.exitCode !== 0);
    assert.notEqual(last.result.exitCode, 0);
  });

  test('keySize 3072: New-ExchangeCertificate refuses it (documented: 1024, 2048, 4096)', async () => {
    const r = await adHoc(ExchangeVersion.EXCHANGE_2019, "New-ExchangeCertificate -GenerateRequest -SubjectName 'CN=mail.contoso.com' -DomainName 'mail.contoso.com' -KeySize 3072 -ErrorAction Stop\nWrite-Host 'went on'\n");
    counted(r, r.exitCode !== 0);
    assert.notEqual(r.exitCode, 0);
    assert.ok(r.trace.some((l) => l.includes('3072')), r.trace.join('\n'));
  });

  for (const windows of ['2016', '2012R2']) {
    test(`a key made off the server, ACM Private CA, Exchange 2016 on Windows Server ${windows}: the PFX the header tells the admin to build imports on every server`, async () => {
      const plan = buildPlan(
        modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2016, issuer: ISSUERS.acmPrivateCa(), caaRecords: false, certificateRequest: CertificateRequest.generateLocally({ privateKeyPath: '../keys/exchange.key' }) }),
      );
      const world = await makeWorld(host, ca, plan, root, { windows: { EX01: windows, EX02: windows } });
      const runs = await runAll(host, world);
      countRuns(runs);
      const failed = runs.find((r) => r.result.exitCode !== 0);
      assert.equal(failed, undefined, failed && describeRun(failed));
      assert.deepEqual(planDifferences(plan, readState(world)), []);
    });
  }

  test('the simulation refuses an OpenSSL 3 default PFX (AES-256, PBKDF2) on Windows Server 2016, as Windows does', async () => {
    const r = await adHoc(
      ExchangeVersion.EXCHANGE_2016,
      [
        '$rsa = [System.Security.Cryptography.RSA]::Create(2048)',
        "$req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=x', $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)",
        '$c = $req.CreateSelfSigned([DateTimeOffset]::Now.AddDays(-1), [DateTimeOffset]::Now.AddDays(30))',
        "$pbe = [System.Security.Cryptography.PbeParameters]::new('Aes256Cbc', 'SHA256', 2048)",
        "$bytes = $c.ExportPkcs12($pbe, 'pw')",
        "Import-ExchangeCertificate -FileData $bytes -Password (ConvertTo-SecureString 'pw' -AsPlainText -Force) -ErrorAction Stop",
        "Write-Host 'imported'",
      ].join('\n'),
    );
    counted(r, r.exitCode !== 0);
    assert.notEqual(r.exitCode, 0, r.trace.join('\n'));
    assert.ok(!r.trace.includes('host imported'));
  });

  test('Exchange 2013 before SP1 (no Set-MapiVirtualDirectory): the scripts say what to do and go on', async () => {
    const plan = buildPlan(contoso('sanCertificate', { exchangeVersion: ExchangeVersion.EXCHANGE_2013 }));
    const world = await makeWorld(host, ca, plan, root, { missingCmdlets: { SERVER01: ['Get-MapiVirtualDirectory', 'Set-MapiVirtualDirectory'] } });
    const runs = await runAll(host, world);
    countRuns(runs);
    const failed = runs.find((r) => r.result.exitCode !== 0);
    assert.equal(failed, undefined, failed && describeRun(failed));
    const urls = runs.find((r) => /-set-client-urls-/.test(r.step.file))!;
    assert.ok(urls.result.trace.some((l) => l.startsWith('warning ') && l.includes('Set-MapiVirtualDirectory')), urls.result.trace.join('\n'));
  });

  test('Exchange 2013 and later: the second Autodiscover site gets its virtual directory with -Role ClientAccess (the front end)', async () => {
    const plan = buildPlan(contoso('twoCertificates', { exchangeVersion: ExchangeVersion.EXCHANGE_2016 }));
    const world = await makeWorld(host, ca, plan, root);
    const runs = await runAll(host, world);
    countRuns(runs);
    const failed = runs.find((r) => r.result.exitCode !== 0);
    assert.equal(failed, undefined, failed && describeRun(failed));
    const vdir = readState(world).SERVER01.vdirs['Autodiscover (AutoDiscover)'];
    assert.equal(vdir?.role, 'ClientAccess');
  });
});

describe("the plan's cross-server check", { skip: SKIP }, () => {
  test('passes on the installed servers and fails when another server holds a different certificate (run once per plan)', async () => {
    const plan = buildPlan(modernTwoServers({ exchangeVersion: ExchangeVersion.EXCHANGE_2019, issuer: ISSUERS.publicCa(), exportPfxForReverseProxy: false }));
    const world = await makeWorld(host, ca, plan, root);
    const runs = await runAll(host, world);
    countRuns(runs);
    const failed = runs.find((r) => r.result.exitCode !== 0);
    assert.equal(failed, undefined, failed && describeRun(failed));
    const check = world.steps.find((s) => !s.later && /(check|compare|cross)-?.*servers/.test(s.file));
    assert.ok(check, `no cross-server check among ${world.steps.map((s) => s.file).join(', ')}`);
    // EX02 goes back to its self-signed certificate for IIS and SMTP and drops the planned one.
    editJson(path.join(world.dir, 'EX02.json'), (s) => {
      const selfSigned = s.certificates[0];
      s.certificates = s.certificates.filter((c: any) => c === selfSigned || !(c.services ?? []).includes('IIS'));
      selfSigned.services = ['IMAP', 'POP', 'IIS', 'SMTP'];
      s.iis.sslBindings['0.0.0.0:443'] = selfSigned.thumbprint;
    });
    const r = await runStep(host, world, check!);
    counted(r, r.exitCode !== 0);
    assert.notEqual(r.exitCode, 0, `the cross-server check passed although EX02 holds another certificate:\n${describeRun({ step: check!, result: r })}`);
  });
});
