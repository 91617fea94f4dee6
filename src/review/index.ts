/**
 * The review document of a plan: PLAN.md for people, plan.json for tools.
 */
import { ExchangePlan } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { PLAN_SCHEMA_VERSION, renderPlanJson } from './plan-json';
import { renderPlanMarkdown } from './plan-markdown';
import { buildReview, Review } from './review';

export { AutodiscoverStep, STEP_LABELS } from './autodiscover-steps';
export { AutodiscoverWalk, WalkStep, autodiscoverWalks } from './autodiscover-walk';
export { ClientKind } from './client-kind';
export { CoverageEntry, CoverageResult, CoverageRow, CoverageService, coverageMatrix, groupedCoverage } from './coverage';
export { DOMAIN_PLACEHOLDER, DomainGroup } from './domain-template';
export { expandCoverage, expandAutodiscoverWalks, PlanJsonCoverageRow, PlanJsonDocument, PlanJsonWalk } from './expand-coverage';
export { nameResolutionCounters, NameResolutionCounters } from './name-resolution';
export { OUTLOOK_GENERATIONS, OutlookGeneration, OutlookGenerationId } from './outlook-generations';
export { PLAN_JSON_SCHEMA, PLAN_SCHEMA_VERSION, planJson } from './plan-json';
export { buildReview, Review } from './review';
export { ReviewFinding, ReviewFindingKind } from './review-findings';
export { ReviewVerdict, reviewVerdict } from './verdict';

/** Paths of the review files at the root of the plan's asset folder. */
export const PLAN_MARKDOWN_PATH = 'PLAN.md';
export const PLAN_JSON_PATH = 'plan.json';

/**
 * Renders PLAN.md and plan.json for a plan. `files` are the other files of the asset
 * folder (the scripts with their summaries), listed in run order.
 */
export function renderReview(plan: ExchangePlan, files: readonly GeneratedFile[]): GeneratedFile[] {
  return reviewFiles(buildReview(plan, files));
}

/** PLAN.md and plan.json of a computed review. */
export function reviewFiles(review: Review): GeneratedFile[] {
  return [
    {
      path: PLAN_MARKDOWN_PATH,
      content: renderPlanMarkdown(review),
      summary: `The review document: ${review.verdict.headline}.`,
    },
    {
      path: PLAN_JSON_PATH,
      content: renderPlanJson(review),
      summary: `The review as data for other tools (schema: plan-schema.json, schemaVersion ${PLAN_SCHEMA_VERSION}).`,
    },
  ];
}
