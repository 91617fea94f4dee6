/**
 * A deployment of a plan on loopback, as planned or with one mistake: the throwaway CA
 * issues the plan's certificates; HTTPS (Autodiscover answers 401 as Exchange does to an
 * anonymous POST), SMTP with STARTTLS on 587, POP3S/IMAPS where planned, listen on
 * 127.x.y.z addresses standing in for the plan's public and internal addresses; two DNS
 * servers on 127.0.0.1 answer the plan's records as public DNS and as the internal DNS
 * (split-DNS records, the servers' own records, the rest forwarded to public DNS).
 * The plan keeps its addresses: the verifier's addressMap sends each to its loopback twin.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { randomInt } from 'node:crypto';
import { plannedRows } from '../../src/verify/plan-rows';
import { startDnsServer, TestDnsServer, TestRecord } from './dns-server';
import { Issued, selfSigned, TestCa } from './test-ca';

type Row = { service: string; client: string; step?: string; url: string; hostname: string; certificateId?: string };
export type Plan = {
  issuer: { publiclyTrusted: boolean };
  certificates: { id: string; names: string[]; key: { size: number }; lifetime: { validityDays?: number } }[];
  dnsRecords: { name: string; type: string; values: string[] }[];
  internalDnsRecords: { name: string; value?: string }[];
  servers: { name: string; fqdn: string; ipv4?: string }[];
  coverage: Row[];
};

/** One mistake (or none) in the deployment. */
export interface Mistakes {
  /** Names on a certificate instead of the planned ones. */
  readonly names?: Readonly<Record<string, readonly string[]>>;
  /** Which planned certificate a host name gets (default: the one its rows plan). */
  readonly serveCertFor?: Readonly<Record<string, string>>;
  /** Lifetime of every leaf, in days from now (default -1 .. validityDays or 90). */
  readonly validity?: { readonly fromDays: number; readonly toDays: number };
  /** Leaves from a CA the clients do not trust. */
  readonly untrustedIssuer?: boolean;
  /** Servers send the leaf without the intermediate. */
  readonly noIntermediate?: boolean;
  /** SMTP presents Exchange's self-signed certificate. */
  readonly smtpSelfSigned?: boolean;
  /** Names public DNS does not answer. */
  readonly dropNames?: readonly string[];
  /** Extra public records: A records point at a plan address (mapped like the others). */
  readonly addRecords?: readonly TestRecord[];
  /** Replace a planned SRV record's target. */
  readonly srvTarget?: Readonly<Record<string, string>>;
  /** Port-80 listeners redirecting (302) to a location, by plan address. */
  readonly redirects?: Readonly<Record<string, string>>;
  /** host:port pairs (plan addresses) where nothing listens. */
  readonly closed?: readonly string[];
  /** host:port pairs (plan addresses) that accept and never answer. */
  readonly silent?: readonly string[];
}

export interface LoopbackWorld {
  readonly publicDns: TestDnsServer;
  readonly internalDns: TestDnsServer;
  /** Plan address -> loopback address. */
  readonly addressMap: Map<string, string>;
  /** The test CA's root (PEM), for --ca-file. */
  readonly caPem: string;
  close(): Promise<void>;
}

const DAY = 86_400_000;

/** Addresses of a name as a client of the given kind gets them from the plan. */
export function planAddresses(plan: Plan, host: string, client: string): string[] {
  const pub = plan.dnsRecords.filter((r) => r.name === host && (r.type === 'A' || r.type === 'AAAA')).flatMap((r) => r.values);
  if (client === 'external') return pub;
  const internal = plan.internalDnsRecords.filter((r) => r.name === host);
  if (internal.length > 0) return internal.map((r) => r.value).filter((v): v is string => v !== undefined);
  const server = plan.servers.find((s) => s.fqdn === host || s.name.toLowerCase() === host);
  if (server) return server.ipv4 ? [server.ipv4] : [];
  return pub;
}

export async function startWorld(planDocument: unknown, mistakes: Mistakes = {}): Promise<LoopbackWorld> {
  const plan = planDocument as Plan;
  const ca = new TestCa('Contoso Test Trust');
  const other = mistakes.untrustedIssuer ? new TestCa('Somebody Else') : ca;
  const now = Date.now();
  const certs = new Map<string, Issued>();
  for (const c of plan.certificates) {
    const from = mistakes.validity?.fromDays ?? -1;
    const to = mistakes.validity?.toDays ?? (c.lifetime.validityDays ?? 90) - 2;
    certs.set(c.id, other.leaf(mistakes.names?.[c.id] ?? c.names, { bits: c.key.size, notBefore: new Date(now + from * DAY), notAfter: new Date(now + to * DAY) }));
  }
  const chainOf = (id: string) => `${certs.get(id)!.certPem}${mistakes.noIntermediate ? '' : other.intermediate.certPem}`;

  // Every address of the plan gets a loopback twin in a random 127.a.b.0/24.
  const a = randomInt(16, 250);
  const b = randomInt(1, 250);
  const addressMap = new Map<string, string>();
  const twin = (address: string) => {
    let t = addressMap.get(address);
    if (!t) {
      t = `127.${a}.${b}.${addressMap.size + 1}`;
      addressMap.set(address, t);
    }
    return t;
  };

  // What answers where: per address and port, the certificate for each name (SNI), from the rows.
  type Listener = { kind: 'https' | 'smtp' | 'tls'; byName: Map<string, string> };
  const listeners = new Map<string, Listener>();
  const listen = (address: string, port: number, kind: Listener['kind'], host: string, certId: string) => {
    const key = `${address}:${port}`;
    const l = listeners.get(key) ?? { kind, byName: new Map() };
    if (!l.byName.has(host)) l.byName.set(host, mistakes.serveCertFor?.[host] ?? certId);
    listeners.set(key, l);
  };
  const srvTargets = (name: string) => plan.dnsRecords.filter((r) => r.type === 'SRV' && r.name === name).map((r) => r.values[0].split(/\s+/)[3].replace(/\.$/, ''));
  for (const r of plannedRows(plan)) {
    if (!r.certificateId || r.url === '-') continue;
    const url = new URL(r.url.startsWith('_') ? `https://${srvTargets(r.url)[0]}/` : r.url);
    const host = url.hostname;
    const port = url.port ? Number(url.port) : { 'https:': 443, 'smtp:': 587, 'pop3s:': 995, 'imaps:': 993 }[url.protocol] ?? 443;
    const kind = url.protocol === 'smtp:' ? 'smtp' : url.protocol === 'https:' ? 'https' : 'tls';
    for (const address of planAddresses(plan, host, r.client)) listen(address, port, kind, host, r.certificateId);
  }
  for (const c of plan.certificates) for (const n of c.names) for (const client of ['external', 'domainJoined']) for (const address of planAddresses(plan, n, client)) twin(address);
  for (const r of plan.dnsRecords) if (r.type === 'A' || r.type === 'AAAA') r.values.forEach(twin);
  for (const r of plan.internalDnsRecords) if (r.value) twin(r.value);
  for (const s of plan.servers) if (s.ipv4) twin(s.ipv4);

  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const start = async (server: net.Server, address: string, port: number) => {
    server.on('connection', (s: net.Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, twin(address), () => resolve());
    });
    servers.push(server);
  };
  const contextFor = (l: Listener) => {
    const contexts = new Map([...l.byName].map(([host, id]) => [host, tls.createSecureContext({ key: certs.get(id)!.key.privateKeyPem, cert: chainOf(id) })]));
    const first = [...l.byName.values()][0];
    return { key: certs.get(first)!.key.privateKeyPem, cert: chainOf(first), SNICallback: (name: string, cb: (e: Error | null, c?: tls.SecureContext) => void) => cb(null, contexts.get(name.toLowerCase()) ?? contexts.values().next().value) };
  };
  const smtpSelfSigned = mistakes.smtpSelfSigned ? selfSigned(plan.servers[0].name, [plan.servers[0].name, plan.servers[0].fqdn]) : undefined;

  for (const [key, l] of listeners) {
    const i = key.lastIndexOf(':');
    const address = key.slice(0, i);
    const port = Number(key.slice(i + 1));
    if (mistakes.closed?.includes(key)) continue;
    if (mistakes.silent?.includes(key)) {
      await start(net.createServer(() => undefined), address, port);
      continue;
    }
    if (l.kind === 'https') {
      const server = https.createServer(contextFor(l), (req, res) => {
        req.resume();
        res.writeHead(401, { 'WWW-Authenticate': 'Negotiate', 'Content-Type': 'text/html' });
        res.end('401 - Unauthorized');
      });
      await start(server, address, port);
    } else if (l.kind === 'smtp') {
      const options = smtpSelfSigned ? { key: smtpSelfSigned.key.privateKeyPem, cert: smtpSelfSigned.certPem } : contextFor(l);
      await start(smtpServer(options), address, port);
    } else {
      await start(tls.createServer(contextFor(l), (s) => s.end(port === 995 ? '+OK POP3 ready\r\n' : '* OK IMAP4 ready\r\n')), address, port);
    }
  }
  for (const [address, location] of Object.entries(mistakes.redirects ?? {})) {
    await start(http.createServer((req, res) => {
      req.resume();
      res.writeHead(302, { Location: location });
      res.end();
    }), address, 80);
  }

  // Public DNS: the plan's records, with the mistakes. Internal DNS: split DNS, the servers, then public.
  const publicRecords: TestRecord[] = [];
  for (const r of plan.dnsRecords) {
    if (mistakes.dropNames?.includes(r.name)) continue;
    if (r.type === 'A' || r.type === 'AAAA') for (const v of r.values) publicRecords.push({ name: r.name, type: r.type, value: v });
    if (r.type === 'SRV') {
      const [priority, weight, port, target] = r.values[0].split(/\s+/);
      publicRecords.push({ name: r.name, type: 'SRV', value: { priority: Number(priority), weight: Number(weight), port: Number(port), target: mistakes.srvTarget?.[r.name] ?? target.replace(/\.$/, '') } });
    }
  }
  publicRecords.push(...(mistakes.addRecords ?? []));
  for (const r of mistakes.addRecords ?? []) if (r.type !== 'SRV') twin(r.value);
  const internalRecords: TestRecord[] = [];
  for (const r of plan.internalDnsRecords) if (r.value) internalRecords.push({ name: r.name, type: 'A', value: r.value });
  for (const s of plan.servers) {
    if (!s.ipv4) continue;
    internalRecords.push({ name: s.fqdn, type: 'A', value: s.ipv4 }, { name: s.name.toLowerCase(), type: 'A', value: s.ipv4 });
  }
  const internalNames = new Set(internalRecords.map((r) => r.name));
  internalRecords.push(...publicRecords.filter((r) => !internalNames.has(r.name)));
  const publicDns = await startDnsServer(publicRecords);
  const internalDns = await startDnsServer(internalRecords);

  return {
    publicDns,
    internalDns,
    addressMap,
    caPem: ca.root.certPem,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      await publicDns.close();
      await internalDns.close();
    },
  };
}

/** A client submission responder: banner, EHLO with STARTTLS, then TLS. */
function smtpServer(secure: tls.SecureContextOptions & tls.TlsOptions): net.Server {
  const context = tls.createSecureContext(secure);
  return net.createServer((socket) => {
    socket.write('220 mail.contoso.com Microsoft ESMTP MAIL Service ready\r\n');
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (/^EHLO /i.test(line)) socket.write('250-mail.contoso.com Hello\r\n250-SIZE 37748736\r\n250-STARTTLS\r\n250-AUTH NTLM\r\n250 8BITMIME\r\n');
        else if (/^STARTTLS/i.test(line)) {
          socket.off('data', onData);
          socket.write('220 2.0.0 SMTP server ready\r\n');
          const secured = new tls.TLSSocket(socket, { isServer: true, secureContext: context, SNICallback: secure.SNICallback });
          secured.on('error', () => undefined);
          secured.on('data', () => secured.write('250 OK\r\n'));
          return;
        } else if (/^QUIT/i.test(line)) socket.end('221 Bye\r\n');
        else socket.write('500 unrecognized\r\n');
      }
    };
    socket.on('data', onData);
  });
}
