/**
 * One script for the servers that run a per-server step the same way. The per-server steps
 * (PFX import, client URLs, verify) differ between servers mostly in the server's own name:
 * at 300 servers that was 300 copies of each, 900 files to review, write and diff, that
 * differed only in it. Each server's script is rendered with a placeholder for the name;
 * the servers whose scripts are then the same share one script, which lists them in a table
 * (`$planServers`), takes the entry of the computer it runs on (`$planServer`) and writes
 * that variable where the name was. A server whose script differs in anything else (its own
 * URLs, bindings, protocols) keeps a script of its own, exactly as a one-server plan has it.
 */
import { ScriptDoc } from './script';

/** Stands for the server's name while the scripts are compared (a private-use character: no host name or plan text has it). */
export const SERVER_PLACEHOLDER = '\uE000';

/** The variable a shared script holds the server's name in (the prelude in script.ts sets it). */
export const SERVER_VARIABLE = '$planServer';

/** How the header (comments) of a shared script names the server it runs on. */
const HEADER_NAME = '<server>';

/**
 * The scripts of a per-server step for `servers`, in their order: one per group of servers
 * whose script is the same but for the name. `render(server, as)` gives the script of
 * `server` with `as` written wherever the text names it.
 */
export function perServerScripts(servers: readonly string[], render: (server: string, as: string) => ScriptDoc, inputsOf?: (server: string) => string): ScriptDoc[] {
  // Scripts are compared line by line with the first of each group of the same shape (a
  // short key), not joined into one text per server first (at 300 servers, 300 x ~16 KB).
  const groups: { readonly doc: ScriptDoc; readonly lines: readonly (string | boolean | number)[]; readonly servers: string[] }[] = [];
  const byShape = new Map<string, (typeof groups)[number][]>();
  // `inputsOf`: what the step reads about a server. Servers with the same inputs get the
  // same script, rendered once; the last server of each such set is rendered as well and
  // must give the same script, so that an input the key misses fails loudly here.
  const byInputs = new Map<string, { readonly group: (typeof groups)[number]; last?: string }>();
  for (const server of servers) {
    const inputs = inputsOf?.(server);
    const known = inputs === undefined ? undefined : byInputs.get(inputs);
    if (known) {
      known.group.servers.push(server);
      known.last = server;
      continue;
    }
    const doc = render(server, SERVER_PLACEHOLDER);
    const lines = linesOf(doc);
    const shape = `${lines.length}:${doc.body.length}:${doc.slug}`;
    const candidates = byShape.get(shape) ?? [];
    let group = candidates.find((g) => g.lines.every((l, i) => l === lines[i]));
    if (group) group.servers.push(server);
    else {
      group = { doc, lines, servers: [server] };
      groups.push(group);
      byShape.set(shape, [...candidates, group]);
    }
    if (inputs !== undefined) byInputs.set(inputs, { group });
  }
  for (const { group, last } of byInputs.values()) {
    if (last === undefined) continue;
    const lines = linesOf(render(last, SERVER_PLACEHOLDER));
    if (lines.length !== group.lines.length || !group.lines.every((l, i) => l === lines[i])) {
      throw new Error(`perServerScripts: ${last} has the same inputs as ${group.servers[0]} but another ${group.doc.slug.replace(`-${SERVER_PLACEHOLDER}`, '')} script: the step reads something of the server that its inputs leave out`);
    }
  }
  const all = groups.length === 1;
  return groups.map((g) => (g.servers.length === 1 ? render(g.servers[0], g.servers[0]) : shared(g.doc, g.servers, all)));
}

/** Everything of a script that reaches its file (the summary, which names the servers, aside). */
function linesOf(doc: ScriptDoc): (string | boolean | number)[] {
  // Each list led by its length, so that no two different scripts give the same lines.
  return [doc.slug, doc.title, doc.does.length, ...doc.does, doc.needs.length, ...doc.needs, doc.notes.length, ...doc.notes, doc.rerun, doc.exchangeShell, doc.session ?? '', doc.functions.length, ...doc.functions.flatMap((f) => [f.length, ...f]), ...doc.body];
}

/** 'EX01 and EX02', 'each of EX01, EX02, EX03' */
function serverNames(servers: readonly string[]): string {
  return servers.length === 2 ? `${servers[0]} and ${servers[1]}` : `each of ${servers.join(', ')}`;
}

function shared(doc: ScriptDoc, servers: readonly string[], all: boolean): ScriptDoc {
  const header = (text: string) => text.split(SERVER_PLACEHOLDER).join(HEADER_NAME);
  const suffix = all ? 'servers' : `${servers[0].toLowerCase()}-and-${servers.length - 1}-more`;
  if (!doc.slug.endsWith(`-${SERVER_PLACEHOLDER}`)) throw new Error(`perServerScripts: the slug ${JSON.stringify(doc.slug)} does not end in the server's name`);
  return {
    ...doc,
    slug: `${doc.slug.slice(0, -SERVER_PLACEHOLDER.length)}${suffix}`,
    summary: doc.summary.split(SERVER_PLACEHOLDER).join(serverNames(servers)),
    title: header(doc.title),
    server: SERVER_VARIABLE,
    servers,
    does: doc.does.map(header),
    needs: doc.needs.map(header),
    notes: [...doc.notes.map(header), `One script for ${servers.length} servers that run this step the same way: run it on each server in $planServers; ${HEADER_NAME} above is the server it runs on.`],
    rerun: header(doc.rerun),
    functions: doc.functions.map((f) => serverExpressions(f)),
    body: serverExpressions(doc.body),
  };
}

/**
 * The lines with each single-quoted literal that holds the placeholder turned into an
 * expression that joins its text with `$planServer`: `'X\owa (Default Web Site)'` becomes
 * `($planServer + '\owa (Default Web Site)')`, valid both as a command argument and in an
 * expression. Plan text reaches scripts only through single-quoted literals (psQuote), so
 * the placeholder anywhere else (a double-quoted or here-string, a comment) is a generator
 * bug and throws rather than emit a script that names no server.
 */
export function serverExpressions(lines: readonly string[]): string[] {
  const text = lines.join('\n');
  if (!text.includes(SERVER_PLACEHOLDER)) return [...lines];
  let out = '';
  let i = 0;
  const fail = (where: string) => {
    throw new Error(`serverExpressions: the server placeholder is inside ${where}, near: ${JSON.stringify(text.slice(Math.max(0, i - 60), i + 60))}`);
  };
  const isQuote = (c: string | undefined) => c !== undefined && "'\u2018\u2019\u201A\u201B".includes(c);
  while (i < text.length) {
    const c = text[i];
    if (c === '#' || (c === '<' && text[i + 1] === '#')) {
      const end = c === '#' ? text.indexOf('\n', i) : text.indexOf('#>', i) + 2;
      const stop = end < 0 || (c === '<' && end < 2) ? text.length : end;
      if (text.slice(i, stop).includes(SERVER_PLACEHOLDER)) fail('a comment');
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '@' && (text[i + 1] === "'" || text[i + 1] === '"') && text[i + 2] === '\n') {
      const close = `\n${text[i + 1]}@`;
      const end = text.indexOf(close, i + 2);
      const stop = end < 0 ? text.length : end + close.length;
      if (text.slice(i, stop).includes(SERVER_PLACEHOLDER)) fail('a here-string');
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '`' || (text[j] === '"' && text[j + 1] === '"') ? 2 : 1;
      const stop = Math.min(j + 1, text.length);
      if (text.slice(i, stop).includes(SERVER_PLACEHOLDER)) fail('a double-quoted string');
      out += text.slice(i, stop);
      i = stop;
    } else if (isQuote(c)) {
      // A single-quoted literal: a quote of any of the five kinds doubled stands for itself.
      let j = i + 1;
      while (j < text.length && !(isQuote(text[j]) && !isQuote(text[j + 1]))) j += isQuote(text[j]) ? 2 : 1;
      const raw = text.slice(i + 1, j);
      out += raw.includes(SERVER_PLACEHOLDER) ? joined(raw) : text.slice(i, j + 1);
      i = j + 1;
    } else {
      if (c === SERVER_PLACEHOLDER) fail('code outside a string');
      out += c;
      i += 1;
    }
  }
  return out.split('\n');
}

/** The expression for a literal's raw text (doubled quotes kept) with the placeholder in it. */
function joined(raw: string): string {
  const parts: string[] = [];
  raw.split(SERVER_PLACEHOLDER).forEach((piece, k) => {
    if (k > 0) parts.push(SERVER_VARIABLE);
    if (piece !== '') parts.push(`'${piece}'`);
  });
  return parts.length === 1 ? parts[0] : `(${parts.join(' + ')})`;
}
