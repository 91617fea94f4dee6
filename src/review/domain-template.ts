/**
 * Rows that are the same for many email domains except for the domain's own name are
 * written once, as a template: the domain replaced by `{domain}` where it stands as a
 * whole name or the end of one ('autodiscover.{domain}', never 'xcontoso.com'). Filling
 * the template with the domain gives the row back exactly, so grouping hides nothing.
 */

/** What stands for the email domain in a template row of plan.json. */
export const DOMAIN_PLACEHOLDER = '{domain}';

const cache = new Map<string, RegExp>();

function pattern(domain: string): RegExp {
  let re = cache.get(domain);
  if (!re) {
    re = new RegExp(`(?<![A-Za-z0-9-])${domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9-])`, 'g');
    if (cache.size > 10_000) cache.clear();
    cache.set(domain, re);
  }
  return re;
}

/** `text` with each whole-name occurrence of `domain` replaced by the placeholder. */
export function templateText(text: string, domain: string): string {
  if (!text.includes(domain)) return text;
  return text.replace(pattern(domain), DOMAIN_PLACEHOLDER);
}

/**
 * `templateText` for one domain, each distinct text templated once: a domain's rows and
 * walks repeat the same step notes and URLs (per client, per Outlook generation).
 */
export function domainTemplater(domain: string): (text: string) => string {
  const done = new Map<string, string>();
  return (text) => {
    let t = done.get(text);
    if (t === undefined) done.set(text, (t = templateText(text, domain)));
    return t;
  };
}

/** A template's text for one domain. */
export function fillText(text: string, domain: string): string {
  return text.includes(DOMAIN_PLACEHOLDER) ? text.split(DOMAIN_PLACEHOLDER).join(domain) : text;
}

/** Email domains whose items read the same once the domain is a placeholder, in first-seen order. */
export interface DomainGroup<T> {
  readonly emailDomains: readonly string[];
  /** The items as templates (fill them with each domain to get that domain's items). */
  readonly items: readonly T[];
}

/**
 * Groups domains by their items' template. `key` must tell templates apart exactly (two
 * templates with the same key are the same); it runs once per domain.
 */
export function groupByTemplate<T>(domains: readonly string[], templatesOf: (domain: string) => readonly T[], key: (templates: readonly T[]) => string): DomainGroup<T>[] {
  const groups = new Map<string, { emailDomains: string[]; items: readonly T[] }>();
  for (const domain of domains) {
    const items = templatesOf(domain);
    const k = key(items);
    const group = groups.get(k);
    if (group) group.emailDomains.push(domain);
    else groups.set(k, { emailDomains: [domain], items });
  }
  return [...groups.values()];
}

/** Documents write a group of fewer domains than this out per domain (templates are for many). */
export const GROUP_FROM = 3;

/** Groups of fewer than GROUP_FROM domains split into one group per domain (for documents; plan.json keeps the groups). */
export function splitSmallGroups<T>(groups: readonly DomainGroup<T>[]): DomainGroup<T>[] {
  return groups.flatMap((g) => (g.emailDomains.length >= GROUP_FROM ? [g] : g.emailDomains.map((d) => ({ emailDomains: [d], items: g.items }))));
}

/** 'contoso.com', 'contoso.com and fabrikam.com', 'contoso.com and 998 more domains'. */
export function domainsPhrase(domains: readonly string[]): string {
  if (domains.length === 1) return domains[0];
  if (domains.length === 2) return `${domains[0]} and ${domains[1]}`;
  return `${domains[0]} and ${domains.length - 1} more domains`;
}

/** The first email domain named in a text: a whole name, or the end of one ('autodiscover.contoso.com'). */
export function emailDomainIn(text: string, domains: ReadonlySet<string>): string | undefined {
  for (const m of text.matchAll(/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g)) {
    const labels = m[0].toLowerCase().split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const candidate = labels.slice(i).join('.');
      if (domains.has(candidate)) return candidate;
    }
  }
  return undefined;
}
