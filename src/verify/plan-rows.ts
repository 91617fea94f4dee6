/**
 * The one place the verifier reads plan.json's coverage matrix. Everything else in
 * `src/verify` uses only the rows this returns, in the v1 row shape.
 *
 * Today plan.json (schemaVersion 1) holds one `coverage` row per service, kind of client,
 * Autodiscover step and email domain. A later schema groups identical rows across domains;
 * then this adapter expands them (`expandCoverage`) and nothing else changes.
 */
import type { AutodiscoverStep } from '../review/autodiscover-steps';
import type { ClientKind } from '../review/client-kind';
import type { CoverageResult, CoverageService } from '../review/coverage';

/** One concrete coverage row of the plan, as plan.json v1 writes it. */
export interface PlannedRow {
  readonly service: CoverageService;
  readonly client: ClientKind;
  readonly step?: AutodiscoverStep;
  readonly emailDomain?: string;
  /** 'https://mail.contoso.com/owa', 'smtp://mail.contoso.com:587', the SRV name, or '-' when unpublished. */
  readonly url: string;
  readonly hostname: string;
  readonly dns: string;
  readonly answeredBy?: string;
  readonly servers: readonly string[];
  readonly certificateId?: string;
  readonly result: CoverageResult;
  readonly reason: string;
  readonly fixes?: readonly string[];
}

/** The concrete per-domain coverage rows of a plan.json document. */
export function plannedRows(document: unknown): PlannedRow[] {
  const coverage = (document as { coverage?: unknown }).coverage;
  if (!Array.isArray(coverage)) throw new PlanReadError('plan.json has no coverage array');
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
