/**
 * The review of a plan, computed once: the grouped coverage matrix, the grouped
 * Autodiscover walks, the one list of findings and the verdict counted from it. PLAN.md,
 * plan.json and the construct's annotations are all rendered from this.
 */
import { ExchangePlan } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { AutodiscoverWalk, groupedWalks } from './autodiscover-walk';
import { CoverageEntry, groupedCoverage } from './coverage';
import { forgetDomainOutcomes } from './domain-outcomes';
import { DomainGroup } from './domain-template';
import { ReviewFinding, reviewFindings } from './review-findings';
import { ReviewVerdict, reviewVerdict } from './verdict';

export interface Review {
  readonly plan: ExchangePlan;
  /** The other files of the asset folder (scripts, requests), for the run-order list. */
  readonly files: readonly GeneratedFile[];
  readonly coverage: readonly CoverageEntry[];
  readonly walks: readonly DomainGroup<AutodiscoverWalk>[];
  readonly findings: readonly ReviewFinding[];
  readonly verdict: ReviewVerdict;
}

export function buildReview(plan: ExchangePlan, files: readonly GeneratedFile[]): Review {
  const coverage = groupedCoverage(plan);
  const findings = reviewFindings(plan, coverage);
  const walks = groupedWalks(plan);
  // The review holds what the documents need; the per-domain outcomes behind it are let go.
  forgetDomainOutcomes(plan);
  return { plan, files, coverage, walks, findings, verdict: reviewVerdict(findings) };
}
