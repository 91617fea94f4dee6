/**
 * What the verifier takes from plan.json besides the coverage rows: the planned
 * certificates (names, key size, lifetime, renewal), the DNS records it compares answers
 * with (A, AAAA, SRV; the split-DNS records and the servers' own addresses for clients
 * inside), and whether the issuer is publicly trusted.
 */
import { PlanReadError } from './plan-rows';

/** A certificate as planned. */
export interface PlannedCertificateFacts {
  readonly id: string;
  readonly names: readonly string[];
  readonly commonName: string;
  readonly keySize: number;
  /** Planned lifetime, when the issuer fixes it. */
  readonly validityDays?: number;
  readonly issueDate?: string;
  readonly expiryDate?: string;
  readonly renewalDate?: string;
  readonly renewBeforeDays: number;
}

/** A planned SRV record's value. */
export interface PlannedSrv {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  readonly target: string;
}

export interface PlanFacts {
  readonly schemaVersion: number;
  readonly issuer: { readonly kind: string; readonly displayName: string; readonly publiclyTrusted: boolean };
  readonly certificates: ReadonlyMap<string, PlannedCertificateFacts>;
  /** Planned public A/AAAA values by host name. */
  readonly publicAddresses: ReadonlyMap<string, readonly string[]>;
  /** Planned SRV records by record name. */
  readonly srvRecords: ReadonlyMap<string, PlannedSrv>;
  /** Split-DNS records by host name (an undefined value: the admin picks the address). */
  readonly internalAddresses: ReadonlyMap<string, readonly (string | undefined)[]>;
  /** Servers' own addresses by FQDN and by lower-case NetBIOS name. */
  readonly serverAddresses: ReadonlyMap<string, string | undefined>;
}

type Obj = Record<string, unknown>;

/** Reads the facts; throws PlanReadError naming the missing field. */
export function planFacts(document: unknown): PlanFacts {
  const doc = object(document, 'plan.json');
  const schemaVersion = doc.schemaVersion;
  if (typeof schemaVersion !== 'number') throw new PlanReadError('plan.json has no schemaVersion: is this a plan.json written by cdktf-exchange-certificates?');
  const issuer = object(doc.issuer, 'issuer');
  const certificates = new Map<string, PlannedCertificateFacts>();
  for (const c of array(doc.certificates, 'certificates').map((x, i) => object(x, `certificates[${i}]`))) {
    const key = object(c.key, `certificates '${String(c.id)}' key`);
    const lifetime = object(c.lifetime, `certificates '${String(c.id)}' lifetime`);
    certificates.set(String(c.id), {
      id: String(c.id),
      names: array(c.names, 'certificates[].names').map(String),
      commonName: String(c.commonName),
      keySize: Number(key.size),
      ...(typeof lifetime.validityDays === 'number' ? { validityDays: lifetime.validityDays } : {}),
      ...(typeof lifetime.issueDate === 'string' ? { issueDate: lifetime.issueDate } : {}),
      ...(typeof lifetime.expiryDate === 'string' ? { expiryDate: lifetime.expiryDate } : {}),
      ...(typeof lifetime.renewalDate === 'string' ? { renewalDate: lifetime.renewalDate } : {}),
      renewBeforeDays: Number(lifetime.renewBeforeDays),
    });
  }
  const publicAddresses = new Map<string, string[]>();
  const srvRecords = new Map<string, PlannedSrv>();
  for (const r of array(doc.dnsRecords, 'dnsRecords').map((x) => object(x, 'dnsRecords[]'))) {
    const name = String(r.name).toLowerCase();
    const values = array(r.values, 'dnsRecords[].values').map(String);
    if (r.type === 'A' || r.type === 'AAAA') publicAddresses.set(name, [...(publicAddresses.get(name) ?? []), ...values]);
    if (r.type === 'SRV' && values[0]) {
      const [priority, weight, port, target] = values[0].trim().split(/\s+/);
      srvRecords.set(name, { priority: Number(priority), weight: Number(weight), port: Number(port), target: (target ?? '').replace(/\.$/, '').toLowerCase() });
    }
  }
  const internalAddresses = new Map<string, (string | undefined)[]>();
  for (const r of array(doc.internalDnsRecords ?? [], 'internalDnsRecords').map((x) => object(x, 'internalDnsRecords[]'))) {
    const name = String(r.name).toLowerCase();
    internalAddresses.set(name, [...(internalAddresses.get(name) ?? []), typeof r.value === 'string' ? r.value : undefined]);
  }
  const serverAddresses = new Map<string, string | undefined>();
  for (const s of array(doc.servers, 'servers').map((x) => object(x, 'servers[]'))) {
    const ipv4 = typeof s.ipv4 === 'string' ? s.ipv4 : undefined;
    serverAddresses.set(String(s.fqdn).toLowerCase(), ipv4);
    serverAddresses.set(String(s.name).toLowerCase(), ipv4);
  }
  return {
    schemaVersion,
    issuer: { kind: String(issuer.kind), displayName: String(issuer.displayName), publiclyTrusted: issuer.publiclyTrusted === true },
    certificates,
    publicAddresses,
    srvRecords,
    internalAddresses,
    serverAddresses,
  };
}

/**
 * The addresses a client should get for a name, as the plan has them: public records for
 * external clients; for clients inside the split-DNS records, then a server's own record,
 * then the public records (forwarded). Undefined when the plan leaves the address open.
 */
export function plannedAddresses(facts: PlanFacts, host: string, inside: boolean): readonly string[] | undefined {
  const name = host.toLowerCase();
  if (inside) {
    const internal = facts.internalAddresses.get(name);
    if (internal) return internal.every((a): a is string => a !== undefined) ? internal : undefined;
    if (facts.serverAddresses.has(name)) {
      const a = facts.serverAddresses.get(name);
      return a === undefined ? undefined : [a];
    }
  }
  return facts.publicAddresses.get(name) ?? [];
}

function object(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PlanReadError(`plan.json: ${what} is not an object`);
  return value as Obj;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new PlanReadError(`plan.json: ${what} is not an array`);
  return value;
}
