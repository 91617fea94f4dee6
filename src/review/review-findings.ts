/**
 * The review's one list of findings: the plan rules' findings and the coverage matrix's
 * warnings, redirect prompts and risks, each distinct finding once, saying which email
 * domains and servers it covers. PLAN.md's verdict, counts and findings table, plan.json's
 * findings and the construct's cdktf annotations are all read from this list, so they
 * cannot disagree.
 */
import { ExchangePlan, FindingSeverity } from '../model/types';
import { STEP_LABELS } from './autodiscover-steps';
import { clientLabel } from './client-kind';
import { CoverageEntry, CoverageRow } from './coverage';
import { CoverageResult } from './coverage-result';
import { DOMAIN_PLACEHOLDER, domainsPhrase, emailDomainIn, fillText, templateText } from './domain-template';

/** What a finding is about: a plan rule, or a result of the coverage matrix. */
export type ReviewFindingKind = 'rule' | 'certificateWarning' | 'redirectPrompt' | 'risk';

export interface ReviewFinding {
  /** The rule's id ('EXC-ROOT-DOMAIN-CERTIFICATE'), or 'COVERAGE-WARNING', 'COVERAGE-REDIRECT-PROMPT', 'COVERAGE-RISK'. */
  readonly id: string;
  readonly kind: ReviewFindingKind;
  /** error and warning are annotated as such; redirect prompts, risks and notes are info. */
  readonly severity: FindingSeverity;
  /** One sentence; for a finding that covers several email domains, `{domain}` stands for each. */
  readonly message: string;
  readonly remedy: string;
  readonly prop?: string;
  /** The email domains it covers (empty when it is not about one domain). */
  readonly emailDomains: readonly string[];
  /** The servers it covers (empty when it is not about particular servers). */
  readonly servers: readonly string[];
}

/** Severity order of the list: errors, warnings, then the info kinds. */
const KIND_RANK: Readonly<Record<string, number>> = { error: 0, warning: 1, redirectPrompt: 2, risk: 3, info: 4 };

const COVERAGE_KINDS: Partial<Record<CoverageResult, { kind: ReviewFindingKind; id: string; severity: FindingSeverity; label: string }>> = {
  warning: { kind: 'certificateWarning', id: 'COVERAGE-WARNING', severity: 'warning', label: 'warning' },
  redirectPrompt: { kind: 'redirectPrompt', id: 'COVERAGE-REDIRECT-PROMPT', severity: 'info', label: 'redirect prompt' },
  risk: { kind: 'risk', id: 'COVERAGE-RISK', severity: 'info', label: 'risk' },
};

export function reviewFindings(plan: ExchangePlan, coverage: readonly CoverageEntry[]): ReviewFinding[] {
  const all = [...ruleFindings(plan), ...coverageFindings(plan, coverage)];
  const rank = (f: ReviewFinding) => KIND_RANK[f.severity === 'info' && f.kind !== 'rule' ? f.kind : f.severity];
  return all.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

/** Rule findings; the same finding for several email domains (same text but the domain) once, listing them. */
function ruleFindings(plan: ExchangePlan): ReviewFinding[] {
  const domains = new Set(plan.emailDomains.map((d) => d.domain));
  const merged = new Map<string, { finding: ReviewFinding; emailDomains: string[] }>();
  for (const f of plan.findings) {
    // A rule speaks about one email domain when its prop names it (rootDomainResponders['contoso.com']).
    const domain = f.prop ? emailDomainIn(f.prop, domains) : undefined;
    const t = (text: string) => (domain ? templateText(text, domain) : text);
    const finding: ReviewFinding = { id: f.id, kind: 'rule', severity: f.severity, message: t(f.message), remedy: t(f.remedy), ...(f.prop ? { prop: t(f.prop) } : {}), emailDomains: [], servers: [] };
    const key = JSON.stringify([finding.id, finding.severity, finding.message, finding.remedy, finding.prop]);
    const m = merged.get(key);
    if (m) {
      if (domain) m.emailDomains.push(domain);
    } else merged.set(key, { finding, emailDomains: domain ? [domain] : [] });
  }
  return [...merged.values()].map(({ finding, emailDomains }) => withDomains(finding, emailDomains));
}

/** A template finding for one domain is written out; for several it keeps `{domain}` and lists them. */
function withDomains(f: ReviewFinding, emailDomains: readonly string[]): ReviewFinding {
  if (emailDomains.length !== 1) return { ...f, emailDomains };
  const d = emailDomains[0];
  return { ...f, message: fillText(f.message, d), remedy: fillText(f.remedy, d), ...(f.prop ? { prop: fillText(f.prop, d) } : {}), emailDomains };
}

interface CoverageProblem {
  readonly rows: CoverageRow[];
  readonly emailDomains: string[];
  readonly servers: Set<string>;
}

/**
 * Coverage rows with a warning, a redirect prompt or a risk: one finding per kind of
 * result, client and host name (the services there listed together, the first row's
 * reason), covering the servers of its rows and the email domains of its template rows.
 */
function coverageFindings(plan: ExchangePlan, coverage: readonly CoverageEntry[]): ReviewFinding[] {
  const problems = new Map<string, CoverageProblem>();
  const add = (r: CoverageRow, emailDomains: readonly string[]) => {
    if (!COVERAGE_KINDS[r.result]) return;
    const key = JSON.stringify([r.result, r.client, r.hostname]);
    let p = problems.get(key);
    if (!p) {
      p = { rows: [], emailDomains: [], servers: new Set() };
      problems.set(key, p);
    }
    if (p.rows.length === 0 || !p.rows.some((x) => x.service === r.service && x.step === r.step)) p.rows.push(r);
    for (const s of r.servers) p.servers.add(s);
    p.emailDomains.push(...emailDomains);
  };
  for (const e of coverage) {
    if (e.kind === 'row') add(e.row, []);
    else for (const g of e.groups) for (const r of g.items) add(r, g.emailDomains);
  }
  const order = new Map(plan.servers.map((s, i) => [s.name, i]));
  return [...problems.values()].map((p) => {
    const first = p.rows[0];
    const k = COVERAGE_KINDS[first.result]!;
    const emailDomains = [...new Set(p.emailDomains)];
    const message = `${clientLabel(first.client)} ${p.rows.map(where).join(', ')} at ${first.hostname}: ${first.reason}`;
    const finding: ReviewFinding = {
      id: k.id,
      kind: k.kind,
      severity: k.severity,
      message,
      remedy: first.fixes && first.fixes.length > 0 ? first.fixes.join('; ') : remedyFor(first.result),
      emailDomains,
      servers: [...p.servers].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    };
    return withDomains(finding, emailDomains);
  });
}

function remedyFor(result: CoverageResult): string {
  switch (result) {
    case 'redirectPrompt':
      return 'expected with an SRV record: users allow the redirect once (or publish the autodiscover name on the certificate)';
    case 'risk':
      return 'declare what answers there (see the coverage matrix)';
    default:
      return 'see the coverage matrix';
  }
}

function where(r: CoverageRow): string {
  if (r.service !== 'Autodiscover' || !r.step) return r.service;
  return `Autodiscover (${STEP_LABELS[r.step]}${r.emailDomain ? ` for ${r.emailDomain}` : ''})`;
}

/** What a finding covers, for documents: 'brand0000.example.com and 999 more domains; all 20 servers'. */
export function coversText(f: ReviewFinding, serverCount: number): string {
  const parts: string[] = [];
  if (f.emailDomains.length > 0) parts.push(f.emailDomains.length === 1 ? f.emailDomains[0] : `${f.emailDomains.length} email domains (${domainsPhrase(f.emailDomains)}; ${DOMAIN_PLACEHOLDER} stands for each)`);
  if (f.servers.length > 0) parts.push(f.servers.length === serverCount && serverCount > 1 ? `all ${serverCount} servers` : `${f.servers.length} server${f.servers.length === 1 ? '' : 's'} (${f.servers.slice(0, 3).join(', ')}${f.servers.length > 3 ? ', ...' : ''})`);
  return parts.length > 0 ? parts.join('; ') : 'the plan';
}
