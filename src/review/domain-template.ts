/**
 * Rows that are the same for many email domains except for the domain's own name are
 * written once, as a template: the domain replaced by `{domain}` where it stands as a
 * whole name or the end of one ('autodiscover.{domain}', never 'xcontoso.com'). Filling
 * the template with the domain gives the row back exactly, so grouping hides nothing.
 */

/** What stands for the email domain in a template row of plan.json. */
export const DOMAIN_PLACEHOLDER = '{domain}';

/** Letters, digits and '-': a name runs on across them ('xcontoso.com' is not 'contoso.com'). */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

/**
 * `text` with each whole-name occurrence of `domain` replaced by the placeholder: no
 * letter, digit or '-' right before or after it. Scanned left to right, an occurrence
 * replaced before the next is looked for (as a global regular expression would).
 */
export function templateText(text: string, domain: string): string {
  let at = text.indexOf(domain);
  if (at < 0 || domain.length === 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const end = at + domain.length;
    if ((at === 0 || !isNameChar(text.charCodeAt(at - 1))) && (end === text.length || !isNameChar(text.charCodeAt(end)))) {
      out += text.slice(from, at) + DOMAIN_PLACEHOLDER;
      from = end;
      at = text.indexOf(domain, end);
    } else at = text.indexOf(domain, at + 1);
  }
  return from === 0 ? text : out + text.slice(from);
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

/**
 * `groupByTemplate` for many domains: domains with the same `signature` (a key of the few
 * inputs their templates are built from) are templated once. For the first domain of each
 * signature its own templates (`templatesOf`) are compared with those built from the
 * signature's inputs (`sharedTemplatesOf`); only when they are the same do the other
 * domains of the signature take them, otherwise each is templated on its own. An
 * undefined signature templates the domain on its own. The groups, their order and their
 * domains' order are those of `groupByTemplate`.
 */
export function groupBySignature<T>(
  domains: readonly string[],
  signature: (domain: string) => string | undefined,
  templatesOf: (domain: string) => readonly T[],
  sharedTemplatesOf: (domain: string) => readonly T[],
  key: (templates: readonly T[]) => string,
): DomainGroup<T>[] {
  const bySignature = new Map<string, string[]>();
  const alone: string[] = [];
  for (const domain of domains) {
    const s = signature(domain);
    if (s === undefined) {
      alone.push(domain);
      continue;
    }
    const same = bySignature.get(s);
    if (same) same.push(domain);
    else bySignature.set(s, [domain]);
  }
  const templated = new Map<string, { key: string; items: readonly T[] }>();
  const own = (domain: string) => {
    const items = templatesOf(domain);
    const t = { key: key(items), items };
    templated.set(domain, t);
    return t;
  };
  for (const domain of alone) own(domain);
  for (const same of bySignature.values()) {
    const first = own(same[0]);
    const shared = same.length > 1 && key(sharedTemplatesOf(same[0])) === first.key;
    for (let i = 1; i < same.length; i++) {
      if (shared) templated.set(same[i], first);
      else own(same[i]);
    }
  }
  const groups = new Map<string, { emailDomains: string[]; items: readonly T[] }>();
  for (const domain of domains) {
    const t = templated.get(domain)!;
    const group = groups.get(t.key);
    if (group) group.emailDomains.push(domain);
    else groups.set(t.key, { emailDomains: [domain], items: t.items });
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
