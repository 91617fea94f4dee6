/**
 * The one place the verifier reads plan.json's coverage matrix. Everything else in
 * `src/verify` uses only the rows this returns, in the v1 row shape.
 *
 * plan.json schemaVersion 2 groups the rows that read the same for many email domains (a
 * template with the domain as a placeholder); `expandCoverage` gives back one concrete row
 * per domain. A schemaVersion 1 document (the first release) listed those rows directly;
 * schemaVersion 3 has the coverage of 2 and adds `hybrid`, which the verifier does not read.
 */
import type { AutodiscoverStep } from '../review/autodiscover-steps';
import type { ClientKind } from '../review/client-kind';
import type { CoverageResult, CoverageService } from '../review/coverage';
import { expandCoverage, PlanJsonCoverageRow, PlanJsonDocument } from '../review/expand-coverage';

/**
 * One concrete coverage row of the plan: plan.json's row (`PlanJsonCoverageRow`, what
 * `expandCoverage` returns and v1 listed directly) with the review's own types for the
 * fields the verifier branches on.
 */
export interface PlannedRow extends Omit<PlanJsonCoverageRow, 'service' | 'client' | 'step' | 'result'> {
  readonly service: CoverageService;
  readonly client: ClientKind;
  readonly step?: AutodiscoverStep;
  readonly result: CoverageResult;
}

/** The concrete per-domain coverage rows of a plan.json document. */
export function plannedRows(document: unknown): PlannedRow[] {
  const doc = document as { schemaVersion?: unknown; coverage?: unknown };
  if (!Array.isArray(doc.coverage)) throw new PlanReadError('plan.json has no coverage array');
  let coverage: readonly unknown[] = doc.coverage;
  if (doc.schemaVersion === 2 || doc.schemaVersion === 3) {
    try {
      coverage = expandCoverage(document as PlanJsonDocument);
    } catch (e) {
      throw new PlanReadError(`plan.json coverage cannot be read: ${(e as Error).message}`);
    }
  } else if (doc.schemaVersion !== 1) {
    throw new PlanReadError(`plan.json schemaVersion ${String(doc.schemaVersion)} is not one this verifier reads (1, 2, 3)`);
  }
  return coverage.map((row, i) => {
    const r = row as Partial<PlannedRow>;
    for (const key of ['service', 'client', 'url', 'hostname', 'result'] as const) {
      if (typeof r[key] !== 'string') throw new PlanReadError(`plan.json coverage[${i}] has no ${key}`);
    }
    return { ...(r as PlannedRow), servers: Array.isArray(r.servers) ? r.servers : [], reason: r.reason ?? '' };
  });
}

/** plan.json is missing a field the verifier needs, or is not a plan. */
export class PlanReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanReadError';
  }
}
