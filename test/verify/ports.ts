/** The loopback tests listen on the real client ports (443, 80, 587) of 127.x.y.z addresses. */
import * as net from 'node:net';
import { randomInt } from 'node:crypto';
import type { TestContext } from 'node:test';

/**
 * Per-connection deadline in the tests: generous, so a loaded machine does not turn a slow
 * handshake into a finding (a deadline that must expire uses SILENT_TIMEOUT_MS).
 */
export const TIMEOUT_MS = 8000;

/** The deadline where the test waits for it to expire (a port that never answers). */
export const SILENT_TIMEOUT_MS = 1500;

let allowed: Promise<boolean> | undefined;

function canListenOn443(): Promise<boolean> {
  allowed ??= new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(443, `127.${randomInt(16, 250)}.${randomInt(1, 250)}.254`, () => s.close(() => resolve(true)));
  });
  return allowed;
}

/** True when the test may run; outside CI a machine that refuses port 443 skips with a message, under CI=true it fails. */
export async function lowPortsOrSkip(t: TestContext): Promise<boolean> {
  if (await canListenOn443()) return true;
  const why = 'cannot listen on port 443 of a 127.x address (run as root, or lower net.ipv4.ip_unprivileged_port_start)';
  if (process.env.CI === 'true') throw new Error(why);
  t.skip(why);
  return false;
}
