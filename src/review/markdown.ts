/**
 * A tiny Markdown vocabulary for the review document: headings, paragraphs, lists and
 * tables as typed blocks, joined by `markdownDocument()`. Cell text is escaped here, so
 * callers pass plain text and never build table syntax by hand.
 */

/** One block of the document, already rendered to Markdown lines. */
export interface MarkdownBlock {
  readonly lines: readonly string[];
}

/** `## text` (level 1 to 4). */
export function heading(level: 1 | 2 | 3 | 4, text: string): MarkdownBlock {
  return { lines: [`${'#'.repeat(level)} ${inline(text)}`] };
}

/** A paragraph of plain text (line breaks become spaces). */
export function paragraph(text: string): MarkdownBlock {
  return { lines: [inline(text)] };
}

/** A paragraph whose text is bold. */
export function strong(text: string): string {
  return `**${inline(text)}**`;
}

/** Inline code: `text`, with backticks in the text kept safe. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A bulleted list; items are Markdown inline text. */
export function bulletList(items: readonly string[]): MarkdownBlock {
  return { lines: items.map((item) => `- ${inline(item)}`) };
}

/** A table with a header row; cells are Markdown inline text, pipes and line breaks are escaped. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): MarkdownBlock {
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  for (const r of rows) {
    if (r.length !== headers.length) throw new Error(`table row has ${r.length} cells, the header ${headers.length}`);
  }
  return { lines: [row(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(row)] };
}

/** A two-column key/value table without a meaningful header. */
export function facts(rows: readonly (readonly [string, string])[]): MarkdownBlock {
  return table(['', ''], rows);
}

/** Joins blocks with one blank line between them and a final newline. */
export function markdownDocument(blocks: readonly (MarkdownBlock | undefined)[]): string {
  return `${blocks
    .filter((b): b is MarkdownBlock => b !== undefined && b.lines.length > 0)
    .map((b) => b.lines.join('\n'))
    .join('\n\n')}\n`;
}

function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').trim();
}

function cell(text: string): string {
  const t = inline(text).replace(/\|/g, '\\|');
  return t.length === 0 ? ' ' : t;
}
