/** The organisation in the certificate subject: name, country and the optional fields. */
import { ExchangeCertificatePlanProps } from '../../props';
import { InputProblems } from '../input-problems';
import { PlanInputs } from '../types';
import { countryCodeProblem } from './country';

/** Characters a certificate subject field may not hold (control characters). */
export const CONTROL = /[\u0000-\u001f\u007f]/;

type TextField = 'name' | 'state' | 'locality' | 'organizationalUnit';

export function checkOrganization(org: ExchangeCertificatePlanProps['organization'], problems: InputProblems): PlanInputs['organization'] | undefined {
  if (!org || typeof org !== 'object') {
    problems.add('organization', org, 'is not an object.', "give { name, country } (state, locality optional), like { name: 'Contoso Inc', country: 'US' }.");
    return undefined;
  }
  const before = problems.count;
  const name = subjectField(org, 'name', true, problems);
  const country = org.country;
  const bad = countryCodeProblem(country);
  if (bad) problems.add('organization.country', country, bad.reason, bad.remedy);
  const state = subjectField(org, 'state', false, problems);
  const locality = subjectField(org, 'locality', false, problems);
  const organizationalUnit = subjectField(org, 'organizationalUnit', false, problems);
  if (problems.count > before) return undefined;
  return {
    name: name!,
    country: country,
    ...(state ? { state } : {}),
    ...(locality ? { locality } : {}),
    ...(organizationalUnit ? { organizationalUnit } : {}),
  };
}

function subjectField(org: ExchangeCertificatePlanProps['organization'], key: TextField, required: boolean, problems: InputProblems): string | undefined {
  const v = org[key];
  const prop = `organization.${key}`;
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim().length === 0) {
    problems.add(prop, v, 'must be a non-empty string.', required ? `give the ${key} as text.` : `give the ${key} as text, or leave it out.`);
    return undefined;
  }
  if (v !== v.trim()) problems.add(prop, v, 'has leading or trailing white space.', `use '${v.trim()}'.`);
  else if (CONTROL.test(v)) problems.add(prop, v, 'contains control characters or line breaks, which a certificate subject cannot hold.', 'write it on one line, without control characters.');
  else if (v.length > 64) problems.add(prop, v, `is ${v.length} characters; X.520 allows at most 64 in a subject field.`, 'shorten it to 64 characters (the legal name may be abbreviated as the CA allows).');
  else return v;
  return undefined;
}
