/**
 * The headline of the review: how many certificate warnings, redirect prompts and
 * undeclared risks the matrix shows, and for whom.
 */
import { clientLabel } from './client-kind';
import { STEP_LABELS } from './autodiscover-steps';
import { CoverageRow } from './coverage';

export interface ReviewVerdict {
  readonly warnings: number;
  readonly redirectPrompts: number;
  readonly risks: number;
  /** 'No certificate warning for any client' or '2 warnings'. */
  readonly headline: string;
  /** One line per warning, prompt and risk: who, where, why. */
  readonly details: readonly string[];
}

export function reviewVerdict(rows: readonly CoverageRow[]): ReviewVerdict {
  const warnings = rows.filter((r) => r.result === 'warning');
  const prompts = rows.filter((r) => r.result === 'redirectPrompt');
  const risks = rows.filter((r) => r.result === 'risk');
  const parts = [warnings.length === 0 ? 'No certificate warning for any client' : plural(warnings.length, 'warning')];
  if (prompts.length > 0) parts.push(plural(prompts.length, 'redirect prompt'));
  if (risks.length > 0) parts.push(`${plural(risks.length, 'risk')} outside the plan`);
  return {
    warnings: warnings.length,
    redirectPrompts: prompts.length,
    risks: risks.length,
    headline: parts.join('; '),
    details: [...lines('warning', warnings), ...lines('redirect prompt', prompts), ...lines('risk', risks)],
  };
}

/** One line per kind of client and host name: 'warning: domain-joined OWA, EWS at server01.contoso.local: <why>'. */
function lines(kind: string, rows: readonly CoverageRow[]): string[] {
  const groups = new Map<string, CoverageRow[]>();
  for (const r of rows) {
    const key = `${r.client}|${r.hostname}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => `${kind}: ${clientLabel(g[0].client)} ${g.map(where).join(', ')} at ${g[0].hostname}: ${g[0].reason}`);
}

function where(r: CoverageRow): string {
  if (r.service !== 'Autodiscover' || !r.step) return r.service;
  return `Autodiscover (${STEP_LABELS[r.step]}${r.emailDomain ? ` for ${r.emailDomain}` : ''})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
