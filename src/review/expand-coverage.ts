/**
 * For tools that read plan.json (schemaVersion 2 and 3): every concrete coverage row and
 * Autodiscover walk, one per email domain where the document groups domains whose rows
 * read the same but for their own name. Pure, works on the parsed JSON alone, and linear
 * in what it returns.
 */

/** A concrete coverage row as plan.json writes one (schemaVersion 1 listed these directly). */
export interface PlanJsonCoverageRow {
  readonly service: string;
  readonly client: string;
  readonly step?: string;
  readonly emailDomain?: string;
  readonly url: string;
  readonly hostname: string;
  readonly dns: string;
  readonly answeredBy?: string;
  readonly servers: readonly string[];
  readonly certificateId?: string;
  readonly result: string;
  readonly reason: string;
  readonly fixes?: readonly string[];
}

/** A concrete walk as plan.json writes one. */
export interface PlanJsonWalk {
  readonly emailDomain: string;
  readonly client: string;
  readonly outlook: string;
  readonly steps: readonly { readonly step: string; readonly label: string; readonly url?: string; readonly result: string; readonly note: string }[];
  readonly succeedsAt?: string;
  readonly userSees: readonly string[];
  readonly summary: string;
}

interface DomainGroupJson<T> {
  readonly emailDomains: readonly string[];
  readonly rows?: readonly T[];
  readonly walks?: readonly T[];
}

type CoverageEntryJson = PlanJsonCoverageRow | { readonly perEmailDomain: { readonly client: string; readonly groups: readonly DomainGroupJson<PlanJsonCoverageRow>[] } };

/** The parts of a plan.json v2 document these functions read. */
export interface PlanJsonDocument {
  readonly schemaVersion: number;
  readonly placeholder: string;
  readonly emailDomains: readonly { readonly domain: string }[];
  readonly coverage: readonly CoverageEntryJson[];
  readonly autodiscoverWalks: readonly DomainGroupJson<PlanJsonWalk>[];
}

/** The versions whose coverage and walks are grouped per email domain (3 only added `hybrid`). */
const GROUPED_VERSIONS: readonly number[] = [2, 3];

function requireV2(doc: PlanJsonDocument): void {
  if (!GROUPED_VERSIONS.includes(doc.schemaVersion)) throw new Error(`expandCoverage reads plan.json schemaVersion 2 or 3, got ${String(doc.schemaVersion)}`);
}

function filler(placeholder: string): (text: string, domain: string) => string {
  return (text, domain) => (text.includes(placeholder) ? text.split(placeholder).join(domain) : text);
}

/** Every coverage row of the document, per email domain in the document's domain order (the order of the ungrouped matrix). */
export function expandCoverage(doc: PlanJsonDocument): PlanJsonCoverageRow[] {
  requireV2(doc);
  const fill = filler(doc.placeholder);
  const order = doc.emailDomains.map((d) => d.domain);
  const out: PlanJsonCoverageRow[] = [];
  for (const entry of doc.coverage) {
    if (!('perEmailDomain' in entry)) {
      out.push(entry);
      continue;
    }
    const groupOf = indexGroups(entry.perEmailDomain.groups);
    for (const domain of order) {
      for (const r of groupOf.get(domain)?.rows ?? []) {
        const f = (t: string) => fill(t, domain);
        out.push({
          service: r.service,
          client: r.client,
          ...(r.step !== undefined ? { step: r.step } : {}),
          ...(r.emailDomain !== undefined ? { emailDomain: f(r.emailDomain) } : {}),
          url: f(r.url),
          hostname: f(r.hostname),
          dns: f(r.dns),
          ...(r.answeredBy !== undefined ? { answeredBy: f(r.answeredBy) } : {}),
          servers: [...r.servers],
          ...(r.certificateId !== undefined ? { certificateId: r.certificateId } : {}),
          result: r.result,
          reason: f(r.reason),
          ...(r.fixes !== undefined ? { fixes: r.fixes.map(f) } : {}),
        });
      }
    }
  }
  return out;
}

/** Every Autodiscover walk of the document: per email domain (document order), kind of client and Outlook generation. */
export function expandAutodiscoverWalks(doc: PlanJsonDocument): PlanJsonWalk[] {
  requireV2(doc);
  const fill = filler(doc.placeholder);
  const groupOf = indexGroups(doc.autodiscoverWalks);
  const out: PlanJsonWalk[] = [];
  for (const { domain } of doc.emailDomains) {
    const f = (t: string) => fill(t, domain);
    for (const w of groupOf.get(domain)?.walks ?? []) {
      out.push({
        emailDomain: f(w.emailDomain),
        client: w.client,
        outlook: w.outlook,
        steps: w.steps.map((s) => ({ step: s.step, label: s.label, ...(s.url !== undefined ? { url: f(s.url) } : {}), result: s.result, note: f(s.note) })),
        ...(w.succeedsAt !== undefined ? { succeedsAt: w.succeedsAt } : {}),
        userSees: w.userSees.map(f),
        summary: f(w.summary),
      });
    }
  }
  return out;
}

function indexGroups<T>(groups: readonly DomainGroupJson<T>[]): Map<string, DomainGroupJson<T>> {
  const m = new Map<string, DomainGroupJson<T>>();
  for (const g of groups) for (const d of g.emailDomains) m.set(d, g);
  return m;
}
