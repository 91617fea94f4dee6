/**
 * The command as an admin runs it: `cdktf-exchange-certificates verify plan.json ...`,
 * the table or JSON on stdout, exit 0 / 1 / 2; curl-style --resolve.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/verify/cli';
import { plannedRows } from '../../src/verify/plan-rows';
import { LoopbackWorld, startWorld } from './loopback-world';
import { examplePlanJson } from './plans';
import { lowPortsOrSkip, TIMEOUT_MS } from './ports';

function files(world: LoopbackWorld, plan: unknown): { dir: string; planPath: string; caPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-cli-'));
  const planPath = path.join(dir, 'plan.json');
  const caPath = path.join(dir, 'ca.pem');
  fs.writeFileSync(planPath, JSON.stringify(plan));
  fs.writeFileSync(caPath, world.caPem);
  return { dir, planPath, caPath };
}

function mapArgs(world: LoopbackWorld): string[] {
  return [...world.addressMap].flatMap(([from, to]) => ['--address-map', `${from}=${to}`]);
}

describe('verify: the command', () => {
  it('prints the table in the plan\'s words and exits 0 when everything checked is as planned; --json gives the same report', async (t) => {
    if (!(await lowPortsOrSkip(t))) return;
    const plan = examplePlanJson('contoso-san-certificate');
    const world = await startWorld(plan);
    const f = files(world, plan);
    try {
      const args = ['verify', f.planPath, '--dns', world.publicDns.address, ...mapArgs(world), '--ca-file', f.caPath, '--timeout', String(TIMEOUT_MS)];
      const table = await runCli(args);
      assert.equal(table.code, 0, table.stdout + table.stderr);
      assert.match(table.stdout, /^as planned {3}OWA \(external\) https:\/\/mail\.contoso\.com\/owa: covered$/m);
      assert.match(table.stdout, /^not checked {2}Autodiscover, SCP in Active Directory \(external\)/m);
      assert.match(table.stdout, /10 as planned, 0 differ, 12 not checked \(22 rows\)\./);
      assert.match(table.stdout, /The 11 rows of domain-joined clients are not checked from here: run with --inside/);
      const json = await runCli([...args, '--json']);
      assert.equal(json.code, 0);
      const report = JSON.parse(json.stdout);
      assert.deepEqual(report.counts, { asPlanned: 10, differs: 0, notChecked: 12 });
      assert.equal(report.rows.length, plannedRows(plan).length);
      assert.equal(report.rows[0].name, 'OWA (external) https://mail.contoso.com/owa');
    } finally {
      await world.close();
      fs.rmSync(f.dir, { recursive: true, force: true });
    }
  });

  it('exits 1 and prints what differs with the fix; --resolve answers a name without DNS, like curl', async (t) => {
    if (!(await lowPortsOrSkip(t))) return;
    const plan = examplePlanJson('contoso-san-certificate');
    const world = await startWorld(plan, { dropNames: ['mail.contoso.com'] });
    const f = files(world, plan);
    try {
      const base = ['verify', f.planPath, '--dns', world.publicDns.address, ...mapArgs(world), '--ca-file', f.caPath, '--timeout', String(TIMEOUT_MS)];
      const broken = await runCli(base);
      assert.equal(broken.code, 1);
      assert.match(broken.stdout, /^DIFFERS {6}OWA \(external\) https:\/\/mail\.contoso\.com\/owa: planned covered, observed warning$/m);
      assert.match(broken.stdout, /differs: planned covered, observed warning: mail\.contoso\.com does not resolve/);
      assert.match(broken.stdout, /fix: {5}create the record mail\.contoso\.com -> 203\.0\.113\.10 \(cdktf deploy\)/);
      // The admin points the name at the address by hand, as with curl --resolve.
      const twin = world.addressMap.get('203.0.113.10')!;
      const resolved = await runCli([...base, '--resolve', `mail.contoso.com:443:${twin}`, '--resolve', `mail.contoso.com:587:${twin}`, '--json']);
      const report = JSON.parse(resolved.stdout);
      const owa = report.rows.find((r: any) => r.service === 'OWA' && r.client === 'external');
      assert.equal(owa.status, 'asPlanned', owa.summary);
      assert.deepEqual(owa.connectedTo, [twin]);
      assert.equal(resolved.code, 0, resolved.stdout);
    } finally {
      await world.close();
      fs.rmSync(f.dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with the usage on a bad option or an unreadable plan, before connecting anywhere', async () => {
    const unknown = await runCli(['verify', 'plan.json', '--frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --frobnicate[\s\S]*usage: cdktf-exchange-certificates verify/);
    const badResolve = await runCli(['verify', 'plan.json', '--resolve', 'mail.contoso.com:443']);
    assert.equal(badResolve.code, 2);
    assert.match(badResolve.stderr, /--resolve 'mail\.contoso\.com:443': give name:port:address/);
    const missing = await runCli(['verify', path.join(os.tmpdir(), 'no-such-plan', 'plan.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*plan\.json/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'plan.json'), '{"hello": "world"}');
      const notPlan = await runCli(['verify', path.join(dir, 'plan.json')]);
      assert.equal(notPlan.code, 2);
      assert.match(notPlan.stderr, /plan\.json has no coverage array/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the package bin: node runs lib/src/verify/cli.js and prints the usage', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const bin = pkg.bin['cdktf-exchange-certificates'];
    assert.equal(bin, 'lib/src/verify/cli.js');
    const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', '..', bin), 'verify', '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^usage: cdktf-exchange-certificates verify <plan\.json>/);
    assert.match(fs.readFileSync(path.join(__dirname, '..', '..', '..', bin), 'utf8'), /^#!\/usr\/bin\/env node/);
  });
});
