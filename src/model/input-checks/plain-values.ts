/** Props that are plain values checked on their own: flags, TTL, dates, the friendly name. */
import { ExchangeCertificatePlanProps } from '../../props';
import { InputProblems } from '../input-problems';
import { CONTROL } from './organization';

/** A true/false prop with its default. */
export function checkFlag(problems: InputProblems, prop: keyof ExchangeCertificatePlanProps, given: unknown, fallback: boolean): boolean | undefined {
  const value = given ?? fallback;
  if (typeof value === 'boolean') return value;
  problems.add(prop, given, 'must be true or false.', `give true or false, or leave it out (default ${fallback}).`);
  return undefined;
}

export function checkDnsTtl(given: number | undefined, problems: InputProblems): number | undefined {
  const ttl = given ?? 300;
  if (Number.isInteger(ttl) && ttl >= 0 && ttl <= 2147483647) return ttl;
  problems.add('dnsTtl', given, 'must be a whole number of seconds from 0 to 2147483647.', 'give the TTL in seconds, like 300, or leave it out.');
  return undefined;
}

export function checkPlannedIssueDate(given: string | undefined, problems: InputProblems): string | undefined {
  if (given === undefined) return undefined;
  const ok =
    typeof given === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(given) &&
    !Number.isNaN(Date.parse(`${given}T00:00:00Z`)) &&
    new Date(`${given}T00:00:00Z`).toISOString().slice(0, 10) === given;
  if (!ok) problems.add('plannedIssueDate', given, 'is not a calendar date YYYY-MM-DD.', "give the day the certificates are to be issued, like '2027-01-15', or leave it out.");
  return ok ? given : undefined;
}

export function checkFriendlyName(given: string | undefined, organizationName: string | undefined, problems: InputProblems): string | undefined {
  const prefix = given ?? organizationName?.replace(/[^A-Za-z0-9]+/g, '');
  if (prefix === undefined) return undefined;
  if (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 48 || CONTROL.test(prefix)) {
    problems.add('friendlyName', given ?? prefix, 'must be 1 to 48 printable characters (Exchange limits friendly names to 63, and the plan adds a suffix).', 'give a short name, like \'Contoso\'.');
    return undefined;
  }
  return prefix;
}
