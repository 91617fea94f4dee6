import { NormalizedInputs } from '../inputs';
import { ExchangePlan, Finding } from '../types';

/** What a rule inspects: the normalised inputs and the plan computed from them. */
export interface RuleContext {
  readonly inputs: NormalizedInputs;
  readonly plan: Omit<ExchangePlan, 'findings'>;
}

/** A plan rule: a pure function from the plan to its findings (none when it holds). */
export type PlanRule = (ctx: RuleContext) => Finding[];
