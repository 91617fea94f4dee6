/**
 * Certificate lifetimes against the CA/Browser Forum limit in force on the issue date
 * (Baseline Requirements 6.3.2, ballot SC-081): 398 days before 2026-03-15, 200 days from
 * then, 100 from 2027-03-15, 47 from 2029-03-15. The issue date is `plannedIssueDate`;
 * without it nothing is checked against a date (the plan never reads the clock).
 */
import { Finding } from '../types';
import { RuleContext } from './context';

/** The limit steps, oldest first: from this day on, at most this many days. */
export const CA_BROWSER_FORUM_VALIDITY_STEPS: readonly { readonly from: string; readonly maxDays: number }[] = [
  { from: '2020-09-01', maxDays: 398 },
  { from: '2026-03-15', maxDays: 200 },
  { from: '2027-03-15', maxDays: 100 },
  { from: '2029-03-15', maxDays: 47 },
];

/** Longest lifetime (days) Apple platforms accept for a TLS server certificate from any CA, public or private, issued since 2019-07-01. */
export const APPLE_PRIVATE_CA_MAX_DAYS = 825;

/**
 * Most days a publicly trusted TLS certificate issued on `issueDate` (YYYY-MM-DD, UTC)
 * may be valid: 398 before 2026-03-15, 200 from then, 100 from 2027-03-15, 47 from
 * 2029-03-15. Dates before 2026-03-15 all give 398 (this project plans no earlier issue).
 */
export function caBrowserForumMaxValidity(issueDate: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) throw new RangeError(`caBrowserForumMaxValidity: '${issueDate}' is not a YYYY-MM-DD date.`);
  let max = CA_BROWSER_FORUM_VALIDITY_STEPS[0].maxDays;
  for (const step of CA_BROWSER_FORUM_VALIDITY_STEPS) if (issueDate >= step.from) max = step.maxDays;
  return max;
}

/**
 * Public issuers: a planned lifetime over the limit on the planned issue date is an error
 * (ACM decides its own lifetimes, so there it is a note). Private issuers: Apple devices
 * refuse lifetimes over 825 days, which breaks iPhones on ActiveSync.
 */
/** The lifetime ACM gave public certificates before the CA/Browser Forum reductions. */
export const ACM_VALIDITY_DAYS = 395;

export function lifetimeRule({ inputs, plan }: RuleContext): Finding[] {
  const date = inputs.plannedIssueDate;
  if (!plan.issuer.publiclyTrusted) return privateLifetime(plan.certificates.map((c) => c.validityDays), plan.issuer.displayName);
  if (plan.issuer.kind === 'acm') {
    const acmDays = ACM_VALIDITY_DAYS;
    if (date === undefined) return [];
    const max = caBrowserForumMaxValidity(date);
    if (acmDays <= max) return [];
    return [
      {
        id: 'EXC-LIFETIME-ACM',
        severity: 'info',
        prop: 'plannedIssueDate',
        message: `ACM has issued public certificates for ${acmDays} days, but certificates issued on ${date} may be valid for at most ${max} days (CA/Browser Forum ballot SC-081), so ACM will issue them for ${max} days or less; the plan assumes ${max}.`,
        remedy: 'nothing to set: ACM decides the lifetime and renews DNS-validated certificates itself while the validation records stay in place.',
      },
    ];
  }
  const out: Finding[] = [];
  for (const cert of plan.certificates) {
    if (cert.validityDays === undefined) continue;
    // Without a date, only what no date could allow: over 398 days (refused since 2020-09-01).
    const max = date === undefined ? CA_BROWSER_FORUM_VALIDITY_STEPS[0].maxDays : caBrowserForumMaxValidity(date);
    if (cert.validityDays <= max) continue;
    out.push({
      id: 'EXC-LIFETIME',
      severity: 'error',
      prop: 'issuer.validityDays',
      message:
        date === undefined
          ? `certificate '${cert.id}' is planned for ${cert.validityDays} days, but no public CA may issue a TLS certificate for more than ${max} days (since 2020-09-01).`
          : `certificate '${cert.id}' is planned for ${cert.validityDays} days, but public certificates issued on ${date} may be valid for at most ${max} days (CA/Browser Forum Baseline Requirements 6.3.2, ballot SC-081: ${limitsText()}).`,
      remedy: `order ${max} days or less (publicCa({ validityDays: ${max} })), or leave validityDays out to take the limit in force on plannedIssueDate; plan renewal, since lifetimes keep shrinking.`,
    });
  }
  return out;
}

function privateLifetime(validityDays: readonly (number | undefined)[], issuerName: string): Finding[] {
  const longest = Math.max(0, ...validityDays.map((d) => d ?? 0));
  if (longest <= APPLE_PRIVATE_CA_MAX_DAYS) return [];
  return [
    {
      id: 'EXC-LIFETIME-APPLE',
      severity: 'warning',
      prop: 'issuer.validityDays',
      message: `${issuerName} is planned to issue certificates for ${longest} days; iOS 13, macOS 10.15 and later refuse TLS server certificates valid for more than ${APPLE_PRIVATE_CA_MAX_DAYS} days, even from a private CA, so iPhones and Macs would fail on ActiveSync, OWA and Outlook.`,
      remedy: `issue for ${APPLE_PRIVATE_CA_MAX_DAYS} days or less (validityDays, or the template's validity period).`,
    },
  ];
}

function limitsText(): string {
  const [first, ...rest] = CA_BROWSER_FORUM_VALIDITY_STEPS;
  return [`${first.maxDays} days before ${rest[0].from}`, ...rest.map((s) => `${s.maxDays} from ${s.from}`)].join(', ');
}
