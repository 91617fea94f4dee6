/**
 * What the tests expect of a world after the scripts ran: the end state the plan describes,
 * read from the simulated servers' state files (not from the scripts' own output).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExchangePlan } from '../../../src';
import { VIRTUAL_DIRECTORIES } from '../../../src/powershell/client-urls';

/** DNS names of a PEM certificate (openssl, independent of the simulation's .NET parsing). */
export function certificateNames(pem: string): string[] {
  const file = path.join(os.tmpdir(), `sim-cert-${process.pid}-${Math.random().toString(36).slice(2)}.pem`);
  fs.writeFileSync(file, pem);
  try {
    const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return [...text.matchAll(/DNS:([^,\s]+)/g)].map((m) => m[1].toLowerCase()).sort();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Whether `actual` is the planned set, or its documented superset (the bare domain a CA adds to `*.d`). */
export function namesMatch(actual: readonly string[], planned: readonly string[]): boolean {
  const want = new Set(planned.map((n) => n.toLowerCase()));
  const have = new Set(actual.map((n) => n.toLowerCase()));
  for (const n of want) if (!have.has(n)) return false;
  for (const n of have) if (!want.has(n) && !(want.has(`*.${n}`))) return false;
  return true;
}

const trimSlash = (u: unknown) => (typeof u === 'string' ? u.replace(/\/$/, '') : u);

/** Differences between the servers' state and the plan; empty when the end state is the plan's. */
export function planDifferences(plan: ExchangePlan, state: Record<string, any>): string[] {
  const problems: string[] = [];
  for (const cert of plan.certificates) {
    if (plan.issuer.kind === 'acm') continue; // an ACM certificate serves a load balancer, not the servers
    for (const server of [...new Set(cert.bindings.map((b) => b.server))]) {
      const s = state[server];
      const found = (s?.certificates ?? []).filter((r: any) => !r.pending && r.certPem && r.keyPem && namesMatch(certificateNames(r.certPem), cert.names));
      if (found.length === 0) {
        problems.push(`${server}: no certificate with its key carrying ${cert.names.join(', ')}`);
        continue;
      }
      const enabled = found.filter((r: any) => cert.services.every((svc) => (r.services ?? []).includes(svc)));
      if (enabled.length === 0) problems.push(`${server}: the ${cert.id} certificate is not enabled for ${cert.services.join(', ')}`);
      const thumbprints = found.map((r: any) => r.thumbprint);
      for (const b of cert.bindings.filter((x) => x.server === server)) {
        if (b.createsWebSite) {
          const site = (s.iis.sites ?? []).find((x: any) => x.name === b.webSite);
          if (!site) problems.push(`${server}: no web site ${b.webSite}`);
          const bound = s.iis.sslBindings[`${b.ipAddress}:443`];
          if (!thumbprints.includes(bound)) problems.push(`${server}: ${b.ipAddress}:443 is bound to ${bound ?? 'nothing'}, not the ${cert.id} certificate`);
        } else if (cert.services.includes('IIS' as never) && !thumbprints.includes(s.iis.sslBindings['0.0.0.0:443'])) {
          problems.push(`${server}: the Default Web Site serves ${s.iis.sslBindings['0.0.0.0:443']}, not the ${cert.id} certificate`);
        }
      }
    }
  }
  for (const e of plan.endpoints) {
    const s = state[e.server];
    if (!s) continue;
    if (e.service === 'Autodiscover') {
      if (trimSlash(s.clientAccess.autoDiscoverServiceInternalUri) !== trimSlash(e.internalUrl)) problems.push(`${e.server}: SCP is ${s.clientAccess.autoDiscoverServiceInternalUri}, planned ${e.internalUrl}`);
    } else if (e.service === 'OutlookAnywhere') {
      const oa = s.outlookAnywhere;
      if (!oa) problems.push(`${e.server}: Outlook Anywhere not enabled`);
      else if (e.externalHostname && oa.externalHostname !== e.externalHostname) problems.push(`${e.server}: Outlook Anywhere external host ${oa.externalHostname}, planned ${e.externalHostname}`);
    } else {
      const vd = (VIRTUAL_DIRECTORIES as Record<string, { name: string }>)[e.service];
      if (!vd) continue;
      const v = s.vdirs[`${vd.name} (Default Web Site)`];
      if (!v) continue; // a virtual directory this version does not have
      if (trimSlash(v.internalUrl) !== trimSlash(e.internalUrl)) problems.push(`${e.server}: ${e.service} internal URL ${v.internalUrl}, planned ${e.internalUrl}`);
      if (e.externalUrl && trimSlash(v.externalUrl) !== trimSlash(e.externalUrl)) problems.push(`${e.server}: ${e.service} external URL ${v.externalUrl}, planned ${e.externalUrl}`);
    }
  }
  return problems;
}
