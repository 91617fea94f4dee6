/** The plan-driven verifier: checks a deployment from the client side against plan.json. */
export { Difference } from './findings';
export { ResolveOverride, VerifyOptions } from './options';
export { PlannedRow, PlanReadError, plannedRows } from './plan-rows';
export { reportText } from './report-text';
export { RowStatus, VerifiedRow, VerifyReport, verifyPlan } from './verify-plan';
