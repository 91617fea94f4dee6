/**
 * An email domain's Autodiscover DNS steps, templated once: the coverage rows and the walks
 * of a domain are built from these outcomes and the domain's name only, so domains whose
 * templated outcomes are the same get the same templates. Grouping compares these few
 * outcomes per domain instead of every row and walk written out.
 */
import { ExchangePlan, PlannedEmailDomain } from '../model/types';
import { AutodiscoverStep, evaluateStep, StepOutcome } from './autodiscover-steps';
import { ClientKind } from './client-kind';
import { DOMAIN_PLACEHOLDER, templateText } from './domain-template';

/** The steps tried per email domain (the SCP, tried first, is the same for every domain). */
export const DNS_STEPS: readonly Exclude<AutodiscoverStep, 'scp'>[] = ['rootDomain', 'autodiscoverHost', 'httpRedirect', 'srv'];

/**
 * Per plan: each domain's signature per kind of client (an id; -1: none), the signatures'
 * ids, the outcomes kept for the domains asked for again, and ids of long server lists.
 */
interface Known {
  readonly byDomain: Map<string, Partial<Record<ClientKind, number>>>;
  readonly ids: Map<string, number>;
  /** By kind of client and domain: the first domain of each signature and every domain without one (grouping templates these again). */
  readonly kept: Map<string, StepOutcome[]>;
  readonly lists: Map<readonly string[], number>;
}

const known = new WeakMap<ExchangePlan, Known>();

function knownOf(plan: ExchangePlan): Known {
  let k = known.get(plan);
  if (!k) known.set(plan, (k = { byDomain: new Map(), ids: new Map(), kept: new Map(), lists: new Map() }));
  return k;
}

/**
 * Lets go of what is kept for a plan's domains: once its review is built nothing asks for
 * it again, and at a thousand domains it is megabytes the rest of synth would carry. A
 * later ask evaluates the steps again.
 */
export function forgetDomainOutcomes(plan: ExchangePlan): void {
  known.delete(plan);
}

/** The domain's outcome at each of DNS_STEPS, in that order. */
export function domainOutcomes(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome[] {
  return knownOf(plan).kept.get(`${client}\0${domain.domain}`) ?? evaluateOutcomes(plan, domain, client);
}

function evaluateOutcomes(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome[] {
  return DNS_STEPS.map((step) => evaluateStep(plan, domain, client, step)[0]);
}

/** The outcome with its email domain as the placeholder (servers and certificate are never per domain). */
export function templateOutcome(o: StepOutcome, domain: string): StepOutcome {
  const f = (t: string) => templateText(t, domain);
  return {
    ...o,
    url: f(o.url),
    hostname: f(o.hostname),
    dns: f(o.dns),
    ...(o.answeredBy !== undefined ? { answeredBy: f(o.answeredBy) } : {}),
    reason: f(o.reason),
    ...(o.fixes ? { fixes: o.fixes.map(f) } : {}),
  };
}

/**
 * A key of the domain's templated outcomes for `clients`: domains with the same key have
 * the same outcomes but for their own name. Undefined when a text already holds the
 * placeholder (filling the template would not give it back); such a domain is templated
 * on its own. Kept per domain and kind of client (the matrix and the walks both ask) as
 * the id of the signature's text, so a thousand domains of one kind keep one text; the
 * outcomes themselves are kept only for the domains grouping templates again.
 */
export function outcomesSignature(plan: ExchangePlan, domain: PlannedEmailDomain, clients: readonly ClientKind[]): string | undefined {
  const k = knownOf(plan);
  let ofDomain = k.byDomain.get(domain.domain);
  if (!ofDomain) k.byDomain.set(domain.domain, (ofDomain = {}));
  let ids = '';
  for (const client of clients) {
    let id = ofDomain[client];
    if (id === undefined) {
      const outcomes = evaluateOutcomes(plan, domain, client);
      const keys: string[] = [];
      for (const o of outcomes) {
        const key = outcomeKey(o, domain.domain, k.lists);
        if (key === undefined) break;
        keys.push(key);
      }
      let first = true;
      if (keys.length < outcomes.length) id = -1;
      else {
        const text = keys.join('\n');
        id = k.ids.get(text);
        if (id === undefined) k.ids.set(text, (id = k.ids.size));
        else first = false;
      }
      if (first) k.kept.set(`${client}\0${domain.domain}`, outcomes);
      ofDomain[client] = id;
    }
    if (id === -1) return undefined;
    ids += ids === '' ? `${id}` : `,${id}`;
  }
  return ids;
}

/** Whether any text of the outcome already holds the placeholder. */
function holdsPlaceholder(o: StepOutcome): boolean {
  const has = (t: string) => t.includes(DOMAIN_PLACEHOLDER);
  return has(o.url) || has(o.hostname) || has(o.dns) || (o.answeredBy !== undefined && has(o.answeredBy)) || has(o.reason) || (o.fixes !== undefined && o.fixes.some(has));
}

function outcomeKey(o: StepOutcome, domain: string, lists: Map<readonly string[], number>): string | undefined {
  if (holdsPlaceholder(o)) return undefined;
  const f = (t: string) => templateText(t, domain);
  // A long server list by the identity of its (shared, per-site) array: two equal lists
  // may get two keys, which only splits a signature, never merges two different ones.
  let servers: string | number;
  if (o.servers.length <= 4) servers = JSON.stringify(o.servers);
  else {
    let id = lists.get(o.servers);
    if (id === undefined) lists.set(o.servers, (id = lists.size));
    servers = id;
  }
  return JSON.stringify([o.step, f(o.url), f(o.hostname), f(o.dns), o.answeredBy === undefined ? null : f(o.answeredBy), servers, o.certificateId ?? null, o.effect, f(o.reason), o.fixes ? o.fixes.map(f) : null]);
}

/** The domain's outcomes at DNS_STEPS as templates. */
export function templatedOutcomes(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome[] {
  return domainOutcomes(plan, domain, client).map((o) => templateOutcome(o, domain.domain));
}
