/**
 * Checks one coverage row from the client side: resolves the name as planned, connects to
 * every address it gets (TLS with SNI; SMTP with STARTTLS; Autodiscover POSTed as Outlook
 * does; the HTTP step on port 80), and returns what a client of that kind would get, in the
 * plan's own words (covered, warning, redirectPrompt, fallsThrough).
 */
import * as tls from 'node:tls';
import type { CoverageResult } from '../review/coverage';
import { clientWarning, planDifferences, renewalNote } from './certificate-check';
import { Difference } from './findings';
import { NameLookup } from './name-lookup';
import { DEFAULT_TIMEOUT_MS, VerifyOptions } from './options';
import { PlanFacts, plannedAddresses } from './plan-facts';
import { PlannedRow } from './plan-rows';
import { probeHttp, probeTls, ProbeOutcome } from './probe';

/** What the verifier saw for one row. */
export interface Observation {
  readonly result: CoverageResult;
  /** For Autodiscover: Outlook got settings here (possibly after a warning or prompt), so it stops. */
  readonly answered: boolean;
  /** Why the result is what it is (for a warning: the warning). */
  readonly because: string;
  /** Differences from the plan besides the result (wrong certificate, other addresses, other SRV target). */
  readonly differences: readonly Difference[];
  /** The fix for the result itself, when it is a failure. */
  readonly fix?: string;
  readonly details: readonly string[];
  /** Addresses connected to (after any address map). */
  readonly connectedTo: readonly string[];
  /** Set when the row could not be checked from here, with the reason. */
  readonly notChecked?: string;
}

const AUTODISCOVER_PATH = '/Autodiscover/Autodiscover.xml';

/** Ports of the client protocols by URL scheme, and how TLS starts there. */
const SCHEMES: Readonly<Record<string, { port: number; mode: 'tls' | 'smtp' }>> = {
  'https:': { port: 443, mode: 'tls' },
  'smtp:': { port: 587, mode: 'smtp' },
  'pop3s:': { port: 995, mode: 'tls' },
  'imaps:': { port: 993, mode: 'tls' },
};

export class RowChecker {
  private readonly lookup: NameLookup;
  private readonly ca: string[];
  private readonly timeoutMs: number;
  private readonly now: Date;
  private readonly probes = new Map<string, Promise<ProbeOutcome>>();

  constructor(
    private readonly facts: PlanFacts,
    private readonly options: VerifyOptions,
    /** Autodiscover URLs the plan serves (origins), for judging an HTTP redirect. */
    private readonly autodiscoverOrigins: ReadonlySet<string>,
  ) {
    this.lookup = new NameLookup(options);
    this.ca = [...tls.rootCertificates, ...(options.extraCa ? [options.extraCa] : [])];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? new Date();
  }

  /** A web service, SMTP, POP or IMAP row. */
  async service(row: PlannedRow): Promise<Observation> {
    const url = parseUrl(row.url);
    const scheme = url && SCHEMES[url.protocol];
    if (!url || !scheme) return unchecked(`the verifier does not know how to reach ${row.url}`);
    const port = url.port ? Number(url.port) : scheme.port;
    return this.tlsRow(row, url.hostname, port, scheme.mode, url.hostname, false);
  }

  /** An Autodiscover HTTPS step (SCP URL, root domain, autodiscover host). */
  async autodiscover(row: PlannedRow, emailDomain: string): Promise<Observation> {
    const url = parseUrl(row.url);
    if (!url || url.protocol !== 'https:') return unchecked(`the verifier does not know how to reach ${row.url}`);
    return this.tlsRow(row, url.hostname, url.port ? Number(url.port) : 443, 'tls', url.hostname, true, emailDomain);
  }

  /** The SRV step: the record, its target, then Autodiscover at the target. */
  async srv(row: PlannedRow, emailDomain: string): Promise<Observation> {
    const name = `_autodiscover._tcp.${emailDomain}`.toLowerCase();
    const planned = this.facts.srvRecords.get(name);
    const answer = await this.lookup.srv(name);
    if (answer.records.length === 0) {
      return { result: 'fallsThrough', answered: false, because: `${name}: ${answer.error ?? 'no SRV record'}: Outlook moves on`, differences: [], details: [], connectedTo: [], ...(planned ? { fix: `create the SRV record ${name} ${planned.priority} ${planned.weight} ${planned.port} ${planned.target} (cdktf deploy)` } : {}) };
    }
    const record = [...answer.records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
    const text = `SRV ${record.priority} ${record.weight} ${record.port} ${record.name}`;
    const differences: Difference[] = [];
    if (planned && (planned.target !== record.name || planned.port !== record.port)) {
      differences.push({ message: `${name} answers ${text}; the plan has ${planned.priority} ${planned.weight} ${planned.port} ${planned.target}`, fix: `point ${name} at ${planned.target} port ${planned.port} (cdktf deploy)` });
    } else if (!planned) {
      differences.push({ message: `${name} answers ${text}, a record the plan does not have`, fix: `remove ${name}, or plan it (srvRecord())` });
    }
    if (record.port !== 443) {
      return { result: 'fallsThrough', answered: false, because: `${text}: Outlook only uses SRV targets on port 443`, differences, details: [text], connectedTo: [] };
    }
    const inner = await this.tlsRow(row, record.name, 443, 'tls', record.name, true, emailDomain);
    const result = inner.result === 'covered' ? 'redirectPrompt' : inner.result;
    const because = inner.result === 'covered' ? `${inner.because}; Outlook asks the user once before using ${record.name}` : inner.because;
    return { ...inner, result, because, differences: [...differences, ...inner.differences], details: [text, ...inner.details] };
  }

  /** The HTTP step: port 80 of autodiscover.<domain>, which must redirect (302) to a planned Autodiscover URL over HTTPS. */
  async httpRedirect(row: PlannedRow): Promise<Observation> {
    const url = parseUrl(row.url);
    if (!url) return unchecked(`the verifier does not know how to reach ${row.url}`);
    const host = url.hostname;
    const answer = await this.lookup.addresses(host, 80);
    if (answer.addresses.length === 0) return { result: 'fallsThrough', answered: false, because: `${host}: ${answer.error}: Outlook moves on`, differences: [], details: [], connectedTo: [] };
    const connectedTo: string[] = [];
    const seen: string[] = [];
    for (const address of answer.addresses) {
      const to = this.mapped(address);
      connectedTo.push(to);
      const r = await probeHttp({ address: to, port: 80, host, path: AUTODISCOVER_PATH, timeoutMs: this.timeoutMs, loopbackOnly: this.options.loopbackOnly ?? false });
      if (r.kind === 'blocked') return unchecked(r.message);
      if (r.kind !== 'answered') {
        seen.push(`${address}: ${r.message}`);
        continue;
      }
      const { status, location } = r.http;
      if ((status === 301 || status === 302 || status === 307 || status === 308) && location) {
        const target = parseUrl(location);
        const origin = target ? `${target.protocol}//${target.host}`.toLowerCase() : '';
        if (target && target.protocol === 'https:' && this.autodiscoverOrigins.has(origin) && target.pathname.toLowerCase() === AUTODISCOVER_PATH.toLowerCase()) {
          const prompt = status === 302 ? '' : ` (HTTP ${status}; Outlook expects 302)`;
          return { result: 'redirectPrompt', answered: true, because: `http://${host}${AUTODISCOVER_PATH} redirects to ${location}, a planned Autodiscover URL: Outlook asks the user before following it${prompt}`, differences: [], details: [], connectedTo };
        }
        return {
          result: 'warning',
          answered: false,
          because: `http://${host}${AUTODISCOVER_PATH} redirects to ${location}, which is not an Autodiscover URL of the plan (${[...this.autodiscoverOrigins].map((o) => `${o}${AUTODISCOVER_PATH}`).join(', ') || 'none'})`,
          fix: `make port 80 of ${host} redirect to a planned Autodiscover URL, or remove the redirect`,
          differences: [],
          details: [],
          connectedTo,
        };
      }
      seen.push(`${address}: HTTP ${status} without a redirect`);
    }
    return { result: 'fallsThrough', answered: false, because: `no redirect on port 80 of ${host} (${seen.join('; ')}): Outlook moves on`, fix: `set up a 302 from http://${host}${AUTODISCOVER_PATH} to the planned Autodiscover URL`, differences: [], details: [], connectedTo };
  }

  private mapped(address: string): string {
    return this.options.addressMap?.get(address) ?? address;
  }

  /** Resolve, compare with the plan, connect to each address; judge as a client and against the plan. */
  private async tlsRow(row: PlannedRow, host: string, port: number, mode: 'tls' | 'smtp', servername: string, autodiscover: boolean, emailDomain?: string): Promise<Observation> {
    const inside = this.options.inside ?? false;
    const answer = await this.lookup.addresses(host, port);
    const planned = plannedAddresses(this.facts, host, inside);
    const moveOn = autodiscover ? 'fallsThrough' : 'warning';
    if (answer.addresses.length === 0) {
      const fix = planned && planned.length > 0 ? `create the record ${host} -> ${planned.join(', ')}${inside ? ' in the internal DNS (PLAN.md, split DNS)' : ' (cdktf deploy)'}` : `create a DNS record for ${host}`;
      return { result: moveOn, answered: false, because: `${host} does not resolve: ${answer.error}`, fix, differences: [], details: [], connectedTo: [] };
    }
    const differences: Difference[] = [];
    const unmapped = answer.text.startsWith('--resolve');
    if (!unmapped && planned && planned.length > 0 && !sameSet(answer.addresses, planned)) {
      differences.push({ message: `${host} resolves to ${answer.addresses.join(', ')}; the plan has ${planned.join(', ')}`, fix: `point ${host} at ${planned.join(', ')}${inside ? ' in the internal DNS' : ' (cdktf deploy)'}` });
    }
    const certificate = row.certificateId ? this.facts.certificates.get(row.certificateId) : undefined;
    const details: string[] = [`${host}: ${answer.text}`];
    const connectedTo: string[] = [];
    let worst: Observation | undefined;
    // Every address at once, each with its own deadline.
    const outcomes = await Promise.all(answer.addresses.map((address) => this.probe({ address: this.mapped(address), port, servername, mode, autodiscover, emailDomain: emailDomain || host })));
    for (const [i, address] of answer.addresses.entries()) {
      connectedTo.push(this.mapped(address));
      const outcome = outcomes[i];
      const at = answer.addresses.length > 1 ? ` at ${address}` : '';
      if (outcome.kind === 'blocked') return unchecked(outcome.message);
      let o: Observation;
      if (outcome.kind !== 'connected') {
        o = {
          result: moveOn,
          answered: false,
          because: `${outcome.message}${autodiscover ? ': Outlook moves on' : ''}`,
          fix: outcome.kind === 'noStarttls' ? 'enable the certificate for SMTP (the complete-and-enable script) so the receive connector offers STARTTLS' : `open ${host}:${port}${at} (site binding, firewall, load balancer)`,
          differences: [],
          details: [],
          connectedTo: [],
        };
      } else {
        const warning = clientWarning(host, outcome, this.now);
        const ownDifferences = planDifferences(certificate, outcome.certificate, this.facts, this.now);
        const note = renewalNote(certificate, outcome.certificate, this.now);
        const answered = autodiscover && outcome.http !== undefined && (outcome.http.status === 401 || outcome.http.status === 200);
        const adText = !autodiscover ? '' : outcome.http ? `; POST ${AUTODISCOVER_PATH} answers HTTP ${outcome.http.status}` : `; POST ${AUTODISCOVER_PATH} failed: ${outcome.httpError}`;
        const d = [...(note ? [`certificate${at}: ${note}`] : [])];
        if (warning) {
          o = { result: 'warning', answered, because: `${warning.message}${adText}`, fix: warning.fix, differences: ownDifferences, details: d, connectedTo: [] };
        } else if (autodiscover && !answered) {
          o = { result: 'fallsThrough', answered: false, because: `the certificate is valid for ${host}${adText}, so Autodiscover does not answer there: Outlook moves on`, fix: `check the Autodiscover virtual directory of the site answering ${host}`, differences: ownDifferences, details: d, connectedTo: [] };
        } else {
          o = { result: 'covered', answered, because: `trusted certificate naming ${host}${adText}`, differences: ownDifferences, details: d, connectedTo: [] };
        }
      }
      details.push(...o.details);
      differences.push(...o.differences.filter((x) => !differences.some((y) => y.message === x.message)));
      if (!worst || rank(o.result) > rank(worst.result)) worst = { ...o, because: `${o.because}${at && o.result !== 'covered' && !o.because.includes(address) ? ` (${address})` : ''}` };
    }
    // Outlook may get any of the addresses: the row is as good as its worst address.
    return { ...worst!, differences, details, connectedTo };
  }

  private probe(p: { address: string; port: number; servername: string; mode: 'tls' | 'smtp'; autodiscover: boolean; emailDomain: string }): Promise<ProbeOutcome> {
    const key = JSON.stringify(p.autodiscover ? p : { ...p, emailDomain: '' });
    let outcome = this.probes.get(key);
    if (!outcome) {
      outcome = probeTls({
        address: p.address,
        port: p.port,
        servername: p.servername,
        mode: p.mode,
        timeoutMs: this.timeoutMs,
        ca: this.ca,
        loopbackOnly: this.options.loopbackOnly ?? false,
        ...(p.autodiscover ? { http: autodiscoverRequest(p.emailDomain) } : {}),
      });
      this.probes.set(key, outcome);
    }
    return outcome;
  }
}

/** The request Outlook POSTs (anonymous: Exchange answers 401 and asks for credentials). */
function autodiscoverRequest(emailDomain: string) {
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">',
    `<Request><EMailAddress>verify@${emailDomain}</EMailAddress>`,
    '<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request>',
    '</Autodiscover>',
  ].join('');
  return { method: 'POST', path: AUTODISCOVER_PATH, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body };
}

const RANK: Readonly<Record<CoverageResult, number>> = { covered: 0, notReached: 0, redirectPrompt: 1, fallsThrough: 2, risk: 3, warning: 4 };

function rank(r: CoverageResult): number {
  return RANK[r];
}

export function unchecked(reason: string): Observation {
  return { result: 'notReached', answered: false, because: reason, differences: [], details: [], connectedTo: [], notChecked: reason };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((v) => y.has(v));
}
