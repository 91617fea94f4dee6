/**
 * The coverage matrix and the Autodiscover walk as Markdown sections: one row per service
 * and kind of client (servers listed when they differ), Autodiscover per email domain.
 */
import { ExchangePlan } from '../model/types';
import { STEP_LABELS } from './autodiscover-steps';
import { AutodiscoverWalk } from './autodiscover-walk';
import { clientLabel, ClientKind } from './client-kind';
import { CoverageEntry, CoverageRow, fillRow } from './coverage';
import { CoverageResult } from './coverage-result';
import { DOMAIN_PLACEHOLDER, DomainGroup, fillText, GROUP_FROM, splitSmallGroups } from './domain-template';
import { annotateUnicode, withUnicode } from './unicode-names';
import { bulletList, code, heading, MarkdownBlock, paragraph, table } from './markdown';
import { generationRangeLabel, OUTLOOK_GENERATIONS, OutlookGeneration, PRE_STEP_LABELS, PRE_STEP_NOTES } from './outlook-generations';

const RESULT_LABELS: Readonly<Record<CoverageResult, string>> = {
  covered: 'covered',
  warning: '**warning**',
  redirectPrompt: '**redirect prompt**',
  fallsThrough: 'falls through',
  notReached: 'not reached',
  risk: '**risk**',
};

const SERVICE_LABELS: Readonly<Record<string, string>> = { OutlookAnywhere: 'Outlook Anywhere', MAPI: 'MAPI over HTTP' };

const MATRIX_HEADERS = ['Service', 'Clients', 'URL', 'DNS answers', 'Answered by', 'Certificate', 'Result'];

export function coverageSections(plan: ExchangePlan, entries: readonly CoverageEntry[]): MarkdownBlock[] {
  const rows = entries.flatMap((e) => (e.kind === 'row' ? [e.row] : []));
  const web = rows.filter((r) => r.service !== 'Autodiscover' && !isMailProtocol(r));
  const mail = rows.filter(isMailProtocol);
  const scp = rows.filter((r) => r.service === 'Autodiscover' && r.step === 'scp');
  const blocks: MarkdownBlock[] = [
    heading(2, 'Client coverage'),
    paragraph('Every name a client uses, as external clients (public DNS) and domain-joined clients inside (SCP, internal DNS) see it.'),
    heading(3, 'Web services'),
    table(MATRIX_HEADERS, sameAnswerGroups(web).map(webGroupCells)),
    heading(3, 'Autodiscover: SCP (every email domain)'),
    table(MATRIX_HEADERS.slice(1), scp.map((r) => matrixCells(r.service, r).slice(1))),
  ];
  for (const g of perDomainGroups(entries)) {
    blocks.push(heading(3, `Autodiscover for ${groupTitle(g.emailDomains)}`));
    if (g.emailDomains.length > 1) blocks.push(paragraph(sameResultNote(g.emailDomains)));
    blocks.push(table(['Step', ...MATRIX_HEADERS.slice(1)], [...stepRows(g.external, 'external'), ...stepRows(g.domainJoined, 'domainJoined')]));
    const fixes = [...g.external, ...g.domainJoined].filter((r) => r.fixes && r.result !== 'notReached');
    for (const r of fixes) {
      blocks.push(paragraph(`To clear the ${RESULT_LABELS[r.result].replace(/\*/g, '')} at the ${STEP_LABELS[r.step!]} (${clientLabel(r.client)}):`));
      blocks.push(bulletList(r.fixes!.map(annotateUnicode)));
    }
  }
  if (mail.length > 0) {
    blocks.push(heading(3, 'SMTP, POP and IMAP'));
    blocks.push(table(MATRIX_HEADERS, mail.map((r) => matrixCells(r.service, r))));
  }
  return blocks;
}

/** Shown at most this many names in a group's note; the full list is in plan.json. */
const LISTED_DOMAINS = 12;

/** 'contoso.com', 'contoso.com and fabrikam.com', 'brand0000.example.com and 998 more domains, same result'. */
function groupTitle(domains: readonly string[]): string {
  return domains.length > 2 ? `${withUnicode(domains[0])} and ${domains.length - 1} more domains, same result` : domains.map(withUnicode).join(' and ');
}

/** Which domains a group stands for: all of them up to a dozen, else the first dozen and where the rest are. */
function sameResultNote(domains: readonly string[]): string {
  const shown = domains.slice(0, LISTED_DOMAINS).map((d) => code(withUnicode(d))).join(', ');
  const rest = domains.length > LISTED_DOMAINS ? ` and ${domains.length - LISTED_DOMAINS} more (every one in plan.json, coverage)` : '';
  return `${code(DOMAIN_PLACEHOLDER)} below stands for each of ${domains.length} email domains: ${shown}${rest}.`;
}

interface DomainGroupRows {
  readonly emailDomains: readonly string[];
  readonly external: readonly CoverageRow[];
  readonly domainJoined: readonly CoverageRow[];
}

/**
 * The per-domain groups of both kinds of client, joined: domains that share both their
 * external and their domain-joined template rows form one section. A one-domain group is
 * written out with its name, not the placeholder.
 */
function perDomainGroups(entries: readonly CoverageEntry[]): DomainGroupRows[] {
  const per = entries.filter((e): e is Extract<CoverageEntry, { kind: 'perEmailDomain' }> => e.kind === 'perEmailDomain');
  const groupIndex = per.map((e) => {
    const m = new Map<string, number>();
    e.groups.forEach((g, i) => g.emailDomains.forEach((d) => m.set(d, i)));
    return m;
  });
  const sections = new Map<string, { emailDomains: string[]; parts: number[] }>();
  const domains = per.length > 0 ? per[0].groups.flatMap((g) => g.emailDomains) : [];
  const order = new Map<string, number>();
  for (const d of domains) {
    const parts = groupIndex.map((m) => m.get(d) ?? -1);
    const key = parts.join(',');
    const s = sections.get(key);
    if (s) s.emailDomains.push(d);
    else {
      sections.set(key, { emailDomains: [d], parts });
      order.set(key, order.size);
    }
  }
  const split = [...sections.values()].flatMap((sec) => (sec.emailDomains.length >= GROUP_FROM ? [sec] : sec.emailDomains.map((d) => ({ emailDomains: [d], parts: sec.parts }))));
  return split.map(({ emailDomains, parts }) => {
    const rowsOf = (client: ClientKind) => {
      const at = per.findIndex((e) => e.client === client);
      if (at < 0 || parts[at] < 0) return [];
      const items = per[at].groups[parts[at]].items;
      return emailDomains.length === 1 ? items.map((r) => fillRow(r, emailDomains[0])) : items;
    };
    return { emailDomains, external: rowsOf('external'), domainJoined: rowsOf('domainJoined') };
  });
}

/** A kind of client's rows for one domain; domain-joined rows that the SCP makes unreachable collapse into one. */
function stepRows(mine: readonly CoverageRow[], client: ClientKind): string[][] {
  if (client === 'domainJoined' && mine.length > 0 && mine.every((r) => r.result === 'notReached' && r.reason === mine[0].reason)) {
    return [[mine.map((r) => STEP_LABELS[r.step!]).join(', '), clientLabel(client), '-', '-', '-', '-', `${RESULT_LABELS.notReached}: ${mine[0].reason}`]];
  }
  return mine.map((r) => matrixCells(STEP_LABELS[r.step!], r));
}

function matrixCells(first: string, r: CoverageRow): string[] {
  const url = r.step === 'srv' && r.hostname !== r.url ? `${code(r.hostname)} -> ${code(r.url)}` : r.url === '-' ? '-' : code(r.url);
  return [first, clientLabel(r.client), annotateUnicode(url), annotateUnicode(r.dns), r.answeredBy ?? '-', r.certificateId ? code(r.certificateId) : '-', `${RESULT_LABELS[r.result]}: ${annotateUnicode(r.reason)}`];
}

/**
 * Web service rows that differ only in their service and URL path (same kind of client,
 * host, DNS answer, site, certificate and result), as groups in first-seen order: one
 * table row per name instead of one per virtual directory.
 */
function sameAnswerGroups(rows: readonly CoverageRow[]): CoverageRow[][] {
  const groups = new Map<string, CoverageRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.client, r.hostname, r.url === '-' ? r.service : origin(r.url), r.dns, r.answeredBy, r.certificateId, r.result, r.reason, r.fixes]);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

/** 'OWA, ECP' and '`https://mail.contoso.com` + `/owa`, `/ecp`' for a group; a single row as it is. */
function webGroupCells(group: readonly CoverageRow[]): string[] {
  const first = group[0];
  const services = group.map((r) => SERVICE_LABELS[r.service] ?? r.service).join(', ');
  const cells = matrixCells(services, first);
  if (group.length === 1 || first.url === '-') return cells;
  cells[2] = `${code(origin(first.url))} + ${group.map((r) => code(r.url.slice(origin(r.url).length))).join(', ')}`;
  return cells;
}

/** 'https://mail.contoso.com' of 'https://mail.contoso.com/owa'. */
function origin(url: string): string {
  const m = /^[a-z0-9]+:\/\/[^/]+/i.exec(url);
  return m ? m[0] : url;
}

function isMailProtocol(r: CoverageRow): boolean {
  return r.service === 'SMTP' || r.service === 'POP' || r.service === 'IMAP';
}

export function walkSections(groups: readonly DomainGroup<AutodiscoverWalk>[]): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [
    heading(2, 'Autodiscover walk'),
    paragraph('Which step gives Outlook its settings first, per Outlook generation, and what the user sees on the way.'),
  ];
  for (const g of splitSmallGroups(groups)) {
    const one = g.emailDomains.length === 1 ? g.emailDomains[0] : undefined;
    const byKey = new Map(g.items.map((w) => [`${w.client}|${w.outlook}`, one ? fillText(w.summary, one) : w.summary]));
    const cell = (client: ClientKind, id: string) => annotateUnicode(byKey.get(`${client}|${id}`) ?? '-');
    const runs = sameResultRuns(OUTLOOK_GENERATIONS, (gen) => [cell('external', gen.id), cell('domainJoined', gen.id)]);
    blocks.push(heading(3, `Users of ${groupTitle(g.emailDomains)}`));
    if (g.emailDomains.length > 1) blocks.push(paragraph(sameResultNote(g.emailDomains)));
    blocks.push(table(['Outlook', 'External', 'Domain-joined'], runs.map((run) => [generationRangeLabel(run), cell('external', run[0].id), cell('domainJoined', run[0].id)])));
  }
  const pre = OUTLOOK_GENERATIONS.find((g) => g.preSteps.length > 0)!;
  blocks.push(
    bulletList([
      `${pre.label} first try: ${pre.preSteps.map((p) => `${PRE_STEP_LABELS[p]} (${PRE_STEP_NOTES[p]})`).join('; ')}.`,
      'Outlook 2007 RTM has no SRV step; the June 2007 update rollup added it.',
      'The SRV step and the HTTP redirect make Outlook ask "Allow this website to configure ... server settings?" before it follows them; domain-joined clients never get there because the SCP answers first.',
      'A domain-joined laptop off the network reaches no domain controller for the SCP and walks like an external client.',
    ]),
  );
  return blocks;
}

/** Neighbouring generations whose walks read the same, as runs (one table row each). */
function sameResultRuns(generations: readonly OutlookGeneration[], cells: (g: OutlookGeneration) => readonly string[]): OutlookGeneration[][] {
  const runs: OutlookGeneration[][] = [];
  for (const g of generations) {
    const last = runs[runs.length - 1];
    if (last && cells(last[0]).join('\n') === cells(g).join('\n')) last.push(g);
    else runs.push([g]);
  }
  return runs;
}
