/**
 * The coverage matrix: every host name and URL a client uses, for external and for
 * domain-joined clients, with what DNS answers, what answers there, which certificate it
 * presents, and the result. A pure function of the plan.
 */
import { ExchangeService } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { ClientService, ExchangePlan, PlannedEmailDomain } from '../model/types';
import { AutodiscoverStep, coverageResultOf, evaluateStep, StepOutcome, STEP_LABELS, stepSucceeds } from './autodiscover-steps';
import { matchCertificate } from './certificate-match';
import { CLIENT_KINDS, ClientKind } from './client-kind';
import { CoverageResult } from './coverage-result';
import { DOMAIN_PLACEHOLDER, DomainGroup, domainTemplater, fillText, groupBySignature, templateText } from './domain-template';
import { DNS_STEPS, domainOutcomes, outcomesSignature, templatedOutcomes } from './domain-outcomes';
import { NameAnswer, resolveName } from './name-resolution';
import { siteLabel } from './site-label';

export { CoverageResult } from './coverage-result';

export type CoverageService = ClientService | 'SMTP' | 'POP' | 'IMAP';

/** One row of the matrix. */
export interface CoverageRow {
  readonly service: CoverageService;
  readonly client: ClientKind;
  /** For Autodiscover: the step Outlook tries. */
  readonly step?: AutodiscoverStep;
  /** For Autodiscover DNS steps: the email domain. */
  readonly emailDomain?: string;
  /** The URL, 'smtp://host:587'-style address, or the SRV name. */
  readonly url: string;
  readonly hostname: string;
  /** What the client's DNS answers. */
  readonly dns: string;
  /** The web site or service that answers, and on which servers. */
  readonly answeredBy?: string;
  readonly servers: readonly string[];
  /** The certificate presented there. */
  readonly certificateId?: string;
  readonly result: CoverageResult;
  readonly reason: string;
  /** Ways to clear a warning or risk, when there are several. */
  readonly fixes?: readonly string[];
}

const WEB_SERVICES: readonly Exclude<ClientService, 'Autodiscover'>[] = ['OWA', 'ECP', 'EWS', 'OAB', 'ActiveSync', 'OutlookAnywhere', 'MAPI'];

const SERVICE_NAMES: Readonly<Record<Exclude<ClientService, 'Autodiscover'>, string>> = {
  OWA: 'Outlook on the web',
  ECP: 'the Exchange admin center',
  EWS: 'Exchange Web Services',
  OAB: 'the offline address book',
  ActiveSync: 'ActiveSync',
  OutlookAnywhere: 'Outlook Anywhere',
  MAPI: 'MAPI over HTTP',
};


/**
 * The matrix as written: rows that hold for every email domain, and per kind of client the
 * Autodiscover DNS steps of each email domain, grouped by template (domains whose rows
 * read the same but for their own name share one group).
 */
export type CoverageEntry =
  | { readonly kind: 'row'; readonly row: CoverageRow }
  | { readonly kind: 'perEmailDomain'; readonly client: ClientKind; readonly groups: readonly DomainGroup<CoverageRow>[] };

/** Web services, then Autodiscover (per kind of client: the SCP, then each email domain's DNS steps), then SMTP, POP and IMAP. */
export function groupedCoverage(plan: ExchangePlan): CoverageEntry[] {
  const entries: CoverageEntry[] = mergeServers(plan, webServiceRows(plan)).map((row) => ({ kind: 'row', row }));
  const domains = plan.emailDomains.map((d) => d.domain);
  for (const client of CLIENT_KINDS) {
    const scp = evaluateStep(plan, plan.emailDomains[0], client, 'scp');
    entries.push(...mergeServers(plan, scp.map((o) => stepRow(o, client))).map((row): CoverageEntry => ({ kind: 'row', row })));
    const scpAnswers = scp.some((o) => stepSucceeds(o.effect));
    const byName = new Map(plan.emailDomains.map((d) => [d.domain, d]));
    const keys = new RowKeys();
    const groups = groupBySignature(
      domains,
      (domain) => outcomesSignature(plan, byName.get(domain)!, [client]),
      (domain) => {
        const template = domainTemplater(domain);
        return domainStepRows(plan, byName.get(domain)!, client, scpAnswers).map((r) => mapRowText(r, template));
      },
      (domain) => stepRows(templatedOutcomes(plan, byName.get(domain)!, client), client, DOMAIN_PLACEHOLDER, scpAnswers),
      (rows) => rows.map((r) => keys.of(r)).join('\n'),
    );
    entries.push({ kind: 'perEmailDomain', client, groups });
  }
  entries.push(...mergeServers(plan, mailProtocolRows(plan)).map((row): CoverageEntry => ({ kind: 'row', row })));
  return entries;
}

/**
 * Every row of the matrix, each email domain's written out (plan order): the ungrouped
 * matrix, computed without templates (the grouped form must expand to exactly this).
 */
export function coverageMatrix(plan: ExchangePlan): CoverageRow[] {
  const rows = mergeServers(plan, webServiceRows(plan));
  for (const client of CLIENT_KINDS) {
    const scp = evaluateStep(plan, plan.emailDomains[0], client, 'scp');
    rows.push(...mergeServers(plan, scp.map((o) => stepRow(o, client))));
    const scpAnswers = scp.some((o) => stepSucceeds(o.effect));
    for (const domain of plan.emailDomains) rows.push(...domainStepRows(plan, domain, client, scpAnswers));
  }
  rows.push(...mergeServers(plan, mailProtocolRows(plan)));
  return rows;
}

/** The concrete rows of grouped entries, the email domains in `domainOrder`. Linear in the rows it returns. */
export function expandEntries(entries: readonly CoverageEntry[], domainOrder: readonly string[]): CoverageRow[] {
  const out: CoverageRow[] = [];
  for (const e of entries) {
    if (e.kind === 'row') {
      out.push(e.row);
      continue;
    }
    const groupOf = new Map<string, DomainGroup<CoverageRow>>();
    for (const g of e.groups) for (const d of g.emailDomains) groupOf.set(d, g);
    for (const d of domainOrder) {
      const g = groupOf.get(d);
      if (g) for (const r of g.items) out.push(fillRow(r, d));
    }
  }
  return out;
}

/** One email domain's DNS steps for a kind of client: each step until one answers, the rest not reached. */
function domainStepRows(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind, scpAnswers: boolean): CoverageRow[] {
  return stepRows(domainOutcomes(plan, domain, client), client, domain.domain, scpAnswers);
}

/** The rows of an email domain's outcomes at DNS_STEPS (built from these and the domain's name only). */
function stepRows(outcomes: readonly StepOutcome[], client: ClientKind, emailDomain: string, scpAnswers: boolean): CoverageRow[] {
  let answeredAt: AutodiscoverStep | undefined = scpAnswers ? 'scp' : undefined;
  const domainRows: CoverageRow[] = [];
  DNS_STEPS.forEach((step, i) => {
    const outcome = outcomes[i];
    if (answeredAt) {
      domainRows.push({
        ...stepRow(outcome, client, emailDomain),
        result: 'notReached',
        reason: answeredAt === 'scp' ? 'the SCP answers first (domain-joined clients read it from Active Directory)' : `the ${STEP_LABELS[answeredAt]} answers first`,
      });
      return;
    }
    domainRows.push(stepRow(outcome, client, emailDomain));
    if (stepSucceeds(outcome.effect)) answeredAt = step;
  });
  if (!answeredAt) {
    // No step answers: say so where a reviewer looks for it, at the autodiscover host.
    const i = domainRows.findIndex((r) => r.step === 'autodiscoverHost');
    domainRows[i] = {
      ...domainRows[i],
      result: 'warning',
      reason: `${domainRows[i].reason}; no step answers for ${emailDomain}, so Outlook cannot set itself up for its users (Outlook Anywhere must be entered by hand, and free/busy, Out of Office and the offline address book need Autodiscover)`,
      fixes: [`put ${domainRows[i].hostname} on the certificate with a DNS record (sanCertificate())`, `or publish _autodiscover._tcp.${emailDomain} SRV pointing at a name on the certificate (srvForAdditionalDomains: true)`],
    };
  }
  return domainRows;
}

const TEXT_FIELDS = ['emailDomain', 'url', 'hostname', 'dns', 'answeredBy', 'reason'] as const;

/** A row with its email domain as the placeholder (servers and certificate are never per domain). */
export function templateRow(r: CoverageRow, domain: string): CoverageRow {
  return mapRowText(r, (t) => templateText(t, domain));
}

/** A template row filled with one email domain. */
export function fillRow(r: CoverageRow, domain: string): CoverageRow {
  return mapRowText(r, (t) => fillText(t, domain));
}

function mapRowText(r: CoverageRow, f: (text: string) => string): CoverageRow {
  const out: Record<string, unknown> = { ...r };
  for (const k of TEXT_FIELDS) if (r[k] !== undefined) out[k] = f(r[k]!);
  if (r.fixes) out.fixes = r.fixes.map(f);
  return out as unknown as CoverageRow;
}

/**
 * Exact keys for template rows, cheap at any size: texts and short server lists as they
 * are, a long server list by the identity of its (shared, per-site) array, so no key
 * grows with the number of servers.
 */
class RowKeys {
  private readonly lists = new Map<readonly string[], number>();

  of(r: CoverageRow): string {
    return JSON.stringify([r.service, r.client, r.step, r.emailDomain, r.url, r.hostname, r.dns, r.answeredBy, this.servers(r.servers), r.certificateId, r.result, r.reason, r.fixes]);
  }

  private servers(list: readonly string[]): string {
    if (list.length <= 4) return list.join(',');
    let id = this.lists.get(list);
    if (id === undefined) {
      id = this.lists.size;
      this.lists.set(list, id);
    }
    return `#${id}`;
  }
}

function webServiceRows(plan: ExchangePlan): CoverageRow[] {
  const rows: CoverageRow[] = [];
  // The row of a URL does not depend on the server whose endpoint names it (what answers
  // is the site the name resolves to): computed once, the same row for each such server.
  const known = new Map<string, CoverageRow>();
  for (const service of WEB_SERVICES) {
    const endpoints = plan.endpoints.filter((e) => e.service === service);
    for (const client of CLIENT_KINDS) {
      for (const e of endpoints) {
        const host = client === 'external' ? e.externalHostname : e.internalHostname;
        const url = client === 'external' ? e.externalUrl : e.internalUrl;
        if (host === undefined || url === undefined) {
          rows.push({ service, client, url: '-', hostname: '-', dns: '-', servers: [e.server], result: 'notReached', reason: `${SERVICE_NAMES[service]} is not published for external clients` });
          continue;
        }
        if (client === 'domainJoined' && service === 'OutlookAnywhere' && !plan.exchangeVersion.atLeast(ExchangeVersion.EXCHANGE_2013)) {
          rows.push({
            service, client, url, hostname: host, dns: '-', servers: [e.server], result: 'notReached',
            reason: `domain-joined Outlook connects to ${plan.exchangeVersion.displayName} over RPC inside the network; Outlook Anywhere (ExternalHostname only) is for clients outside`,
          });
          continue;
        }
        const key = `${service}\0${client}\0${url}\0${host}`;
        let row = known.get(key);
        if (!row) known.set(key, (row = httpsRow(plan, service, client, url, host, resolveName(plan, host, client))));
        rows.push(row);
      }
    }
  }
  return rows;
}

function httpsRow(plan: ExchangePlan, service: CoverageService, client: ClientKind, url: string, host: string, answer: NameAnswer): CoverageRow {
  const base = { service, client, url, hostname: host, dns: answer.dns };
  const what = service in SERVICE_NAMES ? SERVICE_NAMES[service as keyof typeof SERVICE_NAMES] : service;
  if (!answer.resolves) {
    return { ...base, servers: [], result: 'warning', reason: `${host} does not resolve ${client === 'external' ? 'in public DNS' : 'inside'}: clients cannot reach ${what}` };
  }
  if (!answer.site) {
    return { ...base, servers: [], result: 'warning', reason: `${host} points at an address where no planned web site answers` };
  }
  const site = answer.site;
  const match = matchCertificate(plan, site.certificate, host, client);
  return {
    ...base,
    answeredBy: siteLabel(site.webSite, site.servers, plan.servers.length),
    servers: site.servers,
    ...(site.certificate ? { certificateId: site.certificate.id } : {}),
    result: match.ok ? 'covered' : 'warning',
    reason: match.reason,
  };
}

function stepRow(o: StepOutcome, client: ClientKind, emailDomain?: string): CoverageRow {
  return {
    service: 'Autodiscover',
    client,
    step: o.step,
    ...(emailDomain ? { emailDomain } : {}),
    url: o.url,
    hostname: o.hostname,
    dns: o.dns,
    ...(o.answeredBy ? { answeredBy: o.answeredBy } : {}),
    servers: o.servers,
    ...(o.certificateId ? { certificateId: o.certificateId } : {}),
    result: coverageResultOf(o.effect),
    reason: o.reason,
    ...(o.fixes ? { fixes: o.fixes } : {}),
  };
}

interface MailProtocol {
  readonly service: 'SMTP' | 'POP' | 'IMAP';
  readonly exchangeService: ExchangeService;
  readonly address: (host: string) => string;
  /** What listens, without the servers: 'Client Frontend receive connector, port 587 (STARTTLS)'. */
  readonly listener: (version: ExchangeVersion) => string;
  /** How the client URLs script makes Exchange present the certificate for `name` there. */
  readonly selection: (version: ExchangeVersion, name: string) => string;
}

/** The receive connector for client submission on port 587: 'Client <SERVER>' up to 2010, 'Client Frontend <SERVER>' from 2013. */
function clientConnector(version: ExchangeVersion): string {
  return version.atLeast(ExchangeVersion.EXCHANGE_2013) ? 'Client Frontend' : 'Client';
}

const MAIL_PROTOCOLS: readonly MailProtocol[] = [
  {
    service: 'SMTP',
    exchangeService: ExchangeService.SMTP,
    address: (h) => `smtp://${h}:587`,
    listener: (v) => `${clientConnector(v)} receive connector, port 587 (STARTTLS)`,
    selection: (v, name) => `the client URLs script sets the FQDN of the ${clientConnector(v)} receive connector to ${name}, so Exchange presents this certificate there (the verify script checks it)`,
  },
  {
    service: 'POP',
    exchangeService: ExchangeService.POP,
    address: (h) => `pop3s://${h}:995`,
    listener: () => 'POP3 service, port 995 (TLS)',
    selection: (_v, name) => `the client URLs script sets Set-PopSettings -X509CertificateName to ${name}, so the POP3 service presents this certificate (the verify script checks it)`,
  },
  {
    service: 'IMAP',
    exchangeService: ExchangeService.IMAP,
    address: (h) => `imaps://${h}:993`,
    listener: () => 'IMAP4 service, port 993 (TLS)',
    selection: (_v, name) => `the client URLs script sets Set-ImapSettings -X509CertificateName to ${name}, so the IMAP4 service presents this certificate (the verify script checks it)`,
  },
];

/**
 * SMTP, POP and IMAP rows, only for a protocol some certificate is enabled for. External
 * clients use the external host name; domain-joined clients each server's internal host
 * name, one row per name (the servers are grouped first, so 'answered by' lists them all).
 */
function mailProtocolRows(plan: ExchangePlan): CoverageRow[] {
  const rows: CoverageRow[] = [];
  const version = plan.exchangeVersion;
  for (const p of MAIL_PROTOCOLS) {
    const certificate = plan.certificates.find((c) => c.services.includes(p.exchangeService));
    if (!certificate) continue;
    const servers = [...new Set(certificate.bindings.map((b) => b.server))];
    for (const client of CLIENT_KINDS) {
      const targets = client === 'external' ? [{ host: plan.externalHostname, servers }] : byInternalHostname(plan, servers);
      for (const t of targets) {
        const answer = resolveName(plan, t.host, client);
        const base = { service: p.service, client, url: p.address(t.host), hostname: t.host, dns: answer.dns, answeredBy: siteLabel(p.listener(version), t.servers, plan.servers.length), servers: t.servers, certificateId: certificate.id };
        if (!answer.resolves) {
          rows.push({ ...base, result: 'warning', reason: `${t.host} does not resolve ${client === 'external' ? 'in public DNS' : 'inside'}: clients cannot reach ${p.service}` });
          continue;
        }
        const match = matchCertificate(plan, certificate, t.host, client);
        if (!match.ok) {
          rows.push({ ...base, result: 'warning', reason: match.reason });
          continue;
        }
        const inside = client === 'external' ? '' : t.host === plan.externalHostname
          ? '; inside, split DNS sends clients to the same name'
          : `; clients inside connect as ${t.host}, which the same certificate names too`;
        rows.push({ ...base, result: 'covered', reason: `${match.reason}; ${p.selection(version, plan.externalHostname)}${inside}` });
      }
    }
  }
  return rows;
}

/** The servers grouped by the host name domain-joined clients use for them, in the plan's server order. */
function byInternalHostname(plan: ExchangePlan, servers: readonly string[]): { host: string; servers: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const s of servers) {
    const host = plan.internalHostnames[s] ?? plan.internalHostname;
    const group = groups.get(host);
    if (group) group.push(s);
    else groups.set(host, [s]);
  }
  return [...groups].map(([host, group]) => ({ host, servers: group }));
}

/** Rows that differ only in their servers become one row listing them all (in the plan's server order). */
function mergeServers(plan: ExchangePlan, rows: readonly CoverageRow[]): CoverageRow[] {
  const order = new Map(plan.servers.map((s, i) => [s.name, i]));
  // `lists`: server lists already added; rows of one site share its list, which is added once
  // (each server's row carries the site's list of every server).
  const merged = new Map<string, { row: CoverageRow; servers: Set<string>; lists: Set<readonly string[]>; count: number }>();
  const keyOf = new Map<CoverageRow, string>();
  for (const row of rows) {
    let key = keyOf.get(row);
    if (key === undefined) keyOf.set(row, (key = [row.service, row.client, row.step, row.emailDomain, row.url, row.hostname, row.dns, row.answeredBy, row.certificateId, row.result, row.reason, row.fixes?.join('\u0001')].join('\u0000')));
    const m = merged.get(key);
    if (!m) merged.set(key, { row, servers: new Set(row.servers), lists: new Set([row.servers]), count: 1 });
    else {
      if (!m.lists.has(row.servers)) {
        for (const s of row.servers) m.servers.add(s);
        m.lists.add(row.servers);
      }
      m.count++;
    }
  }
  return [...merged.values()].map(({ row, servers, count }) => (count === 1 ? row : { ...row, servers: [...servers].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) }));
}
