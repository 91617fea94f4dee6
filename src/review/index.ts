/**
 * The review document of a plan: PLAN.md for people, plan.json for tools.
 */
import { ExchangePlan } from '../model/types';
import { GeneratedFile } from '../output/generated-file';
import { autodiscoverWalks } from './autodiscover-walk';
import { coverageMatrix } from './coverage';
import { renderPlanJson } from './plan-json';
import { renderPlanMarkdown } from './plan-markdown';
import { reviewVerdict } from './verdict';

export { AutodiscoverStep, STEP_LABELS } from './autodiscover-steps';
export { AutodiscoverWalk, WalkStep, autodiscoverWalks } from './autodiscover-walk';
export { ClientKind } from './client-kind';
export { CoverageResult, CoverageRow, CoverageService, coverageMatrix } from './coverage';
export { OUTLOOK_GENERATIONS, OutlookGeneration, OutlookGenerationId } from './outlook-generations';
export { PLAN_JSON_SCHEMA, PLAN_SCHEMA_VERSION, planJson } from './plan-json';
export { ReviewVerdict, reviewVerdict } from './verdict';

/** Paths of the review files at the root of the plan's asset folder. */
export const PLAN_MARKDOWN_PATH = 'PLAN.md';
export const PLAN_JSON_PATH = 'plan.json';

/**
 * Renders PLAN.md and plan.json for a plan. `files` are the other files of the asset
 * folder (the scripts with their summaries), listed in run order.
 */
export function renderReview(plan: ExchangePlan, files: readonly GeneratedFile[]): GeneratedFile[] {
  const rows = coverageMatrix(plan);
  const walks = autodiscoverWalks(plan);
  const verdict = reviewVerdict(rows);
  return [
    {
      path: PLAN_MARKDOWN_PATH,
      content: renderPlanMarkdown({ plan, files, rows, walks, verdict }),
      summary: `The review document: ${verdict.headline}.`,
    },
    {
      path: PLAN_JSON_PATH,
      content: renderPlanJson(plan, files),
      summary: 'The review as data for other tools (schema: plan-schema.json, schemaVersion 1).',
    },
  ];
}
