/**
 * The PowerShell syntax gate for generated scripts: tree-sitter-powershell's wasm grammar
 * loaded by web-tree-sitter, plus small readers over its tree (syntax problems, commands
 * with their parameters, verbatim string values). Not PowerShell's own parser, but a real
 * grammar: an unterminated string, a stray quote or a broken block shows up as an ERROR or
 * MISSING node.
 */
import { Language, Node, Parser, Tree } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

/** A parser for PowerShell, loaded once per process. */
export function powershellParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}

export async function parsePowerShell(source: string): Promise<Tree> {
  const tree = (await powershellParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* walk(child);
}

export interface SyntaxProblem {
  readonly kind: 'ERROR' | 'MISSING';
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/** Every ERROR and MISSING node of the tree (empty when the script parses cleanly). */
export function syntaxProblems(tree: Tree): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  for (const n of walk(tree.rootNode)) {
    if (n.type === 'ERROR' || n.isMissing) {
      out.push({ kind: n.isMissing ? 'MISSING' : 'ERROR', line: n.startPosition.row + 1, column: n.startPosition.column + 1, text: n.text.slice(0, 120) });
    }
  }
  if (out.length === 0 && tree.rootNode.hasError) out.push({ kind: 'ERROR', line: 0, column: 0, text: '(hasError without an ERROR node)' });
  return out;
}

export interface ParsedParameter {
  /** Without the leading '-' and any trailing ':'. */
  readonly name: string;
  /** Source text of the value that follows, when the next element is not another parameter. */
  readonly value?: string;
  /** The value node, for reading string literals. */
  readonly valueNode?: Node;
}

export interface ParsedCommand {
  readonly name: string;
  readonly parameters: readonly ParsedParameter[];
  readonly text: string;
  readonly line: number;
}

/** Every command invocation (cmdlets, functions, programs) with its own parameters. */
export function commandsOf(tree: Tree): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  for (const n of walk(tree.rootNode)) {
    if (n.type !== 'command') continue;
    const nameNode = n.childForFieldName('command_name');
    if (!nameNode) continue;
    const elements = n.children.find((c) => c?.type === 'command_elements');
    const items = (elements?.children ?? []).filter((c): c is Node => !!c && c.type !== 'command_argument_sep');
    const parameters: ParsedParameter[] = [];
    items.forEach((item, i) => {
      if (item.type !== 'command_parameter') return;
      const next = items[i + 1];
      const hasValue = next !== undefined && next.type !== 'command_parameter';
      parameters.push({ name: item.text.replace(/^-/, '').replace(/:$/, ''), ...(hasValue ? { value: next.text, valueNode: next } : {}) });
    });
    out.push({ name: nameNode.text, parameters, text: n.text, line: n.startPosition.row + 1 });
  }
  return out;
}

/** Names of the functions a script defines. */
export function functionNames(tree: Tree): string[] {
  const out: string[] = [];
  for (const n of walk(tree.rootNode)) {
    if (n.type === 'function_statement') {
      const name = n.children.find((c) => c?.type === 'function_name');
      if (name) out.push(name.text);
    }
  }
  return out;
}

const QUOTE = "['\u2018\u2019\u201A\u201B]";

/** The value PowerShell gives a verbatim ('...') string literal's source text. */
export function decodeVerbatim(text: string): string {
  if (!new RegExp(`^${QUOTE}[\\s\\S]*${QUOTE}$`).test(text)) throw new Error(`not a verbatim string: ${text}`);
  return text.slice(1, -1).replace(new RegExp(`(${QUOTE})(${QUOTE})`, 'g'), '$2');
}

/** The source text of every verbatim string literal in the tree. */
export function verbatimStrings(tree: Tree): string[] {
  const out: string[] = [];
  for (const n of walk(tree.rootNode)) {
    if (n.type === 'verbatim_string_characters') out.push(n.text);
  }
  return out;
}

/** The decoded values of the verbatim string literals inside a node (a parameter value such as `'IIS','SMTP'`). */
export function literalValues(node: Node | undefined): string[] {
  if (!node) return [];
  return [...walk(node)].filter((n) => n.type === 'verbatim_string_characters').map((n) => decodeVerbatim(n.text));
}

export interface Splat {
  readonly cmdlet: string;
  readonly variable: string;
  /** Parameter name -> PowerShell code of its value. */
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * Every `$v = @{ A = x; B = y }` followed by `Cmdlet @v` (the form psSplat writes), so the
 * splatted parameters are checked like the written ones.
 */
export function splatsOf(content: string): Splat[] {
  return [...content.matchAll(/\$(\w+) = @\{ ([^\n]*) \}\n\s*([A-Za-z]+-[A-Za-z]+) @\1\n/g)].map((m) => ({
    cmdlet: m[3],
    variable: m[1],
    parameters: Object.fromEntries(m[2].split('; ').map((e) => e.split(' = ') as [string, string])),
  }));
}
