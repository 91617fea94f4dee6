/**
 * Runs a plan's scripts, in their run order, on simulated servers: makes the servers (fresh
 * installs of the plan's version), plays the administrator between the scripts (sends the
 * request to the CA and saves what it returns, answers the password prompts), and keeps a
 * snapshot of the world before each script so a fault can be injected into that script alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExchangePlan } from '../../../src';
import { renderScripts } from '../../../src/powershell';
import { EXCHANGE_CMDLETS } from '../../../src/powershell/version-table';
import { TestCa } from './ca';
import { Fault, FaultMode, RunResult, SimHost } from './pwsh-host';

export const PASSWORD = 'Sim-Pfx-Passw0rd!';

/** Windows Server of a fresh server per Exchange version (the newest the version supports). */
export const DEFAULT_WINDOWS: Readonly<Record<string, string>> = { '2007': '2008', '2010': '2008R2', '2013': '2012R2', '2016': '2016', '2019': '2019', SE: '2025' };

export interface ScriptStep {
  readonly file: string;
  readonly path: string;
  readonly server: string;
  /** Renewal scripts run later, not in the first-run sequence. */
  readonly later: boolean;
}

export interface World {
  readonly dir: string;
  readonly folder: string;
  readonly plan: ExchangePlan;
  readonly version: string;
  readonly steps: readonly ScriptStep[];
}

export interface WorldOptions {
  readonly windows?: Readonly<Record<string, string>>;
  /** What the CA does with the requests: '' (issues as asked), 'otherNames', 'untrusted', 'expired', 'revoked', 'wildcardApex'. */
  readonly caFault?: string;
}

/** Writes the plan's scripts into a fresh folder and makes its servers. */
export async function makeWorld(host: SimHost, ca: TestCa, plan: ExchangePlan, root: string, options: WorldOptions = {}): Promise<World> {
  const dir = fs.mkdtempSync(path.join(root, 'world-'));
  const folder = path.join(dir, 'plan');
  const state = path.join(dir, 'state');
  fs.mkdirSync(state, { recursive: true });
  const steps: ScriptStep[] = [];
  for (const f of renderScripts(plan)) {
    const p = path.join(folder, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.content);
    const server = /\$env:COMPUTERNAME -ne '([^']+)'/.exec(f.content)?.[1] ?? plan.servers[0].name;
    steps.push({ file: path.basename(p), path: p, server, later: /-renew-/.test(path.basename(p)) });
  }
  const version = plan.exchangeVersion.name;
  // Public and enterprise CA roots are trusted on every server (Windows root program, AD);
  // an ACM Private CA root is not: the scripts install it.
  // Windows also fetches a public or enterprise CA's intermediate (AIA, Active Directory).
  const trustedRoots = plan.issuer.kind === 'acmPrivateCa' ? [] : [ca.rootPem];
  const intermediates = plan.issuer.kind === 'acmPrivateCa' ? [] : [ca.chainPem.slice(0, ca.chainPem.indexOf(ca.rootPem))];
  await host.setWorld({ dir: state, clockOffsetDays: 0, revoked: [], ca: { dir: ca.dir } });
  for (const s of plan.servers) {
    const windows = options.windows?.[s.name] ?? DEFAULT_WINDOWS[version];
    await host.newServer({ dir: state, name: s.name, fqdn: s.fqdn, version, windows, ipv4: s.ipv4, trustedRoots, intermediates });
  }
  return { dir: state, folder: path.join(folder, 'scripts'), plan, version, steps };
}

/** Copies the world (state and the plan's folder with the files made so far). */
export function snapshot(world: World): string {
  const snap = fs.mkdtempSync(path.join(path.dirname(world.dir), 'snap-'));
  fs.cpSync(world.dir, path.join(snap, 'state'), { recursive: true });
  fs.cpSync(world.folder, path.join(snap, 'scripts'), { recursive: true });
  return snap;
}

export function restore(world: World, snap: string): void {
  fs.rmSync(world.dir, { recursive: true, force: true });
  fs.rmSync(world.folder, { recursive: true, force: true });
  fs.cpSync(path.join(snap, 'state'), world.dir, { recursive: true });
  fs.cpSync(path.join(snap, 'scripts'), world.folder, { recursive: true });
}

export interface StepRun {
  readonly step: ScriptStep;
  readonly result: RunResult;
}

/**
 * What the administrator does after a script, as its header says: after a request made on
 * the server, the CA's answer is saved next to it (`<id>.cer`; for ACM Private CA also the
 * chain, `<id>-chain.pem`, as the Terraform outputs give them).
 */
async function afterStep(host: SimHost, world: World, step: ScriptStep, caFault: string | undefined): Promise<void> {
  if (!/-request-/.test(step.file)) return;
  if (world.plan.issuer.kind === 'enterpriseCa') return; // the submit script runs certreq
  for (const req of fs.readdirSync(world.folder).filter((f) => f.endsWith('.req'))) {
    const id = req.slice(0, -4);
    const cer = path.join(world.folder, `${id}.cer`);
    if (fs.existsSync(cer)) continue;
    if (world.plan.issuer.kind === 'acmPrivateCa') {
      await host.issue({ dir: world.dir, request: path.join(world.folder, req), out: cer, fault: caFault, format: 'pem' });
      const caDir = JSON.parse(fs.readFileSync(path.join(world.dir, 'world.json'), 'utf8')).ca.dir as string;
      const chain = fs.readFileSync(path.join(caDir, 'issuing.pem'), 'utf8') + fs.readFileSync(path.join(caDir, 'root.pem'), 'utf8');
      fs.writeFileSync(path.join(world.folder, `${id}-chain.pem`), chain);
    } else {
      await host.issue({ dir: world.dir, request: path.join(world.folder, req), out: cer, fault: caFault, format: 'pemChain' });
    }
  }
}

export interface RunOptions {
  readonly faults?: readonly Fault[];
  readonly faultMode?: FaultMode;
  readonly caFault?: string;
}

/** Runs one script on its server. */
export function runStep(host: SimHost, world: World, step: ScriptStep, options: RunOptions = {}): Promise<RunResult> {
  return host.run({
    dir: world.dir,
    local: step.server,
    version: world.version,
    script: step.path,
    table2007: EXCHANGE_CMDLETS['2007'],
    faults: options.faults ?? [],
    faultMode: options.faultMode ?? 'usual',
    inputs: [PASSWORD, PASSWORD, PASSWORD, PASSWORD],
    caFault: options.caFault ?? '',
  });
}

/**
 * Runs the first-run scripts in order; stops at the first that exits non-zero. `before`
 * is called before each script (the fault tests snapshot the world there).
 */
export async function runAll(host: SimHost, world: World, options: RunOptions & { before?: (step: ScriptStep, index: number) => void } = {}): Promise<StepRun[]> {
  const runs: StepRun[] = [];
  const steps = world.steps.filter((s) => !s.later);
  for (let i = 0; i < steps.length; i += 1) {
    options.before?.(steps[i], i);
    const result = await runStep(host, world, steps[i], { caFault: options.caFault });
    runs.push({ step: steps[i], result });
    if (result.exitCode !== 0) break;
    await afterStep(host, world, steps[i], options.caFault);
  }
  return runs;
}

export function describeRun(r: StepRun): string {
  return `${r.step.file} on ${r.step.server} exited ${r.result.exitCode}:\n${r.result.trace.filter((l) => !l.startsWith('call ')).map((l) => `    ${l}`).join('\n')}`;
}

/** The state of every server of the world, as the simulation saved it. */
export function readState(world: World): Record<string, any> {
  const out: Record<string, any> = {};
  for (const f of fs.readdirSync(world.dir).filter((x) => x.endsWith('.json') && x !== 'world.json')) {
    const s = JSON.parse(fs.readFileSync(path.join(world.dir, f), 'utf8'));
    out[s.name] = s;
  }
  return out;
}
