/**
 * What a client's DNS answers for a host name, and which planned web site (on which
 * servers, with which certificate) answers at that address. External clients use the
 * records the plan creates; domain-joined clients use the split-DNS records the admin
 * creates by hand, the servers' own Active Directory records, or public DNS as a fallback.
 *
 * Every lookup goes through an index of the plan built once (maps by name, address and
 * server) and answers are kept per name, so resolving costs the same at 1 or 1,000
 * domains and 1 or 300 servers.
 */
import { DEFAULT_WEB_SITE } from '../model/san-list';
import { ExchangePlan, PlannedCertificate, PlannedDnsRecord, InternalDnsRecord, PublicHostname } from '../model/types';
import { ClientKind } from './client-kind';

/** A web site that answers HTTPS for a name. */
export interface SiteAnswer {
  readonly webSite: string;
  /** Servers whose site answers (behind the public address, or the one the internal record names). */
  readonly servers: readonly string[];
  /** The certificate bound there, when one is. */
  readonly certificate?: PlannedCertificate;
}

/** What resolving a name gives a client. */
export interface NameAnswer {
  readonly resolves: boolean;
  /** One line: 'A 203.0.113.10', 'internal A 192.168.10.11 (by hand)', 'no record in the plan'. */
  readonly dns: string;
  /** The addresses DNS gives, when the plan knows them (a record created by hand may leave them to the admin). */
  readonly addresses?: readonly string[];
  /** The planned site at the address, when the name resolves to one. */
  readonly site?: SiteAnswer;
}

const ADDRESS_TYPES = new Set(['A', 'AAAA']);

/** Resolves a name the way the given kind of client does. */
export function resolveName(plan: ExchangePlan, host: string, client: ClientKind): NameAnswer {
  return nameIndex(plan).resolve(host, client);
}

/** Public DNS: the A/AAAA records of the plan, then the site listening on those addresses. */
export function resolveExternal(plan: ExchangePlan, host: string): NameAnswer {
  return nameIndex(plan).resolve(host, 'external');
}

/** Internal DNS: split-DNS records, then the servers' own names, then public DNS if the internal DNS forwards the name. */
export function resolveInternal(plan: ExchangePlan, host: string): NameAnswer {
  return nameIndex(plan).resolve(host, 'domainJoined');
}

/** The plan's DNS records of one type by name (the SRV step reads them). */
export function recordsNamed(plan: ExchangePlan, name: string): readonly PlannedDnsRecord[] {
  return nameIndex(plan).recordsByName.get(name) ?? [];
}

/** How much work name resolution did for a plan: `answers` computed (each name once per kind of client), `lookups` asked for. */
export interface NameResolutionCounters {
  readonly lookups: number;
  readonly answers: number;
  readonly indexEntries: number;
}

/** The counters of a plan's name index (for tests of the cost's shape). */
export function nameResolutionCounters(plan: ExchangePlan): NameResolutionCounters {
  const i = nameIndex(plan);
  return { lookups: i.lookups, answers: i.answers, indexEntries: i.indexEntries };
}

const INDEXES = new WeakMap<ExchangePlan, NameIndex>();

function nameIndex(plan: ExchangePlan): NameIndex {
  let index = INDEXES.get(plan);
  if (!index) {
    index = new NameIndex(plan);
    INDEXES.set(plan, index);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The plan's names, addresses and bindings as maps, built in one pass over each list. */
class NameIndex {
  lookups = 0;
  answers = 0;
  readonly indexEntries: number;
  readonly recordsByName = new Map<string, PlannedDnsRecord[]>();
  private readonly addressRecordsByName = new Map<string, PlannedDnsRecord[]>();
  private readonly internalRecordsByName = new Map<string, InternalDnsRecord[]>();
  private readonly publicHostnamesByName = new Map<string, number[]>();
  /** The first public host name (in plan order) listening on each address. */
  private readonly firstHostnameAtAddress = new Map<string, number>();
  private readonly certificatesById = new Map<string, PlannedCertificate>();
  /** The first binding with an address: its site, server and certificate. */
  private readonly bindingAtAddress = new Map<string, SiteAnswer>();
  private readonly serverByIpv4 = new Map<string, string>();
  private readonly serverByFqdn = new Map<string, ExchangePlan['servers'][number]>();
  private readonly serverByLowerName = new Map<string, ExchangePlan['servers'][number]>();
  /** The first certificate (plan order) bound to a server's Default Web Site on all unassigned addresses. */
  private readonly defaultCertificateOf = new Map<string, number>();
  private readonly siteOfHostname = new Map<number, SiteAnswer>();
  private readonly defaultSites = new Map<string, SiteAnswer>();
  private allServersSite?: SiteAnswer;
  private readonly cache = new Map<string, NameAnswer>();

  constructor(private readonly plan: ExchangePlan) {
    for (const r of plan.dnsRecords) {
      push(this.recordsByName, r.name, r);
      if (ADDRESS_TYPES.has(r.type)) push(this.addressRecordsByName, r.name, r);
    }
    for (const r of plan.internalDnsRecords) push(this.internalRecordsByName, r.name, r);
    plan.publicHostnames.forEach((h, i) => {
      push(this.publicHostnamesByName, h.name, i);
      for (const a of [...h.ipv4, ...h.ipv6]) if (!this.firstHostnameAtAddress.has(a)) this.firstHostnameAtAddress.set(a, i);
    });
    plan.certificates.forEach((c, i) => {
      this.certificatesById.set(c.id, c);
      for (const b of c.bindings) {
        if (b.ipAddress !== undefined && !this.bindingAtAddress.has(b.ipAddress)) this.bindingAtAddress.set(b.ipAddress, { webSite: b.webSite, servers: [b.server], certificate: c });
        if (b.webSite === DEFAULT_WEB_SITE && b.ipAddress === undefined && !this.defaultCertificateOf.has(b.server)) this.defaultCertificateOf.set(b.server, i);
      }
    });
    for (const s of plan.servers) {
      if (s.ipv4 !== undefined && !this.serverByIpv4.has(s.ipv4)) this.serverByIpv4.set(s.ipv4, s.name);
      if (!this.serverByFqdn.has(s.fqdn)) this.serverByFqdn.set(s.fqdn, s);
      const lower = s.name.toLowerCase();
      if (!this.serverByLowerName.has(lower)) this.serverByLowerName.set(lower, s);
    }
    this.indexEntries = plan.dnsRecords.length + plan.internalDnsRecords.length + plan.publicHostnames.length + plan.certificates.reduce((n, c) => n + c.bindings.length, 0) + plan.servers.length;
  }

  resolve(host: string, client: ClientKind): NameAnswer {
    this.lookups++;
    const key = `${client}\0${host}`;
    let answer = this.cache.get(key);
    if (!answer) {
      this.answers++;
      answer = client === 'external' ? this.external(host) : this.internal(host);
      this.cache.set(key, answer);
    }
    return answer;
  }

  private external(host: string): NameAnswer {
    const records = this.addressRecordsByName.get(host);
    if (!records) return { resolves: false, dns: 'no record in the plan' };
    const addresses = records.flatMap((r) => r.values);
    const dns = records.map((r) => `${r.type} ${r.values.join(', ')}`).join('; ');
    const at = new Set(addresses);
    const hostnames = this.plan.publicHostnames;
    const overlaps = (h: PublicHostname) => h.ipv4.some((a) => at.has(a)) || h.ipv6.some((a) => at.has(a));
    let chosen = (this.publicHostnamesByName.get(host) ?? []).find((i) => overlaps(hostnames[i]));
    if (chosen === undefined) {
      for (const a of addresses) {
        const i = this.firstHostnameAtAddress.get(a);
        if (i !== undefined && (chosen === undefined || i < chosen)) chosen = i;
      }
    }
    if (chosen === undefined) return { resolves: true, dns, addresses };
    return { resolves: true, dns, addresses, site: this.siteOf(chosen) };
  }

  /** The site behind a public host name: its web site on the servers its certificate is bound to there (else every server). */
  private siteOf(hostnameIndex: number): SiteAnswer {
    let site = this.siteOfHostname.get(hostnameIndex);
    if (!site) {
      const h = this.plan.publicHostnames[hostnameIndex];
      const certificate = this.certificatesById.get(h.certificateId);
      const bound = certificate ? certificate.bindings.filter((b) => b.webSite === h.webSite).map((b) => b.server) : [];
      site = { webSite: h.webSite, servers: unique(bound.length > 0 ? bound : this.plan.servers.map((s) => s.name)), ...(certificate ? { certificate } : {}) };
      this.siteOfHostname.set(hostnameIndex, site);
    }
    return site;
  }

  private internal(host: string): NameAnswer {
    const records = this.internalRecordsByName.get(host);
    if (records) {
      const sites = records.map((r) => (r.value === undefined ? undefined : this.siteAtInternalAddress(r.value)));
      const known = sites.filter((s): s is SiteAnswer => s !== undefined);
      const site = known.length === sites.length && known.length > 0 ? mergeSites(known) : this.allServersDefaultSite();
      const addresses = records.map((r) => r.value).filter((v): v is string => v !== undefined);
      return {
        resolves: true,
        dns: `internal A ${addressList(records.map((r) => r.value ?? '(server address)'))} (created by hand)`,
        ...(addresses.length === records.length ? { addresses } : {}),
        site,
      };
    }
    const server = this.serverByFqdn.get(host) ?? this.serverByLowerName.get(host);
    if (server) {
      const how = server.fqdn === host ? 'the server\'s own record in Active Directory DNS' : 'NetBIOS name, completed by the DNS suffix';
      return { resolves: true, dns: `${how}${server.ipv4 ? ` (A ${server.ipv4})` : ''}`, ...(server.ipv4 ? { addresses: [server.ipv4] } : {}), site: this.defaultSite(server.name) };
    }
    const outside = this.resolve(host, 'external');
    if (outside.resolves) {
      return { ...outside, dns: `no internal record; public ${outside.dns}, if the internal DNS forwards the name` };
    }
    return { resolves: false, dns: 'no internal record' };
  }

  /** The site bound to an internal address: a site with that address, else the Default Web Site of the server with it. */
  private siteAtInternalAddress(ip: string): SiteAnswer | undefined {
    const bound = this.bindingAtAddress.get(ip);
    if (bound) return bound;
    const server = this.serverByIpv4.get(ip);
    return server !== undefined ? this.defaultSite(server) : undefined;
  }

  /** The Default Web Site (all unassigned addresses) on one server, with the certificate bound there. */
  private defaultSite(server: string): SiteAnswer {
    let site = this.defaultSites.get(server);
    if (!site) {
      const i = this.defaultCertificateOf.get(server);
      site = { webSite: DEFAULT_WEB_SITE, servers: [server], ...(i !== undefined ? { certificate: this.plan.certificates[i] } : {}) };
      this.defaultSites.set(server, site);
    }
    return site;
  }

  /** The Default Web Site on every server, with the first certificate bound there on any of them. */
  private allServersDefaultSite(): SiteAnswer {
    if (!this.allServersSite) {
      let first: number | undefined;
      for (const i of this.defaultCertificateOf.values()) if (first === undefined || i < first) first = i;
      this.allServersSite = { webSite: DEFAULT_WEB_SITE, servers: this.plan.servers.map((s) => s.name), ...(first !== undefined ? { certificate: this.plan.certificates[first] } : {}) };
    }
    return this.allServersSite;
  }
}

/** Up to four addresses, else the first three and a count (the split-DNS section lists every record). */
function addressList(values: readonly string[]): string {
  return values.length <= 4 ? values.join(', ') : `${values.slice(0, 3).join(', ')} and ${values.length - 3} more`;
}

function mergeSites(sites: readonly SiteAnswer[]): SiteAnswer {
  const first = sites[0];
  if (sites.length === 1) return first;
  const same = sites.filter((s) => s.webSite === first.webSite && s.certificate?.id === first.certificate?.id);
  return { ...first, servers: unique(same.flatMap((s) => s.servers)) };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
