/**
 * What a client's DNS answers for a host name, and which planned web site (on which
 * servers, with which certificate) answers at that address. External clients use the
 * records the plan creates; domain-joined clients use the split-DNS records the admin
 * creates by hand, the servers' own Active Directory records, or public DNS as a fallback.
 */
import { DEFAULT_WEB_SITE } from '../model/san-list';
import { ExchangePlan, PlannedCertificate } from '../model/types';
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
  return client === 'external' ? resolveExternal(plan, host) : resolveInternal(plan, host);
}

/** Public DNS: the A/AAAA records of the plan, then the site listening on those addresses. */
export function resolveExternal(plan: ExchangePlan, host: string): NameAnswer {
  const records = plan.dnsRecords.filter((r) => r.name === host && ADDRESS_TYPES.has(r.type));
  if (records.length === 0) return { resolves: false, dns: 'no record in the plan' };
  const addresses = records.flatMap((r) => r.values);
  const dns = records.map((r) => `${r.type} ${r.values.join(', ')}`).join('; ');
  const overlaps = (h: { ipv4: readonly string[]; ipv6: readonly string[] }) => [...h.ipv4, ...h.ipv6].some((a) => addresses.includes(a));
  const host_ = plan.publicHostnames.find((h) => h.name === host && overlaps(h)) ?? plan.publicHostnames.find(overlaps);
  if (!host_) return { resolves: true, dns, addresses };
  const certificate = plan.certificates.find((c) => c.id === host_.certificateId);
  const bound = certificate ? certificate.bindings.filter((b) => b.webSite === host_.webSite).map((b) => b.server) : [];
  return {
    resolves: true,
    dns,
    addresses,
    site: { webSite: host_.webSite, servers: unique(bound.length > 0 ? bound : plan.servers.map((s) => s.name)), ...(certificate ? { certificate } : {}) },
  };
}

/** Internal DNS: split-DNS records, then the servers' own names, then public DNS if the internal DNS forwards the name. */
export function resolveInternal(plan: ExchangePlan, host: string): NameAnswer {
  const records = plan.internalDnsRecords.filter((r) => r.name === host);
  if (records.length > 0) {
    const sites = records.map((r) => (r.value === undefined ? undefined : siteAtInternalAddress(plan, r.value)));
    const known = sites.filter((s): s is SiteAnswer => s !== undefined);
    const site = known.length === sites.length && known.length > 0 ? mergeSites(known) : defaultSite(plan, plan.servers.map((s) => s.name));
    const addresses = records.map((r) => r.value).filter((v): v is string => v !== undefined);
    return {
      resolves: true,
      dns: `internal A ${records.map((r) => r.value ?? '(server address)').join(', ')} (created by hand)`,
      ...(addresses.length === records.length ? { addresses } : {}),
      ...(site ? { site } : {}),
    };
  }
  const server = plan.servers.find((s) => s.fqdn === host || s.name.toLowerCase() === host);
  if (server) {
    const site = defaultSite(plan, [server.name]);
    const how = server.fqdn === host ? 'the server\'s own record in Active Directory DNS' : 'NetBIOS name, completed by the DNS suffix';
    return { resolves: true, dns: `${how}${server.ipv4 ? ` (A ${server.ipv4})` : ''}`, ...(server.ipv4 ? { addresses: [server.ipv4] } : {}), ...(site ? { site } : {}) };
  }
  const outside = resolveExternal(plan, host);
  if (outside.resolves) {
    return { ...outside, dns: `no internal record; public ${outside.dns}, if the internal DNS forwards the name` };
  }
  return { resolves: false, dns: 'no internal record' };
}

/** The site bound to an internal address: a site with that address, else the Default Web Site of the server with it. */
function siteAtInternalAddress(plan: ExchangePlan, ip: string): SiteAnswer | undefined {
  for (const certificate of plan.certificates) {
    const b = certificate.bindings.find((x) => x.ipAddress === ip);
    if (b) return { webSite: b.webSite, servers: [b.server], certificate };
  }
  const server = plan.servers.find((s) => s.ipv4 === ip);
  return server ? defaultSite(plan, [server.name]) : undefined;
}

/** The Default Web Site (all unassigned addresses) on the given servers, with the certificate bound there. */
function defaultSite(plan: ExchangePlan, servers: readonly string[]): SiteAnswer | undefined {
  const certificate = plan.certificates.find((c) => c.bindings.some((b) => servers.includes(b.server) && b.webSite === DEFAULT_WEB_SITE && b.ipAddress === undefined));
  return { webSite: DEFAULT_WEB_SITE, servers: [...servers], ...(certificate ? { certificate } : {}) };
}

function mergeSites(sites: readonly SiteAnswer[]): SiteAnswer {
  const first = sites[0];
  const same = sites.filter((s) => s.webSite === first.webSite && s.certificate?.id === first.certificate?.id);
  return { ...first, servers: unique(same.flatMap((s) => s.servers)) };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
