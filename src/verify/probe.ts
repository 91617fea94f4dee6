/**
 * One connection to one address, with one deadline for all of it (connect, STARTTLS, TLS
 * handshake, HTTP request). Refused connections, time-outs and TLS failures come back as
 * outcomes, never as exceptions. The chain is validated by Node's TLS (OpenSSL) against
 * the trust store given, and the certificate is returned for the plan comparison.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';

/** The certificate a server presented. */
export interface PresentedCertificate {
  readonly subject: string;
  readonly commonName?: string;
  readonly issuer: string;
  /** DNS names of the subjectAltName extension, lower case. */
  readonly names: readonly string[];
  readonly keyBits?: number;
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly fingerprint256: string;
  /** Certificates the server sent, leaf included (a root at the end is counted too). */
  readonly chainLength: number;
  readonly selfSigned: boolean;
  readonly peer: tls.PeerCertificate;
}

export interface HttpAnswer {
  readonly status: number;
  readonly location?: string;
}

export type ProbeOutcome =
  | {
      readonly kind: 'connected';
      readonly certificate: PresentedCertificate;
      /** OpenSSL's verdict on the chain against the trust store. */
      readonly authorized: boolean;
      readonly authorizationError?: string;
      /** tls.checkServerIdentity's verdict for the name asked. */
      readonly identityError?: string;
      readonly http?: HttpAnswer;
      readonly httpError?: string;
    }
  | { readonly kind: 'refused' | 'timeout' | 'failed' | 'noStarttls' | 'blocked'; readonly message: string };

export interface ProbeRequest {
  readonly address: string;
  readonly port: number;
  /** SNI and the name checked. */
  readonly servername: string;
  /** 'tls' straight away; 'smtp' EHLO then STARTTLS first. */
  readonly mode: 'tls' | 'smtp';
  /** An HTTP request over the TLS connection (Autodiscover). */
  readonly http?: { readonly method: string; readonly path: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string };
  readonly timeoutMs: number;
  readonly ca: readonly string[];
  readonly loopbackOnly: boolean;
}

export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

/** Connects, optionally speaks SMTP up to STARTTLS, does the TLS handshake and optionally an HTTP request. */
export function probeTls(req: ProbeRequest): Promise<ProbeOutcome> {
  if (req.loopbackOnly && !isLoopback(req.address)) {
    return Promise.resolve({ kind: 'blocked', message: `${req.address} is outside 127.0.0.0/8 and this run is loopback only` });
  }
  return withDeadline(req.timeoutMs, `${req.servername}:${req.port} at ${req.address}`, async (track) => {
    const raw = track(net.connect({ host: req.address, port: req.port }));
    await connected(raw, req);
    if (req.mode === 'smtp') {
      const refusal = await smtpStartTls(raw);
      if (refusal) return { kind: 'noStarttls', message: refusal };
    }
    const socket = track(tls.connect({ socket: raw, servername: req.servername, ca: [...req.ca], rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }));
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', reject);
    });
    const peer = socket.getPeerCertificate(true);
    const certificate = presented(peer);
    const identity = tls.checkServerIdentity(req.servername, peer);
    const base = {
      kind: 'connected' as const,
      certificate,
      authorized: socket.authorized,
      ...(socket.authorized ? {} : { authorizationError: String(socket.authorizationError) }),
      ...(identity ? { identityError: identity.message } : {}),
    };
    if (!req.http) return base;
    try {
      return { ...base, http: await httpOver(socket, req.servername, req.http) };
    } catch (e) {
      return { ...base, httpError: (e as Error).message };
    }
  });
}

/** A plain HTTP request (the Autodiscover redirect step on port 80). */
export function probeHttp(req: { address: string; port: number; host: string; path: string; timeoutMs: number; loopbackOnly: boolean }): Promise<{ kind: 'answered'; http: HttpAnswer } | { kind: 'refused' | 'timeout' | 'failed' | 'blocked'; message: string }> {
  if (req.loopbackOnly && !isLoopback(req.address)) {
    return Promise.resolve({ kind: 'blocked', message: `${req.address} is outside 127.0.0.0/8 and this run is loopback only` });
  }
  return withDeadline(req.timeoutMs, `${req.host}:${req.port} at ${req.address}`, async (track) => {
    const raw = track(net.connect({ host: req.address, port: req.port }));
    await connected(raw, req);
    return { kind: 'answered' as const, http: await httpOver(raw, req.host, { method: 'GET', path: req.path, headers: {} }) };
  });
}

function connected(socket: net.Socket, req: { address: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', (e: NodeJS.ErrnoException) => reject(Object.assign(e, { probeAddress: `${req.address}:${req.port}` })));
  });
}

/**
 * One HTTP/1.1 request on an open connection (plain or TLS), read up to the end of the
 * response head: the status and the Location header are all the verifier needs.
 */
function httpOver(socket: net.Socket, host: string, r: NonNullable<ProbeRequest['http']>): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = r.body ?? '';
    const headers: Record<string, string> = { Host: host, 'User-Agent': 'cdktf-exchange-certificates-verify', Connection: 'close', ...(body || r.method === 'POST' ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}), ...r.headers };
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0 && head.length < 65536) return;
      socket.off('data', onData);
      const lines = head.slice(0, end < 0 ? head.length : end).split('\r\n');
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0] ?? '');
      if (!status) {
        reject(new Error(`not an HTTP answer: '${(lines[0] ?? '').slice(0, 60)}'`));
        return;
      }
      const location = lines.find((l) => /^location:/i.test(l))?.slice('location:'.length).trim();
      resolve({ status: Number(status[1]), ...(location ? { location } : {}) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('end', () => reject(new Error('the server closed the connection without an HTTP answer')));
    socket.write(`${r.method} ${r.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`);
  });
}

/** Reads the banner, says EHLO, asks for STARTTLS; returns why not, or undefined when the server agreed. */
async function smtpStartTls(socket: net.Socket): Promise<string | undefined> {
  const lines = lineReader(socket);
  const banner = await lines.reply();
  if (!banner.startsWith('220')) return `the SMTP server greets with '${banner.split('\n')[0]}', not 220`;
  socket.write('EHLO verify.cdktf-exchange-certificates.invalid\r\n');
  const ehlo = await lines.reply();
  if (!ehlo.startsWith('250')) return `EHLO answered '${ehlo.split('\n')[0]}'`;
  if (!/^250[- ]STARTTLS\b/im.test(ehlo)) return 'the SMTP server does not offer STARTTLS after EHLO';
  socket.write('STARTTLS\r\n');
  const go = await lines.reply();
  lines.stop();
  if (!go.startsWith('220')) return `STARTTLS answered '${go.split('\n')[0]}'`;
  return undefined;
}

/** SMTP replies (multi-line '250-...' up to '250 ...') from a socket. */
function lineReader(socket: net.Socket) {
  let buffer = '';
  let waiting: ((reply: string) => void) | undefined;
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    flush();
  };
  const flush = () => {
    const lines = buffer.split('\r\n');
    const end = lines.findIndex((l) => /^\d{3} /.test(l) || /^\d{3}$/.test(l));
    if (end < 0 || !waiting) return;
    const reply = lines.slice(0, end + 1).join('\n');
    buffer = lines.slice(end + 1).join('\r\n');
    const w = waiting;
    waiting = undefined;
    w(reply);
  };
  socket.on('data', onData);
  return {
    reply: () =>
      new Promise<string>((resolve, reject) => {
        waiting = resolve;
        socket.once('error', reject);
        socket.once('end', () => reject(new Error('the server closed the connection')));
        flush();
      }),
    stop: () => socket.off('data', onData),
  };
}

type Tracker = <S extends net.Socket>(s: S) => S;

/** Runs `work` with a deadline; sockets it tracks are destroyed at the end either way. */
async function withDeadline<T>(ms: number, what: string, work: (track: Tracker) => Promise<T>): Promise<T | { kind: 'refused' | 'timeout' | 'failed'; message: string }> {
  const sockets: net.Socket[] = [];
  const track: Tracker = (s) => {
    sockets.push(s);
    s.on('error', () => undefined);
    return s;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ kind: 'timeout'; message: string }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', message: `no answer from ${what} within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([
      work(track).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ECONNREFUSED') return { kind: 'refused' as const, message: `connection refused by ${what}` };
        return { kind: 'failed' as const, message: `${what}: ${e.code ? `${e.code} ` : ''}${e.message}` };
      }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    for (const s of sockets.reverse()) s.destroy(); // the TLS socket before the one it wraps
  }
}

function presented(peer: tls.DetailedPeerCertificate): PresentedCertificate {
  const names = (peer.subjectaltname ?? '')
    .split(/,\s*/)
    .filter((n) => n.startsWith('DNS:'))
    .map((n) => n.slice(4).toLowerCase());
  let chainLength = 1;
  let selfSigned = false;
  for (let c: tls.DetailedPeerCertificate = peer; c.issuerCertificate && c.issuerCertificate !== c; c = c.issuerCertificate) chainLength += 1;
  if (peer.issuerCertificate === peer || (chainLength === 1 && dn(peer.subject) === dn(peer.issuer))) selfSigned = true;
  const cn = peer.subject?.CN;
  return {
    subject: dn(peer.subject),
    ...(cn ? { commonName: Array.isArray(cn) ? cn[0] : cn } : {}),
    issuer: dn(peer.issuer),
    names,
    ...(typeof peer.bits === 'number' ? { keyBits: peer.bits } : {}),
    validFrom: new Date(peer.valid_from),
    validTo: new Date(peer.valid_to),
    fingerprint256: peer.fingerprint256,
    chainLength,
    selfSigned,
    peer,
  };
}

function dn(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}
