/**
 * Resolves names the way a client does, through node:dns (c-ares) against the system's or
 * a given DNS server, with curl-style `--resolve` overrides. Answers are cached per run.
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { DEFAULT_TIMEOUT_MS, ResolveOverride, VerifyOptions } from './options';

/** Addresses for a name, or why there are none. */
export interface AddressAnswer {
  readonly addresses: readonly string[];
  /** 'A 203.0.113.10; AAAA 2001:db8::1', or 'resolve override 127.0.0.5'. */
  readonly text: string;
  /** Set when the name does not resolve: 'NXDOMAIN', 'no A or AAAA record', 'DNS server did not answer'. */
  readonly error?: string;
}

export interface SrvAnswer {
  readonly records: readonly { priority: number; weight: number; port: number; name: string }[];
  readonly error?: string;
}

const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

export class NameLookup {
  private readonly resolver: Resolver;
  private readonly cache = new Map<string, Promise<AddressAnswer>>();
  private readonly srvCache = new Map<string, Promise<SrvAnswer>>();
  private readonly overrides: readonly ResolveOverride[];
  /** Where answers come from, for messages. */
  readonly server: string;

  constructor(options: VerifyOptions) {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.resolver = new Resolver({ timeout, tries: 2 });
    if (options.dnsServer) this.resolver.setServers([options.dnsServer]);
    this.server = options.dnsServer ?? 'the system DNS';
    this.overrides = options.resolve ?? [];
  }

  /** The A and AAAA answers for a name (an override for name:port wins). */
  addresses(host: string, port: number): Promise<AddressAnswer> {
    const name = host.toLowerCase();
    const override = this.overrides.filter((o) => o.name.toLowerCase() === name && o.port === port).map((o) => o.address);
    if (override.length > 0) return Promise.resolve({ addresses: override, text: `--resolve ${override.join(', ')}` });
    if (isIP(name)) return Promise.resolve({ addresses: [name], text: 'an address' });
    let answer = this.cache.get(name);
    if (!answer) {
      answer = this.lookup(name);
      this.cache.set(name, answer);
    }
    return answer;
  }

  /** The SRV answer for a record name. */
  srv(name: string): Promise<SrvAnswer> {
    const key = name.toLowerCase();
    let answer = this.srvCache.get(key);
    if (!answer) {
      answer = this.resolver.resolveSrv(key).then(
        (records) => ({ records: records.map((r) => ({ ...r, name: r.name.replace(/\.$/, '').toLowerCase() })) }),
        (e: NodeJS.ErrnoException) => ({ records: [], error: NO_RECORD.has(e.code ?? '') ? `no SRV record (${this.server})` : `DNS query failed: ${e.code ?? e.message} (${this.server})` }),
      );
      this.srvCache.set(key, answer);
    }
    return answer;
  }

  private async lookup(name: string): Promise<AddressAnswer> {
    const settle = (p: Promise<string[]>) => p.then((a) => ({ a }), (e: NodeJS.ErrnoException) => ({ e }));
    const [v4, v6] = await Promise.all([settle(this.resolver.resolve4(name)), settle(this.resolver.resolve6(name))]);
    const a = 'a' in v4 ? v4.a : [];
    const aaaa = 'a' in v6 ? v6.a : [];
    if (a.length + aaaa.length > 0) {
      const text = [a.length ? `A ${a.join(', ')}` : '', aaaa.length ? `AAAA ${aaaa.join(', ')}` : ''].filter(Boolean).join('; ');
      return { addresses: [...a, ...aaaa], text };
    }
    const failure = [v4, v6].map((r) => ('e' in r ? r.e : undefined)).find((e) => e && !NO_RECORD.has(e.code ?? ''));
    if (failure) return { addresses: [], text: 'no answer', error: `DNS query failed: ${failure.code ?? failure.message} (${this.server})` };
    const nx = [v4, v6].some((r) => 'e' in r && r.e.code === 'ENOTFOUND');
    return { addresses: [], text: 'no record', error: nx ? `the name does not exist (NXDOMAIN from ${this.server})` : `no A or AAAA record (${this.server})` };
  }
}
