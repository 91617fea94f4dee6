/**
 * The headline of the review, counted from the one list of findings: how many distinct
 * errors, warnings, redirect prompts and risks, and how many email domains and servers
 * they cover.
 */
import { ReviewFinding } from './review-findings';

export interface ReviewVerdict {
  readonly errors: number;
  /** Distinct warnings: rule warnings and coverage (certificate) warnings. */
  readonly warnings: number;
  readonly redirectPrompts: number;
  readonly risks: number;
  /** Rule findings of severity info. */
  readonly notes: number;
  /** Email domains and servers the errors and warnings cover. */
  readonly warningEmailDomains: number;
  readonly warningServers: number;
  /** 'No warning for any client' or '2 warnings (covering 1000 email domains and 20 servers); 1 risk outside the plan'. */
  readonly headline: string;
}

export function reviewVerdict(findings: readonly ReviewFinding[]): ReviewVerdict {
  const count = (p: (f: ReviewFinding) => boolean) => findings.filter(p).length;
  const errors = count((f) => f.severity === 'error');
  const warnings = count((f) => f.severity === 'warning');
  const redirectPrompts = count((f) => f.kind === 'redirectPrompt');
  const risks = count((f) => f.kind === 'risk');
  const notes = count((f) => f.kind === 'rule' && f.severity === 'info');
  const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const domains = new Set(serious.flatMap((f) => f.emailDomains)).size;
  const servers = new Set(serious.flatMap((f) => f.servers)).size;
  const parts: string[] = [];
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  const covers = [domains > 0 ? plural(domains, 'email domain') : '', servers > 0 ? plural(servers, 'server') : ''].filter((x) => x).join(' and ');
  const head = parts.length === 0 ? 'No warning for any client' : `${parts.join(', ')}${covers ? ` (covering ${covers})` : ''}`;
  const rest: string[] = [];
  if (redirectPrompts > 0) rest.push(plural(redirectPrompts, 'redirect prompt'));
  if (risks > 0) rest.push(`${plural(risks, 'risk')} outside the plan`);
  if (notes > 0) rest.push(plural(notes, 'note'));
  return { errors, warnings, redirectPrompts, risks, notes, warningEmailDomains: domains, warningServers: servers, headline: [head, ...rest].join('; ') };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
