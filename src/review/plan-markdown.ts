/**
 * PLAN.md: the review document a pull request shows. The first screen (title, verdict,
 * one line of facts, contents) is the same few lines at any size; then findings,
 * certificates, DNS records, the files in run order, the coverage matrix, the
 * Autodiscover walk and the inputs. Rows that differ only in an email domain or a server
 * are written once, saying what they stand for; plan.json lists every one.
 */
import { ExchangePlan, PlannedCertificate } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { keyText, lifetimeText, renewalText, requestSourceText } from './certificate-facts';
import { coverageSections, walkSections } from './coverage-markdown';
import { DOMAIN_PLACEHOLDER, domainsPhrase, emailDomainIn, GROUP_FROM, templateText } from './domain-template';
import { code, facts, heading, markdownDocument, MarkdownBlock, paragraph, strong, table } from './markdown';
import { caaIdentifiersOf, runOrder } from './plan-json';
import { Review } from './review';
import { coversText, ReviewFinding } from './review-findings';
import { serverList } from './site-label';
import { annotateUnicode, withUnicode } from './unicode-names';
import { serverChangesSection } from './server-changes';
import { HYBRID_HEADING, hybridSection } from './hybrid-markdown';

/** The title's longest length; longer lists of domains are counted. */
export const TITLE_MAX = 200;
/** Files that differ only in their server are listed one by one up to this many, grouped beyond. */
const GROUPED_FILES = 4;
/** Lists in the Inputs section name this many entries and count the rest (plan.json has them all). */
const LISTED = 12;

const SECTIONS: readonly [string, string][] = [
  ['Findings', 'findings'],
  ['Certificates', 'certificates'],
  ['DNS', 'external-dns-records-route53-created-by-the-plan'],
  ['Scripts', 'scripts-and-files-in-run-order'],
  ['Client coverage', 'client-coverage'],
  ['Autodiscover walk', 'autodiscover-walk'],
  ['Inputs', 'inputs'],
];

export function renderPlanMarkdown(review: Review): string {
  const { plan } = review;
  return markdownDocument([
    heading(1, title(plan)),
    paragraph(`${strong(`${review.verdict.headline}.`)}`),
    paragraph(
      `${plan.exchangeVersion.displayName}, strategy ${code(plan.strategy)}, issuer ${plan.issuer.displayName} (${plan.issuer.publiclyTrusted ? 'publicly trusted' : 'private CA'}), ${count(plan.emailDomains.length, 'email domain')}, ${count(plan.servers.length, 'server')} (${serverList(plan.servers.map((s) => s.name), plan.servers.length)}). plan.json holds the same as data.`,
    ),
    paragraph(`Contents: ${sections(plan).map(([label, anchor]) => `[${label}](#${anchor})`).join(' · ')}`),
    ...findingsSection(review),
    ...certificateSections(plan),
    ...domainValidationSection(plan),
    ...dnsSections(plan),
    ...filesSection(plan, review.files),
    ...serverChangesSection(plan),
    ...hybridSection(plan, review.files),
    ...coverageSections(plan, review.coverage),
    ...walkSections(review.walks),
    ...inputsSection(plan),
  ]);
}

/** The contents line's entries; a hybrid plan's section after the scripts. */
function sections(plan: ExchangePlan): readonly [string, string][] {
  if (!plan.hybrid) return SECTIONS;
  const at = SECTIONS.findIndex(([label]) => label === 'Scripts') + 1;
  return [...SECTIONS.slice(0, at), ['Hybrid', HYBRID_HEADING.toLowerCase().replace(/ /g, '-')], ...SECTIONS.slice(at)];
}

/** 'Exchange certificate plan: contoso.com, fabrikam.com', counted when the list would pass TITLE_MAX. */
function title(plan: ExchangePlan): string {
  const domains = plan.emailDomains.map((d) => withUnicode(d.domain));
  const listed = `Exchange certificate plan: ${domains.join(', ')}`;
  if (listed.length <= TITLE_MAX) return listed;
  const counted = `Exchange certificate plan: ${domainsPhrase(domains)}`;
  return counted.length <= TITLE_MAX ? counted : `Exchange certificate plan: ${domains.length} email domains`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  error: '**error**',
  warning: '**warning**',
  redirectPrompt: 'redirect prompt',
  risk: 'risk',
  info: 'info',
};

/** The one list of findings, in the order the verdict counts them: one row per distinct finding, with what it covers. */
function findingsSection(review: Review): MarkdownBlock[] {
  const { findings, verdict, plan } = review;
  if (findings.length === 0) return [heading(2, 'Findings'), paragraph('No findings.')];
  const counts = `${count(verdict.errors, 'error')}, ${count(verdict.warnings, 'warning')}, ${count(verdict.redirectPrompts, 'redirect prompt')}, ${count(verdict.risks, 'risk')}, ${count(verdict.notes, 'note')}: one row each; a row that covers several email domains writes the domain as ${code(DOMAIN_PLACEHOLDER)}.`;
  return [
    heading(2, 'Findings'),
    paragraph(counts),
    table(['Severity', 'Finding', 'Covers', 'Remedy'], findings.map((f) => [severityLabel(f), `${code(f.id)} ${annotateUnicode(shortServerRuns(plan, f.message))}`, annotateUnicode(coversText(f, plan.servers.length)), annotateUnicode(shortServerRuns(plan, f.remedy))])),
  ];
}

/** A run of more than four server names in a text ('EX002, EX003, ..., EX300') counted: 'EX002, EX003, EX004 and 296 more servers'. */
function shortServerRuns(plan: ExchangePlan, text: string): string {
  if (plan.servers.length <= 4) return text;
  const names = new Set(plan.servers.map((s) => s.name));
  return text.replace(/[A-Za-z0-9-]+(?:, [A-Za-z0-9-]+){4,}/g, (run) => {
    // The run may go on past the names ('EX002, ..., EX300, then enables it'): only the names are shortened.
    const parts = run.split(', ');
    const k = parts.findIndex((p) => !names.has(p));
    const count = k < 0 ? parts.length : k;
    return count >= 5 ? [serverList(parts.slice(0, count), plan.servers.length + 1), ...parts.slice(count)].join(', ') : run;
  });
}

function severityLabel(f: ReviewFinding): string {
  return SEVERITY_LABELS[f.kind === 'redirectPrompt' || f.kind === 'risk' ? f.kind : f.severity];
}

function certificateSections(plan: ExchangePlan): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [heading(2, 'Certificates')];
  for (const c of plan.certificates) {
    blocks.push(heading(3, `Certificate ${code(c.id)} (${c.friendlyName})`));
    blocks.push(
      facts([
        ['Subject', code(c.subjectName)],
        ['Names', nameList(c.names)],
        ['Issuer', `${plan.issuer.displayName}${plan.issuer.publiclyTrusted ? '' : ' (private: clients must trust its root)'}`],
        ['Key', keyText(c)],
        ['Request', requestSourceText(c, plan.issuer)],
        ['Services', c.services.length > 0 ? c.services.join(', ') : 'none (bound to its web site by IIS)'],
        ['Bound to', boundTo(plan, c)],
        ['Lifetime', lifetimeText(c, plan.issuer.displayName)],
        ['Renewal', renewalText(c, plan.issuer)],
      ]),
    );
  }
  return blocks;
}

/** Every name (a certificate's names are what a reviewer approves), IDNs with their Unicode form. */
function nameList(names: readonly string[]): string {
  return names.map((n) => code(withUnicode(n))).join(', ');
}

/** 'SERVER01: AutoDiscover on 192.168.10.12 (created by the scripts)'; bindings alike but for the server as one entry. */
function boundTo(plan: ExchangePlan, c: PlannedCertificate): string {
  const groups = new Map<string, { servers: string[]; text: string }>();
  for (const b of c.bindings) {
    const text = `${b.webSite}${b.ipAddress ? ` on ${b.ipAddress}` : ''}${b.createsWebSite ? ' (created by the scripts)' : ''}`;
    const g = groups.get(text);
    if (g) g.servers.push(b.server);
    else groups.set(text, { servers: [b.server], text });
  }
  return [...groups.values()].map((g) => `${serverList(g.servers, plan.servers.length)}: ${g.text}`).join('; ');
}

/** Rows that differ only in an email domain, once: the domain as the placeholder and a count; one domain written out. */
function domainRows<T>(plan: ExchangePlan, items: readonly T[], nameOf: (item: T) => string, cellsOf: (item: T) => string[]): string[][] {
  const domains = new Set(plan.emailDomains.map((d) => d.domain));
  const groups = new Map<string, { cells: string[]; domains: string[]; rows: string[][] }>();
  for (const item of items) {
    const d = emailDomainIn(nameOf(item), domains);
    const raw = cellsOf(item);
    const cells = raw.map((c) => (d ? templateText(c, d) : c));
    const key = cells.join('\u0000');
    const g = groups.get(key);
    if (g && d) {
      g.domains.push(d);
      if (g.rows.length < GROUP_FROM) g.rows.push(raw);
    } else if (!g) groups.set(key, { cells, domains: d ? [d] : [], rows: [raw] });
    else g.rows.push(raw);
  }
  return [...groups.values()].flatMap((g) => {
    if (g.domains.length < GROUP_FROM) return g.rows.map((r) => r.map(annotateUnicode));
    return [g.cells.map((c, i) => (i === 0 ? `${c} (each of ${g.domains.length} email domains: ${domainsPhrase(g.domains)})` : c))];
  });
}

function domainValidationSection(plan: ExchangePlan): MarkdownBlock[] {
  if (plan.domainValidation.length === 0) return [];
  return [
    heading(2, 'Domain validation (what the CA checks before it issues)'),
    table(
      ['Domain', 'Zone', 'Record', 'Made by', 'Note'],
      domainRows(plan, plan.domainValidation, (v) => v.domain, (v) => [code(v.domain), v.zoneName, v.record, v.madeBy === 'plan' ? 'the plan (Terraform)' : 'the admin, with the CA\'s value', v.note]),
    ),
  ];
}

function dnsSections(plan: ExchangePlan): MarkdownBlock[] {
  return [
    heading(2, 'External DNS records (Route53, created by the plan)'),
    plan.dnsRecords.length > 0
      ? table(['Name', 'Zone', 'Type', 'Values', 'TTL', 'Purpose'], domainRows(plan, plan.dnsRecords, (r) => r.name, (r) => [code(r.name), r.zoneName, r.type, r.values.map(code).join(', '), String(r.ttl), r.purpose]))
      : paragraph('None.'),
    heading(2, 'Internal DNS records (split DNS, create by hand)'),
    plan.internalDnsRecords.length > 0
      ? table(['Name', 'Type', 'Value', 'Purpose'], internalRecordRows(plan))
      : paragraph('None: internal clients use the servers\' own names, which Active Directory DNS already answers.'),
  ];
}

/**
 * Split-DNS records, those that differ only in the server they name (one A record per
 * server behind a name) as one row with their addresses counted.
 */
function internalRecordRows(plan: ExchangePlan): string[][] {
  const servers = new Map(plan.servers.map((s) => [s.name, s.name]));
  const groups = new Map<string, { name: string; type: string; values: string[]; purpose: string; servers: string[] }>();
  for (const r of plan.internalDnsRecords) {
    const server = r.purpose.split(/[^A-Za-z0-9-]/).find((t) => servers.has(t));
    const purpose = server ? r.purpose.split(server).join('{server}') : r.purpose;
    const key = JSON.stringify([r.name, r.type, purpose]);
    const value = r.value ? code(r.value) : 'the server\'s internal address';
    const g = groups.get(key);
    if (g && server) {
      g.values.push(value);
      g.servers.push(server);
    } else if (!g) groups.set(key, { name: r.name, type: r.type, values: [value], purpose, servers: server ? [server] : [] });
    else groups.set(`${key}\u0000${groups.size}`, { name: r.name, type: r.type, values: [value], purpose, servers: [] });
  }
  return [...groups.values()].map((g) => {
    const name = code(withUnicode(g.name));
    if (g.servers.length <= 1) return [name, g.type, g.values[0], g.servers.length === 1 ? g.purpose.split('{server}').join(g.servers[0]) : g.purpose];
    return [name, g.type, `${capped(g.values)}: one per server (${serverList(g.servers, plan.servers.length)})`, g.purpose];
  });
}

/**
 * The files in run order; files that differ only in the server they are for (an import
 * script per further server) are one row with the range of their numbers.
 */
function filesSection(plan: ExchangePlan, files: readonly GeneratedFile[]): MarkdownBlock[] {
  const ordered = runOrder(files);
  if (ordered.length === 0) return [heading(2, 'Scripts and files, in run order'), paragraph('No other files.')];
  const servers = new Map(plan.servers.map((s) => [s.name.toLowerCase(), s.name]));
  const rows: { first: number; last: number; path: string; summary: string; servers: string[] }[] = [];
  ordered.forEach((f, i) => {
    const server = f.path.split(/[-./]/).map((t) => servers.get(t.toLowerCase())).find((s) => s !== undefined);
    const path = server ? f.path.replace(/^(.*\/)?\d+-/, '$1NN-').split(server.toLowerCase()).join('{server}') : f.path;
    const summary = server ? f.summary.split(server).join('{server}') : f.summary;
    const last = rows[rows.length - 1];
    if (server && last && last.servers.length > 0 && last.path === path && last.summary === summary && last.last === i) {
      last.last = i + 1;
      last.servers.push(server);
    } else rows.push({ first: i + 1, last: i + 1, path, summary, servers: server ? [server] : [] });
  });
  return [
    heading(2, 'Scripts and files, in run order'),
    paragraph(`${count(ordered.length, 'file')}.`),
    table(['#', 'File', 'What it does'], rows.flatMap((r) => {
      // A few are listed one by one; a longer run is one row with its numbers and servers.
      if (r.servers.length <= GROUPED_FILES) return ordered.slice(r.first - 1, r.last).map((f, i) => [String(r.first + i), code(f.path), shortServerRuns(plan, f.summary)]);
      return [[`${r.first}-${r.last}`, `${code(r.path)}, one per server: ${serverList(r.servers, plan.servers.length)}`, shortServerRuns(plan, r.summary)]];
    })),
  ];
}

/** The CAs the CAA records allow, the issuer's first; the row is left out when the model gives none. */
function caaIdentifierRow(plan: ExchangePlan): [string, string][] {
  const allowed = caaIdentifiersOf(plan);
  return allowed && allowed.length > 0 ? [['CAA identifiers (issuer first)', allowed.map(code).join(', ')]] : [];
}

/** Up to LISTED entries and a count of the rest. */
function capped(values: readonly string[]): string {
  if (values.length === 0) return '-';
  const shown = values.slice(0, LISTED).join(', ');
  return values.length > LISTED ? `${shown} and ${values.length - LISTED} more (${values.length} in all; plan.json lists them)` : shown;
}

function inputsSection(plan: ExchangePlan): MarkdownBlock[] {
  const n = plan.inputs;
  const o = n.organization;
  const responders = new Map<string, string[]>();
  for (const d of plan.emailDomains) {
    const k = d.rootDomainResponder ?? 'undeclared';
    const list = responders.get(k);
    if (list) list.push(d.domain);
    else responders.set(k, [d.domain]);
  }
  return [
    heading(2, 'Inputs'),
    facts([
      ['Exchange version', n.exchangeVersion],
      ['Strategy', code(n.strategy)],
      ['Issuer', code(n.issuer)],
      ['Organization', [o.name, o.organizationalUnit, o.locality, o.state, o.country].filter((x) => x !== undefined).join(', ')],
      ['Email domains', capped([n.emailDomain, ...n.additionalEmailDomains].map((d) => code(withUnicode(d))))],
      ['External host name', code(withUnicode(n.externalHostname))],
      ['Autodiscover host name', code(withUnicode(n.autodiscoverHostname))],
      ['Additional names', capped(n.additionalNames.map((d) => code(withUnicode(d))))],
      ['Internal domain', n.internalDomain ? code(n.internalDomain) : '-'],
      ['Servers', capped(n.servers.map((s) => `${s.name} (${code(s.fqdn)}${s.ipv4 ? `, ${code(s.ipv4)}` : ''})`))],
      ['Public addresses', capped([...n.publicIpv4, ...n.publicIpv6].map(code))],
      ['Services', n.services.join(', ')],
      ['Key size', String(n.keySize)],
      ['Internal names on the certificate', n.includeInternalNames ? 'yes' : 'no'],
      ['Hosted zones', capped(Object.entries(n.hostedZones).map(([z, id]) => `${z} (${code(id)})`))],
      ['DNS TTL', `${n.dnsTtl} s`],
      ['CAA records', n.caaRecords ? 'yes' : 'no'],
      ...caaIdentifierRow(plan),
      ['Planned issue date', n.plannedIssueDate ?? 'not given'],
      ['PFX for a reverse proxy', n.exportPfxForReverseProxy ? 'yes' : 'no'],
      ['Root domain responders', [...responders].map(([k, ds]) => `${k}: ${ds.length > 2 ? `${ds.length} domains (${domainsPhrase(ds)})` : ds.join(', ')}`).join('; ')],
    ]),
  ];
}
