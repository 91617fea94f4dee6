/**
 * A moto_server (moto 5.2.1) on a free loopback port, started and stopped by the deploy
 * suite: one per example or scenario, so no zone's change journal is reused. Only the
 * processes started here are ever stopped (by their own pid), also when a test fails.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/synth';
import { run } from './processes';

const WORLD_SCRIPT = path.join(REPO_ROOT, 'test', 'deploy', 'moto-world.py');

/** Why moto cannot run here, or undefined when it can. */
export function motoMissing(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import moto, boto3, sys; sys.stdout.write(moto.__version__)'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'moto (python3 -m pip install "moto[server]==5.2.1") is not installed for python3';
  const server = spawnSync('moto_server', ['--help'], { encoding: 'utf8' });
  if (server.error || server.status !== 0) return 'moto_server is not on PATH';
  return undefined;
}

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released for moto). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** moto_server (moto/server.py) without its threads: the same app, werkzeug serving requests in turn. */
const SERIAL_MOTO_SERVER = [
  'import sys',
  'from werkzeug.serving import run_simple',
  'from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app',
  'run_simple(sys.argv[1], int(sys.argv[2]), DomainDispatcherApplication(create_backend_app), threaded=False)',
].join('\n');

export class MotoServer {
  /** Starts moto_server with MOTO_ACM_VALIDATION_WAIT=0 and waits until it answers. */
  public static async start(): Promise<MotoServer> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      // moto_server's own app, served one request at a time: its threaded server loses
      // updates when Terraform changes one zone's records in parallel (a record deleted
      // by one request came back with another's write, seen in CI after destroy).
      const child = spawn('python3', ['-c', SERIAL_MOTO_SERVER, '127.0.0.1', String(port)], {
        env: { ...process.env, MOTO_ACM_VALIDATION_WAIT: '0', MOTO_PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const server = new MotoServer(port, child);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && child.exitCode === null) {
        if (await answers(port)) return server;
        await new Promise((r) => setTimeout(r, 200));
      }
      server.stop();
    }
    throw new Error('moto_server did not start on a loopback port in three attempts');
  }

  public readonly endpoint: string;
  private log = '';

  private constructor(
    public readonly port: number,
    private readonly child: ChildProcess,
  ) {
    this.endpoint = `http://127.0.0.1:${port}`;
    child.stderr!.on('data', (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-20_000);
    });
    STARTED.add(child);
    child.once('exit', () => STARTED.delete(child));
  }

  /** The last lines moto wrote (its request log), for a failing test's message. */
  public get recentLog(): string {
    return this.log;
  }

  /** One request to the world script (boto3 against this server). */
  public async world<T = Record<string, unknown>>(request: Record<string, unknown>): Promise<T> {
    const r = await run('python3', [WORLD_SCRIPT, this.endpoint, JSON.stringify(request)], { cwd: REPO_ROOT });
    if (r.status !== 0) throw new Error(`moto world ${String(request.op)} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  /** Stops this server (its own pid only). */
  public stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}

/** Every moto_server this process started and that still runs: stopped if the process exits. */
const STARTED = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of STARTED) c.kill('SIGKILL');
});
