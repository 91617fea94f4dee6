/** The examples' plan.json documents, built in this process as a synth writes them. */
import { expandCoverage, PlanJsonDocument } from '../../src/review/expand-coverage';
import { loadExamplePlan } from '../helpers/examples';
import { exampleNames } from '../helpers/synth';

const cache = new Map<string, Record<string, unknown>>();

export function examplePlanJson(name: string): Record<string, any> {
  let doc = cache.get(name);
  if (!doc) {
    const file = loadExamplePlan(name).files.find((f) => f.path === 'plan.json');
    if (!file) throw new Error(`example ${name} wrote no plan.json`);
    doc = JSON.parse(file.content) as Record<string, unknown>;
    cache.set(name, doc);
  }
  return structuredClone(doc);
}

export { exampleNames };

/**
 * The same plan with its coverage rows listed one by one (the schemaVersion 1 form, which the
 * verifier still reads), for tests that edit single rows of one domain.
 */
export function concretePlanJson(doc: Record<string, any>): Record<string, any> {
  return { ...doc, schemaVersion: 1, coverage: expandCoverage(doc as PlanJsonDocument) };
}
