/**
 * The small part of markdown the report renders: headings, paragraphs, list items, fenced code,
 * quotes, rules, and inline `code` and **bold**. Everything else (links, images, HTML, emphasis)
 * stays literal text on purpose: the notebook is shown as written, never interpreted.
 */

export type InlineStyle = 'plain' | 'bold' | 'code';
export interface Inline {
  text: string;
  style: InlineStyle;
}
/** A hard line break inside a block. */
export const BREAK: Inline = { text: '\n', style: 'plain' };

export type Block =
  | { kind: 'heading'; level: number; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'item'; depth: number; marker: string; inline: Inline[] }
  | { kind: 'quote'; inline: Inline[] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'rule' };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const INLINE = /(`+)([^]*?)\1|\*\*([^*]+?)\*\*|__([^_]+?)__/g;

/** Tabs become spaces (tab stops of 4): they are layout in a narrative, not content. */
function detab(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), style: 'plain' });
    if (m[1] !== undefined) out.push({ text: m[2]!.replace(/^ (.*) $/, '$1'), style: 'code' });
    else out.push({ text: m[3] ?? m[4] ?? '', style: 'bold' });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), style: 'plain' });
  return out;
}

/** Joins the lines of one block: soft breaks become spaces, table rows and `  ` endings stay lines. */
function joinLines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, i) => {
    const hard = /( {2,}|\\)$/.test(line) || line.trimStart().startsWith('|');
    const next = lines[i + 1];
    out.push(...parseInline(line.replace(/( {2,}|\\)$/, '').trim()));
    if (next !== undefined) out.push(hard || next.trimStart().startsWith('|') ? BREAK : { text: ' ', style: 'plain' });
  });
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.split(/\r\n|\r|\n/).map(detab);
  const blocks: Block[] = [];
  let para: string[] = [];
  let quote: string[] = [];
  let item: { depth: number; marker: string; lines: string[] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', inline: joinLines(para) });
    if (quote.length) blocks.push({ kind: 'quote', inline: joinLines(quote) });
    if (item) blocks.push({ kind: 'item', depth: item.depth, marker: item.marker, inline: joinLines(item.lines) });
    para = [];
    quote = [];
    item = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const close = new RegExp(`^ {0,3}${fence[1]![0] === '`' ? '`' : '~'}{${fence[1]!.length},}[ \\t]*$`);
      const code: string[] = [];
      while (++i < lines.length && !close.test(lines[i]!)) code.push(lines[i]!);
      blocks.push({ kind: 'code', lines: code });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = HEADING.exec(line))) {
      flush();
      blocks.push({ kind: 'heading', level: m[1]!.length, inline: parseInline(m[2] ?? '') });
    } else if (RULE.test(line)) {
      flush();
      blocks.push({ kind: 'rule' });
    } else if ((m = ITEM.exec(line))) {
      flush();
      item = { depth: Math.min(4, Math.floor(m[1]!.length / 2)), marker: /\d/.test(m[2]!) ? m[2]! : '\u2022', lines: [m[3]!] };
    } else if ((m = QUOTE.exec(line)) && !item && !para.length) {
      quote.push(m[1]!);
    } else if (item) {
      item.lines.push(line);
    } else if (quote.length) {
      quote.push(line);
    } else {
      para.push(line);
    }
  }
  flush();
  return blocks;
}
