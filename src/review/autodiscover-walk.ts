/**
 * The Autodiscover walk: for each email domain, kind of client and Outlook generation,
 * the steps Outlook tries in order, the one that succeeds first, and what the user sees
 * on the way.
 */
import { ExchangePlan } from '../model/types';
import { coverageResultOf, evaluateStep, StepEffect, StepOutcome, STEP_LABELS, stepSucceeds, AutodiscoverStep } from './autodiscover-steps';
import { CLIENT_KINDS, ClientKind } from './client-kind';
import { DOMAIN_PLACEHOLDER, DomainGroup, domainTemplater, fillText, groupBySignature } from './domain-template';
import { DNS_STEPS, domainOutcomes, outcomesSignature, templatedOutcomes } from './domain-outcomes';
import { CoverageResult } from './coverage-result';
import { OUTLOOK_GENERATIONS, OutlookGenerationId, PreStep, PRE_STEP_LABELS, PRE_STEP_NOTES } from './outlook-generations';

/** One step as tried in a walk. */
export interface WalkStep {
  readonly step: AutodiscoverStep | PreStep;
  readonly label: string;
  readonly url?: string;
  readonly result: CoverageResult;
  readonly note: string;
}

/** One walk: a domain, a kind of client, an Outlook generation. */
export interface AutodiscoverWalk {
  readonly emailDomain: string;
  readonly client: ClientKind;
  readonly outlook: OutlookGenerationId;
  /** Steps tried, in order, up to and including the one that succeeds. */
  readonly steps: readonly WalkStep[];
  /** The step that gives Outlook its settings; undefined when none does. */
  readonly succeedsAt?: AutodiscoverStep;
  /** Warnings, prompts and risks on the way, in order ('certificate warning at https://...'). */
  readonly userSees: readonly string[];
  /** One sentence for the document. */
  readonly summary: string;
}


/** Every walk of the plan: per email domain, per kind of client, per Outlook generation. */
export function autodiscoverWalks(plan: ExchangePlan): AutodiscoverWalk[] {
  return expandWalkGroups(groupedWalks(plan), plan.emailDomains.map((d) => d.domain));
}

/** The walks per email domain, domains whose walks read the same (but for their own name) in one group of templates. */
export function groupedWalks(plan: ExchangePlan): DomainGroup<AutodiscoverWalk>[] {
  const scp = new Map(CLIENT_KINDS.map((client) => [client, worst(evaluateStep(plan, plan.emailDomains[0], client, 'scp'))]));
  const byName = new Map(plan.emailDomains.map((d) => [d.domain, d]));
  const walksOf = (emailDomain: string, outcomesOf: (client: ClientKind) => readonly StepOutcome[]) => {
    const walks: AutodiscoverWalk[] = [];
    for (const client of CLIENT_KINDS) {
      const outcomes = new Map<AutodiscoverStep, StepOutcome>([['scp', scp.get(client)!]]);
      outcomesOf(client).forEach((o, i) => outcomes.set(DNS_STEPS[i], o));
      for (const generation of OUTLOOK_GENERATIONS) walks.push(walk(emailDomain, client, generation.id, generation.preSteps, generation.steps, outcomes));
    }
    return walks;
  };
  return groupBySignature(
    plan.emailDomains.map((d) => d.domain),
    (name) => outcomesSignature(plan, byName.get(name)!, CLIENT_KINDS),
    (name) => {
      const template = domainTemplater(name);
      return walksOf(name, (client) => domainOutcomes(plan, byName.get(name)!, client)).map((w) => mapWalkText(w, template));
    },
    (name) => walksOf(DOMAIN_PLACEHOLDER, (client) => templatedOutcomes(plan, byName.get(name)!, client)),
    (walks) => JSON.stringify(walks),
  );
}

/** The concrete walks of grouped ones, the email domains in `domainOrder`. */
export function expandWalkGroups(groups: readonly DomainGroup<AutodiscoverWalk>[], domainOrder: readonly string[]): AutodiscoverWalk[] {
  const groupOf = new Map<string, DomainGroup<AutodiscoverWalk>>();
  for (const g of groups) for (const d of g.emailDomains) groupOf.set(d, g);
  const out: AutodiscoverWalk[] = [];
  for (const d of domainOrder) for (const w of groupOf.get(d)?.items ?? []) out.push(mapWalkText(w, (t) => fillText(t, d)));
  return out;
}

function mapWalkText(w: AutodiscoverWalk, f: (text: string) => string): AutodiscoverWalk {
  return {
    ...w,
    emailDomain: f(w.emailDomain),
    steps: w.steps.map((s) => ({ ...s, ...(s.url !== undefined ? { url: f(s.url) } : {}), note: f(s.note) })),
    userSees: w.userSees.map(f),
    summary: f(w.summary),
  };
}

function walk(
  emailDomain: string,
  client: ClientKind,
  outlook: OutlookGenerationId,
  preSteps: readonly PreStep[],
  steps: readonly AutodiscoverStep[],
  outcomes: ReadonlyMap<AutodiscoverStep, StepOutcome>,
): AutodiscoverWalk {
  const tried: WalkStep[] = preSteps.map((p) => ({ step: p, label: PRE_STEP_LABELS[p], result: 'fallsThrough', note: PRE_STEP_NOTES[p] }));
  const userSees: string[] = [];
  let succeedsAt: AutodiscoverStep | undefined;
  for (const step of steps) {
    const o = outcomes.get(step)!;
    if (o.effect === 'notUsed') continue;
    tried.push({ step, label: STEP_LABELS[step], url: o.url, result: coverageResultOf(o.effect), note: o.reason });
    const seen = sight(o);
    if (seen) userSees.push(seen);
    if (stepSucceeds(o.effect)) {
      succeedsAt = step;
      break;
    }
  }
  return { emailDomain, client, outlook, steps: tried, ...(succeedsAt ? { succeedsAt } : {}), userSees, summary: summary(emailDomain, outlook, succeedsAt, outcomes, userSees) };
}

/** What the user sees at a step, if anything. */
function sight(o: StepOutcome): string | undefined {
  switch (o.effect) {
    case 'warnsThenAnswers':
    case 'warnsThenMovesOn':
      return `certificate warning at ${o.url.split('/Autodiscover/')[0]}`;
    case 'answersAfterRedirectPrompt':
      return `redirect prompt for ${o.url.split('/Autodiscover/')[0]}`;
    case 'unknown':
      return `possible certificate warning at ${o.url.split('/Autodiscover/')[0]} (undeclared)`;
    default:
      return undefined;
  }
}

function summary(
  emailDomain: string,
  outlook: OutlookGenerationId,
  succeedsAt: AutodiscoverStep | undefined,
  outcomes: ReadonlyMap<AutodiscoverStep, StepOutcome>,
  userSees: readonly string[],
): string {
  const seen = userSees.length === 0 ? 'the user sees nothing' : `the user sees: ${userSees.join('; ')}`;
  if (!succeedsAt) {
    const hint = outlook === '2007-rtm' && outcomes.get('srv') && stepSucceeds(outcomes.get('srv')!.effect)
      ? ' (this version has no SRV step: install the June 2007 update rollup, or set up Outlook Anywhere by hand)'
      : '';
    return `no step answers for ${emailDomain}${hint}; ${seen}`;
  }
  const o = outcomes.get(succeedsAt)!;
  const at = succeedsAt === 'srv' ? `SRV record -> ${o.url.split('/Autodiscover/')[0]}` : `${STEP_LABELS[succeedsAt]} (${o.url.split('/Autodiscover/')[0]})`;
  return `succeeds at the ${at}; ${seen}`;
}

/** The SCP has one outcome per server; a walk meets the worst of them. */
function worst(outcomes: readonly StepOutcome[]): StepOutcome {
  const rank: StepEffect[] = ['warnsThenMovesOn', 'warnsThenAnswers', 'unknown', 'answersAfterRedirectPrompt', 'movesOn', 'answers', 'notUsed'];
  return [...outcomes].sort((a, b) => rank.indexOf(a.effect) - rank.indexOf(b.effect))[0];
}
