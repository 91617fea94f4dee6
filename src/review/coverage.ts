/**
 * The coverage matrix: every host name and URL a client uses, for external and for
 * domain-joined clients, with what DNS answers, what answers there, which certificate it
 * presents, and the result. A pure function of the plan.
 */
import { ExchangeService } from '../exchange-service';
import { ExchangeVersion } from '../exchange-version';
import { ClientService, ExchangePlan } from '../model/types';
import { AUTODISCOVER_STEPS, AutodiscoverStep, coverageResultOf, evaluateStep, siteLabel, StepOutcome, STEP_LABELS, stepSucceeds } from './autodiscover-steps';
import { matchCertificate } from './certificate-match';
import { CLIENT_KINDS, ClientKind } from './client-kind';
import { NameAnswer, resolveName } from './name-resolution';

export type CoverageService = ClientService | 'SMTP' | 'POP' | 'IMAP';

/**
 * 'covered': reached without a warning; 'warning': a certificate warning or a failure
 * the user sees (the reason says which); 'redirectPrompt': Outlook asks the user to allow
 * a redirect; 'fallsThrough': an Autodiscover step that answers nothing, so Outlook moves
 * on silently; 'notReached': the client never gets there; 'risk': what answers is outside
 * the plan and not declared.
 */
export type CoverageResult = 'covered' | 'warning' | 'redirectPrompt' | 'fallsThrough' | 'notReached' | 'risk';

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


/** The matrix: web services, then Autodiscover (SCP, then each email domain's DNS steps), then SMTP, POP and IMAP. */
export function coverageMatrix(plan: ExchangePlan): CoverageRow[] {
  return mergeServers(plan, [...webServiceRows(plan), ...autodiscoverRows(plan), ...mailProtocolRows(plan)]);
}

function webServiceRows(plan: ExchangePlan): CoverageRow[] {
  const rows: CoverageRow[] = [];
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
        rows.push(httpsRow(plan, service, client, url, host, resolveName(plan, host, client)));
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
    answeredBy: siteLabel(site.webSite, site.servers),
    servers: site.servers,
    ...(site.certificate ? { certificateId: site.certificate.id } : {}),
    result: match.ok ? 'covered' : 'warning',
    reason: match.reason,
  };
}

function autodiscoverRows(plan: ExchangePlan): CoverageRow[] {
  const rows: CoverageRow[] = [];
  const dnsSteps = AUTODISCOVER_STEPS.filter((s) => s !== 'scp');
  for (const client of CLIENT_KINDS) {
    const scp = evaluateStep(plan, plan.emailDomains[0], client, 'scp');
    rows.push(...scp.map((o) => stepRow(o, client)));
    const scpAnswers = scp.some((o) => stepSucceeds(o.effect));
    for (const domain of plan.emailDomains) {
      let answeredAt: AutodiscoverStep | undefined = scpAnswers ? 'scp' : undefined;
      const domainRows: CoverageRow[] = [];
      for (const step of dnsSteps) {
        const outcome = evaluateStep(plan, domain, client, step)[0];
        if (answeredAt) {
          domainRows.push({
            ...stepRow(outcome, client, domain.domain),
            result: 'notReached',
            reason: answeredAt === 'scp' ? 'the SCP answers first (domain-joined clients read it from Active Directory)' : `the ${STEP_LABELS[answeredAt]} answers first`,
          });
          continue;
        }
        domainRows.push(stepRow(outcome, client, domain.domain));
        if (stepSucceeds(outcome.effect)) answeredAt = step;
      }
      if (!answeredAt) {
        // No step answers: say so where a reviewer looks for it, at the autodiscover host.
        const i = domainRows.findIndex((r) => r.step === 'autodiscoverHost');
        domainRows[i] = {
          ...domainRows[i],
          result: 'warning',
          reason: `${domainRows[i].reason}; no step answers for ${domain.domain}, so Outlook cannot set itself up for its users (Outlook Anywhere must be entered by hand, and free/busy, Out of Office and the offline address book need Autodiscover)`,
          fixes: [`put ${domainRows[i].hostname} on the certificate with a DNS record (sanCertificate())`, `or publish _autodiscover._tcp.${domain.domain} SRV pointing at a name on the certificate (srvForAdditionalDomains: true)`],
        };
      }
      rows.push(...domainRows);
    }
  }
  return rows;
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
        const base = { service: p.service, client, url: p.address(t.host), hostname: t.host, dns: answer.dns, answeredBy: siteLabel(p.listener(version), t.servers), servers: t.servers, certificateId: certificate.id };
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
    groups.set(host, [...(groups.get(host) ?? []), s]);
  }
  return [...groups].map(([host, group]) => ({ host, servers: group }));
}

/** Rows that differ only in their servers become one row listing them all (in the plan's server order). */
function mergeServers(plan: ExchangePlan, rows: readonly CoverageRow[]): CoverageRow[] {
  const order = plan.servers.map((s) => s.name);
  const out: CoverageRow[] = [];
  const index = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify({ ...row, servers: undefined });
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.length);
      out.push(row);
      continue;
    }
    const servers = [...new Set([...out[at].servers, ...row.servers])].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    out[at] = { ...out[at], servers };
  }
  return out;
}
