/**
 * Runs a command without blocking the event loop (so examples run side by side), with a
 * time limit; a command that outlives it is stopped by its own pid.
 */
import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 300_000);
    child.once('error', (e) => err.push(Buffer.from(String(e))));
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString();
      resolve({ status, stdout: Buffer.concat(out).toString(), stderr: signal ? `${stderr}\n(stopped: ${signal})` : stderr });
    });
  });
}

/** Runs `tasks` with at most `limit` at once; resolves when all are done. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
