/**
 * The one PowerShell process of the scripts suite: `ps/host.ps1` runs in a long-lived
 * `pwsh` and answers JSON requests line by line; each script run gets a fresh runspace
 * inside it (see the README beside this folder).
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../helpers/synth';

export const SIM_DIR = path.join(REPO_ROOT, 'test', 'exchange-sim');
export const REFERENCE = process.env.EXCHANGE_CMDLET_REFERENCE ?? path.resolve(REPO_ROOT, '..', 'shared', 'reference', 'exchange-cmdlets.json');

/** The pwsh the suite uses: $PWSH, the project's .tools/pwsh (scripts/ensure-pwsh.js), or PATH. */
export function findPwsh(): string | undefined {
  const candidates = [process.env.PWSH, path.join(REPO_ROOT, '.tools', 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh')];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'pwsh');
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/** A fault: the nth call (1-based, counted per script run) of a cmdlet fails. */
export interface Fault {
  readonly cmdlet: string;
  readonly nth: number;
}

export type FaultMode = 'usual' | 'pessimistic';

export interface RunRequest {
  readonly dir: string;
  readonly local: string;
  readonly version: string;
  readonly script: string;
  readonly table2007: Readonly<Record<string, readonly string[]>>;
  readonly faults?: readonly Fault[];
  readonly faultMode?: FaultMode;
  readonly inputs?: readonly string[];
  readonly prompts?: readonly string[];
  readonly caFault?: string;
}

export interface ExchangeCall {
  readonly cmdlet: string;
  readonly n: number;
  readonly parameters: readonly string[];
}

export interface RunResult {
  readonly exitCode: number;
  /** In order: `host <text>`, `warning <text>`, `error <text>`, `output <text>`, `call <cmdlet> #<n>`, `prompt <text>`, `terminating <text>`. */
  readonly trace: readonly string[];
  readonly calls: readonly ExchangeCall[];
  readonly faultsInjected: number;
}

export class SimHost {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private readonly ready: Promise<void>;
  private stderr = '';

  constructor(pwsh: string) {
    this.child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', path.join(SIM_DIR, 'ps', 'host.ps1'), REFERENCE], {
      env: { ...process.env, POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    });
    let markReady: () => void;
    let failReady: (e: Error) => void;
    this.ready = new Promise((res, rej) => {
      markReady = res;
      failReady = rej;
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
        if (!line.startsWith('@@SIM@@ ')) continue;
        const msg = JSON.parse(line.slice(8));
        if (msg.ready) {
          markReady();
          continue;
        }
        const w = this.waiting.get(msg.id);
        if (!w) continue;
        this.waiting.delete(msg.id);
        if (msg.error) w.reject(new Error(`simulation host: ${msg.error}`));
        else w.resolve(msg);
      }
    });
    this.child.stderr.on('data', (c) => {
      this.stderr += c.toString();
    });
    this.child.on('exit', (code) => {
      const err = new Error(`pwsh host exited (${code}): ${this.stderr.slice(-2000)}`);
      failReady(err);
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  private async request<T>(body: Record<string, unknown>): Promise<T> {
    await this.ready;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify({ ...body, id }) + '\n');
    });
  }

  newServer(s: { dir: string; name: string; fqdn: string; version: string; windows: string; ipv4?: string; trustedRoots: readonly string[]; intermediates: readonly string[]; missingCmdlets?: readonly string[] }): Promise<unknown> {
    return this.request({ op: 'newServer', ...s });
  }

  setWorld(w: { dir: string; clockOffsetDays: number; revoked: readonly string[]; ca: { dir: string } }): Promise<unknown> {
    return this.request({ op: 'setWorld', ...w });
  }

  /** The throwaway CA signs a request file (PEM or the UTF-16 file Exchange 2007 writes). */
  issue(i: { dir: string; request: string; out: string; fault?: string; format?: 'pem' | 'pemChain' | 'der' }): Promise<{ thumbprint: string }> {
    return this.request({ op: 'issue', ...i });
  }

  /**
   * The Hybrid Configuration Wizard's result (ps/sim-hybrid.ps1 Invoke-SimHybridWizard): the
   * certificate `thumbprint` of the first server pinned on the connectors and the hybrid
   * configuration, the Exchange Online connectors, the Auth configuration (`authDaysLeft` > 0:
   * a new Auth certificate that expires then).
   */
  hybridWizard(h: { dir: string; thumbprint: string; servers: readonly string[]; guid: string; domain: string; authDaysLeft?: number }): Promise<unknown> {
    return this.request({ op: 'hybridWizard', authDaysLeft: 0, ...h });
  }

  /** Installs a certificate made before the plan (PEM certificate, PKCS#8 key) on servers, enabled for `services`. */
  installCertificate(c: { dir: string; servers: readonly string[]; certFile: string; keyFile: string; services: readonly string[]; friendlyName: string }): Promise<{ thumbprint: string }> {
    return this.request({ op: 'installCertificate', ...c });
  }

  /** Connects to a connector and reads the certificate STARTTLS presents (ps/sim-hybrid.ps1 Get-SimStartTls). */
  startTls(s: { dir: string; server: string; kind: 'send' | 'receive'; connector: string }): Promise<{ offered: boolean; thumbprint: string | null; reason: string }> {
    return this.request({ op: 'starttls', ...s });
  }

  async run(r: RunRequest): Promise<RunResult> {
    const res = await this.request<RunResult>({ op: 'run', faults: [], faultMode: 'usual', inputs: [], prompts: [], caFault: '', ...r });
    return { ...res, trace: res.trace ?? [], calls: res.calls ?? [] };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin.end(JSON.stringify({ op: 'quit' }) + '\n');
    });
  }
}
