/**
 * Issuer options that concern what is already deployed, checked against the plan (so after
 * it is built): `acmPrivateCa({ retainedIssuances })` and `acm({ existingValidationRecords })`.
 */
import { PlanInputError } from './errors';
import { ExchangePlan } from './types';

const LABEL = /^([a-z0-9_]+)@([0-9a-f]{8})$/;

/**
 * The retained issuances, checked: the form, no repeats, and a certificate of the plan.
 * Throws PlanInputError naming `issuer.retainedIssuances[i]` and the value.
 */
export function checkRetainedIssuances(plan: ExchangePlan, retained: readonly string[] | undefined): readonly string[] {
  if (retained === undefined) return [];
  if (!Array.isArray(retained)) throw new PlanInputError('issuer.retainedIssuances', retained, "must be a list of issuance names such as 'exchange@1a2b3c4d'.");
  const ids = new Set(plan.certificates.map((c) => c.id));
  const seen = new Set<string>();
  retained.forEach((label, i) => {
    const prop = `issuer.retainedIssuances[${i}]`;
    const m = typeof label === 'string' ? LABEL.exec(label) : null;
    if (!m) throw new PlanInputError(prop, label, "is not an issuance name: '<certificate id>@<8 hex digits>', as the output certificate_<id>_issuance shows it.");
    if (plan.issuer.kind !== 'acmPrivateCa') throw new PlanInputError(prop, label, 'only ACM Private CA issuances are retained.');
    if (!ids.has(m[1])) {
      throw new PlanInputError(prop, label, `names the certificate '${m[1]}', which the plan does not have (${[...ids].join(', ')}).`, 'retain issuances of a certificate the plan still makes; a certificate that leaves the plan is revoked when its resources go.');
    }
    if (seen.has(label)) throw new PlanInputError(prop, label, 'appears twice.');
    seen.add(label);
  });
  return [...seen];
}

/**
 * `acm({ existingValidationRecords })`: names whose validation record the plan leaves to
 * whoever made it. Each must be a name the plan validates with ACM.
 */
export function checkExistingValidationRecords(plan: ExchangePlan, names: readonly string[] | undefined): readonly string[] {
  if (names === undefined) return [];
  if (!Array.isArray(names)) throw new PlanInputError('issuer.existingValidationRecords', names, 'must be a list of host names.');
  const validated = plan.domainValidation.filter((v) => v.madeBy === 'plan').map((v) => v.domain);
  const isValidated = new Set(validated);
  names.forEach((name, i) => {
    if (typeof name !== 'string' || !isValidated.has(name.toLowerCase())) {
      throw new PlanInputError(`issuer.existingValidationRecords[${i}]`, name, `is not a name the plan validates with ACM (${validated.join(', ')}).`);
    }
  });
  return names.map((n) => n.toLowerCase());
}

/** `acm({ listenerArns })`: Elastic Load Balancing v2 listener ARNs, each once. */
export function checkListenerArns(arns: readonly string[] | undefined): readonly string[] {
  if (arns === undefined) return [];
  if (!Array.isArray(arns)) throw new PlanInputError('issuer.listenerArns', arns, 'must be a list of listener ARNs.');
  arns.forEach((arn, i) => {
    if (typeof arn !== 'string' || !/^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/[A-Za-z0-9-]+\/[0-9a-f]+\/[0-9a-f]+$/.test(arn)) {
      throw new PlanInputError(`issuer.listenerArns[${i}]`, arn, 'is not a load balancer listener ARN (arn:aws:elasticloadbalancing:<region>:<account>:listener/app|net/<name>/<id>/<id>).');
    }
    if (arns.indexOf(arn) !== i) throw new PlanInputError(`issuer.listenerArns[${i}]`, arn, 'appears twice.');
  });
  return [...arns];
}
