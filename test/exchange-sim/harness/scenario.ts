/**
 * Runs a plan's scripts, in their run order, on simulated servers: makes the servers (fresh
 * installs of the plan's version), plays the administrator between the scripts (sends the
 * request to the CA and saves what it returns, answers the password prompts), and keeps a
 * snapshot of the world before each script so a fault can be injected into that script alone.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExchangePlan, ExchangeService } from '../../../src';
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
  /** Renders the plan's scripts (default: this library's renderScripts). */
  readonly render?: (plan: ExchangePlan) => readonly { path: string; content: string }[];
  /** Cmdlets a server's update lacks, by server (Exchange 2013 before SP1: the MAPI virtual directory cmdlets). */
  readonly missingCmdlets?: Readonly<Record<string, readonly string[]>>;
  /**
   * Hybrid plans: the organisation as it was before the plan (see `hybridBefore`). `false`:
   * not in hybrid yet (no wizard run, no Exchange Online connectors).
   */
  readonly hybrid?: false | HybridBefore;
}

/**
 * A hybrid organisation before the plan: the Hybrid Configuration Wizard ran with an earlier
 * certificate for the same names, enabled for SMTP on the plan's servers, from the CA's other
 * issuing CA (`oldIssuer: 'other'`, the default: an intermediate rotation) or the same one.
 * `authDaysLeft`: the organisation's Auth certificate expires in that many days.
 */
export interface HybridBefore {
  readonly oldIssuer?: 'same' | 'other';
  readonly authDaysLeft?: number;
}

/** The Hybrid Configuration Wizard's Send connector guid in the simulated organisation. */
export const WIZARD_GUID = '6c2f1d3e-7a2b-4c59-9f0e-2d8b1a4c5e70';

async function hybridBefore(host: SimHost, world: World, before: HybridBefore): Promise<void> {
  // The plan's SMTP certificate (a plan that forgot to say hybrid has one too).
  const id = world.plan.hybrid?.certificate.certificateId ?? world.plan.certificates.find((c) => c.services.includes(ExchangeService.SMTP))!.id;
  const cert = world.plan.certificates.find((c) => c.id === id)!;
  const servers = world.plan.servers.map((s) => s.name).filter((n) => cert.bindings.some((b) => b.server === n));
  const work = fs.mkdtempSync(path.join(path.dirname(world.dir), 'before-'));
  const key = path.join(work, 'old.key');
  const req = path.join(work, 'old.req');
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', req, '-subj', `/CN=${cert.names[0]}`, '-addext', `subjectAltName=${cert.names.map((n) => `DNS:${n}`).join(',')}`], { stdio: 'pipe' });
  const cer = path.join(work, 'old.cer');
  await host.issue({ dir: world.dir, request: req, out: cer, fault: before.oldIssuer === 'same' ? 'older' : 'otherIssuer,older', format: 'pem' });
  const { thumbprint } = await host.installCertificate({ dir: world.dir, servers, certFile: cer, keyFile: key, services: ['SMTP'], friendlyName: 'hybrid certificate before the plan' });
  const domain = cert.names[0].slice(cert.names[0].indexOf('.') + 1);
  // The wizard's guid: the one in the plan's declared connector names, when it gives them.
  const declared = [...(world.plan.hybrid?.connectors ?? []).map((c) => c.identity), world.plan.hybrid?.exchangeOnline.inboundConnector ?? ''];
  const guid = declared.map((n) => /^(?:Outbound to Office 365 - |Inbound from )(.+)$/.exec(n)?.[1]).find((g) => g !== undefined) ?? WIZARD_GUID;
  await host.hybridWizard({ dir: world.dir, thumbprint, servers, guid, domain, authDaysLeft: before.authDaysLeft ?? 0 });
}

/**
 * The servers a script runs on, as an administrator reads them from it: the table of a
 * script shared by several servers (`$planServers`, each in turn), else the one server its
 * check names (the first server for scripts without one).
 */
export function scriptServers(content: string, plan: ExchangePlan): string[] {
  const table = /^\$planServers = @\(\n((?: {4}'[^'\n]+'\n)+)\)$/m.exec(content);
  if (table) return table[1].trim().split('\n').map((l) => l.trim().slice(1, -1));
  return [/\$env:COMPUTERNAME -ne '([^']+)'/.exec(content)?.[1] ?? plan.servers[0].name];
}

/** Writes the plan's scripts into a fresh folder and makes its servers. */
export async function makeWorld(host: SimHost, ca: TestCa, plan: ExchangePlan, root: string, options: WorldOptions = {}): Promise<World> {
  const dir = fs.mkdtempSync(path.join(root, 'world-'));
  const folder = path.join(dir, 'plan');
  const state = path.join(dir, 'state');
  fs.mkdirSync(state, { recursive: true });
  const steps: ScriptStep[] = [];
  for (const f of (options.render ?? renderScripts)(plan)) {
    const p = path.join(folder, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.content);
    // Renewal requests and the Auth certificate's rotation run later, on their own dates.
    const later = /-(renew|rotate)-/.test(path.basename(p));
    for (const server of scriptServers(f.content, plan)) steps.push({ file: path.basename(p), path: p, server, later });
  }
  const version = plan.exchangeVersion.name;
  // Public and enterprise CA roots are trusted on every server (Windows root program, AD);
  // an ACM Private CA root is not: the scripts install it.
  // Windows also fetches a public or enterprise CA's intermediate (AIA, Active Directory).
  const trustedRoots = plan.issuer.kind === 'acmPrivateCa' ? [] : [ca.rootPem];
  const intermediates = plan.issuer.kind === 'acmPrivateCa' ? [] : [ca.chainPem.slice(0, ca.chainPem.indexOf(ca.rootPem)), ca.issuing2Pem];
  await host.setWorld({ dir: state, clockOffsetDays: 0, revoked: [], ca: { dir: ca.dir } });
  for (const s of plan.servers) {
    const windows = options.windows?.[s.name] ?? DEFAULT_WINDOWS[version];
    await host.newServer({ dir: state, name: s.name, fqdn: s.fqdn, version, windows, ipv4: s.ipv4, trustedRoots, intermediates, missingCmdlets: options.missingCmdlets?.[s.name] ?? [] });
  }
  const world: World = { dir: state, folder: path.join(folder, 'scripts'), plan, version, steps };
  if (options.hybrid !== false && (plan.hybrid || options.hybrid)) await hybridBefore(host, world, options.hybrid ?? {});
  await prepareLocalKeys(host, world, ca, options.caFault);
  return world;
}

/**
 * `CertificateRequest.generateLocally`: the key and request are made off the server (here
 * with openssl, as the synth does with the plan's names); the plan's folder carries the
 * request (requests/<id>.req); the CA signs it (Terraform for ACM Private CA, the submit
 * script for an enterprise CA) and the admin builds the PFX as the import script's header says.
 */
async function prepareLocalKeys(host: SimHost, world: World, ca: TestCa, caFault: string | undefined): Promise<void> {
  for (const cert of world.plan.certificates.filter((c) => c.requestSource.kind === 'fromFile')) {
    await requestMadeEarlier(host, world, ca, cert, caFault);
  }
  for (const cert of world.plan.certificates.filter((c) => c.requestSource.kind === 'generateLocally')) {
    const keys = path.join(path.dirname(world.dir), 'keys');
    fs.mkdirSync(keys, { recursive: true });
    const key = path.join(keys, `${cert.id}.key`);
    const requests = path.join(path.dirname(world.folder), 'requests');
    fs.mkdirSync(requests, { recursive: true });
    const req = path.join(requests, `${cert.id}.req`);
    execFileSync('openssl', ['req', '-new', '-newkey', `rsa:${Math.max(2048, cert.keySize)}`, '-nodes', '-keyout', key, '-out', req, '-subj', `/CN=${cert.names[0]}`, '-addext', `subjectAltName=${cert.names.map((n) => `DNS:${n}`).join(',')}`], { stdio: 'pipe' });
    if (world.plan.issuer.kind === 'enterpriseCa') continue; // the submit script sends it
    const cer = path.join(world.folder, `${cert.id}.cer`);
    await host.issue({ dir: world.dir, request: req, out: cer, fault: caFault, format: 'pem' });
    fs.writeFileSync(path.join(world.folder, `${cert.id}-chain.pem`), ca.chainPem);
    buildPfx(world, cert.id, key);
  }
}

/**
 * `CertificateRequest.fromFile`: the admin made the request on the first server before the
 * plan (the plan carries its CSR file). Here the simulated server makes it now, with the
 * plan's names, and the CA signs it (for ACM Private CA with the chain Terraform outputs).
 */
async function requestMadeEarlier(host: SimHost, world: World, ca: TestCa, cert: ExchangePlan['certificates'][number], caFault: string | undefined): Promise<void> {
  const server = world.plan.servers[0].name;
  const work = fs.mkdtempSync(path.join(path.dirname(world.dir), 'admin-'));
  const req = path.join(work, `${cert.id}.req`);
  const names = cert.names.map((n) => `'${n}'`).join(',');
  const make = world.version === '2007'
    ? `New-ExchangeCertificate -GenerateRequest -Path '${req}' -SubjectName 'CN=${cert.names[0]}' -DomainName ${names} -PrivateKeyExportable $true | Out-Null`
    : `[System.IO.File]::WriteAllText('${req}', [string](New-ExchangeCertificate -GenerateRequest -SubjectName 'CN=${cert.names[0]}' -DomainName ${names} -PrivateKeyExportable $true -ErrorAction Stop))`;
  const script = path.join(work, 'make-request.ps1');
  fs.writeFileSync(script, `$ErrorActionPreference = 'Stop'\n${make}\n`);
  const r = await runStep(host, world, { file: 'make-request.ps1', path: script, server, later: false });
  if (r.exitCode !== 0) throw new Error(`the request made before the plan failed: ${r.trace.join('\n')}`);
  const requests = path.join(path.dirname(world.folder), 'requests');
  fs.mkdirSync(requests, { recursive: true });
  fs.copyFileSync(req, path.join(requests, `${cert.id}.req`));
  if (world.plan.issuer.kind === 'enterpriseCa') return;
  await host.issue({ dir: world.dir, request: req, out: path.join(world.folder, `${cert.id}.cer`), fault: caFault, format: world.plan.issuer.kind === 'acmPrivateCa' ? 'pem' : 'pemChain' });
  if (world.plan.issuer.kind === 'acmPrivateCa') fs.writeFileSync(path.join(world.folder, `${cert.id}-chain.pem`), ca.chainPem);
}

/** The PFX the admin builds: the openssl command of the import script's header, else openssl's defaults. */
function buildPfx(world: World, id: string, key: string): void {
  const header = world.steps.map((s) => fs.readFileSync(s.path, 'utf8')).join('\n');
  const m = new RegExp(`openssl pkcs12 -export [^\\n]*?-out ${id}\\.pfx((?: -[a-z]+ [A-Za-z0-9-]+| -legacy)*)`).exec(header);
  const options = m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
  const cer = path.join(world.folder, `${id}.cer`);
  const chain = path.join(world.folder, `${id}-chain.pem`);
  const pemCer = path.join(path.dirname(key), `${id}.cer.pem`);
  execFileSync('openssl', ['x509', '-in', cer, '-inform', fs.readFileSync(cer).includes('-----BEGIN') ? 'PEM' : 'DER', '-out', pemCer], { stdio: 'pipe' });
  const args = ['pkcs12', '-export', '-inkey', key, '-in', pemCer, '-out', path.join(world.folder, `${id}.pfx`), '-passout', `pass:${PASSWORD}`, ...options];
  if (fs.existsSync(chain)) args.push('-certfile', chain);
  execFileSync('openssl', args, { stdio: 'pipe' });
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
export async function adminStep(host: SimHost, world: World, step: ScriptStep, caFault: string | undefined): Promise<void> {
  if (/-submit-/.test(step.file)) {
    for (const cert of world.plan.certificates.filter((c) => c.requestSource.kind === 'generateLocally')) {
      if (fs.existsSync(path.join(world.folder, `${cert.id}.cer`)) && !fs.existsSync(path.join(world.folder, `${cert.id}.pfx`))) {
        buildPfx(world, cert.id, path.join(path.dirname(world.dir), 'keys', `${cert.id}.key`));
      }
    }
  }
  if (!/-(request|renew)-/.test(step.file)) return;
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
    // The Exchange Online script runs in the simulated Exchange Online session.
    version: /-exchange-online-/.test(step.file) ? 'EXO' : world.version,
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
    await adminStep(host, world, steps[i], options.caFault);
  }
  return runs;
}

/**
 * The renewal round: the simulated clock moves to `daysLater`, each renewal script runs and
 * then the scripts its header's Next: line names, in that order (with the CA's answers).
 */
export async function runRenewals(host: SimHost, world: World, daysLater: number, caFault?: string): Promise<StepRun[]> {
  const worldFile = path.join(world.dir, 'world.json');
  const w = JSON.parse(fs.readFileSync(worldFile, 'utf8'));
  w.clockOffsetDays = daysLater;
  fs.writeFileSync(worldFile, JSON.stringify(w));
  const runs: StepRun[] = [];
  for (const renewal of world.steps.filter((s) => s.later && /-renew-/.test(s.file))) {
    const next = /^# Next: run (.*?)(?: \(|$)/m.exec(fs.readFileSync(renewal.path, 'utf8'))?.[1] ?? '';
    // A script shared by several servers runs on each of them in turn.
    const followUps = next.split(', then ').flatMap((f) => world.steps.filter((s) => s.file === f.trim()));
    for (const step of [renewal, ...followUps]) {
      const result = await runStep(host, world, step);
      runs.push({ step, result });
      if (result.exitCode !== 0) return runs;
      await adminStep(host, world, step, caFault);
    }
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
