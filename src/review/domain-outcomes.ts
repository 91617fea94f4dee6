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
      const text = outcomesKey(outcomes, domain.domain, k.lists);
      let first = true;
      if (text === undefined) id = -1;
      else {
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

/** Ends each text in a key; a domain whose texts hold it is templated on its own. */
const SEP = '\u0000';

/**
 * An exact key of the outcomes with the domain as the placeholder, or undefined when a
 * text already holds the placeholder (filling the template would not give it back) or
 * the separator. The texts are joined first and templated in one pass: the separator is
 * no name character, so no occurrence of the domain spans two texts and each is
 * templated as on its own. The fields that are never templated (step, servers,
 * certificate, effect) and whether `answeredBy` is there and how many fixes follow lead
 * the key, so two keys are the same only if every field is.
 */
function outcomesKey(outcomes: readonly StepOutcome[], domain: string, lists: Map<readonly string[], number>): string | undefined {
  let fields = '';
  let texts = '';
  let count = 0;
  for (const o of outcomes) {
    // A long server list by the identity of its (shared, per-site) array: two equal lists
    // may get two keys, which only splits a signature, never merges two different ones.
    let servers: string | number;
    if (o.servers.length <= 4) servers = JSON.stringify(o.servers);
    else {
      let id = lists.get(o.servers);
      if (id === undefined) lists.set(o.servers, (id = lists.size));
      servers = id;
    }
    fields += JSON.stringify([o.step, servers, o.certificateId ?? null, o.effect, o.answeredBy !== undefined, o.fixes?.length ?? -1]);
    texts += `${o.url}${SEP}${o.hostname}${SEP}${o.dns}${SEP}${o.answeredBy ?? ''}${SEP}${o.reason}${SEP}`;
    count += 5;
    if (o.fixes) {
      for (const fix of o.fixes) texts += `${fix}${SEP}`;
      count += o.fixes.length;
    }
  }
  // Each text ends in one separator: more means a text holds one.
  for (let at = texts.indexOf(SEP); at >= 0; at = texts.indexOf(SEP, at + 1)) count--;
  if (count !== 0 || texts.includes(DOMAIN_PLACEHOLDER)) return undefined;
  return `${fields}${SEP}${templateText(texts, domain)}`;
}

/** The domain's outcomes at DNS_STEPS as templates. */
export function templatedOutcomes(plan: ExchangePlan, domain: PlannedEmailDomain, client: ClientKind): StepOutcome[] {
  return domainOutcomes(plan, domain, client).map((o) => templateOutcome(o, domain.domain));
}
