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

/** The domain's outcome at each of DNS_STEPS, in that order. */
export function domainOutcomes(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome[] {
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

/** Per plan: each domain's signature per kind of client (null: none), and ids of long server lists. */
const signatures = new WeakMap<ExchangePlan, { byDomain: Map<string, Partial<Record<ClientKind, string | null>>>; lists: Map<readonly string[], number> }>();

/**
 * A key of the domain's templated outcomes for `clients`: domains with the same key have
 * the same outcomes but for their own name. Undefined when a text already holds the
 * placeholder (filling the template would not give it back); such a domain is templated
 * on its own. Kept per domain and kind of client (the matrix and the walks both ask).
 */
export function outcomesSignature(plan: ExchangePlan, domain: PlannedEmailDomain, clients: readonly ClientKind[]): string | undefined {
  let known = signatures.get(plan);
  if (!known) signatures.set(plan, (known = { byDomain: new Map(), lists: new Map() }));
  let ofDomain = known.byDomain.get(domain.domain);
  if (!ofDomain) known.byDomain.set(domain.domain, (ofDomain = {}));
  const parts: string[] = [];
  for (const client of clients) {
    let s = ofDomain[client];
    if (s === undefined) {
      const keys = domainOutcomes(plan, domain, client).map((o) => outcomeKey(o, domain.domain, known!.lists));
      ofDomain[client] = s = keys.includes(undefined) ? null : keys.join('\n');
    }
    if (s === null) return undefined;
    parts.push(s);
  }
  return parts.join('\n');
}

function outcomeKey(o: StepOutcome, domain: string, lists: Map<readonly string[], number>): string | undefined {
  const texts = [o.url, o.hostname, o.dns, o.answeredBy ?? '', o.reason, ...(o.fixes ?? [])];
  if (texts.some((t) => t.includes(DOMAIN_PLACEHOLDER))) return undefined;
  const t = templateOutcome(o, domain);
  // A long server list by the identity of its (shared, per-site) array: two equal lists
  // may get two keys, which only splits a signature, never merges two different ones.
  let servers: string | number;
  if (o.servers.length <= 4) servers = JSON.stringify(o.servers);
  else {
    let id = lists.get(o.servers);
    if (id === undefined) lists.set(o.servers, (id = lists.size));
    servers = id;
  }
  return JSON.stringify([t.step, t.url, t.hostname, t.dns, t.answeredBy ?? null, servers, t.certificateId ?? null, t.effect, t.reason, t.fixes ?? null]);
}

/** The domain's outcomes at DNS_STEPS as templates. */
export function templatedOutcomes(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome[] {
  return domainOutcomes(plan, domain, client).map((o) => templateOutcome(o, domain.domain));
}
