import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../../electron/engine/export/report/markdown';

describe('notebook markdown: structure is shown, nothing is interpreted', () => {
  it('finds headings, list items, quotes, code and rules', () => {
    const blocks = parseMarkdown(['# Title', '', 'Para one', 'continues.', '', '- item', '  - nested', '2. second', '', '> quoted', '', '```', 'code <b>', '```', '', '---'].join('\n'));
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'item', 'item', 'item', 'quote', 'code', 'rule']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', inline: [{ text: 'Para one', style: 'plain' }, { text: ' ', style: 'plain' }, { text: 'continues.', style: 'plain' }] });
    expect(blocks[3]).toMatchObject({ kind: 'item', depth: 1, marker: '\u2022' });
    expect(blocks[4]).toMatchObject({ kind: 'item', marker: '2.' });
    expect(blocks[6]).toEqual({ kind: 'code', lines: ['code <b>'] });
  });

  it('keeps links, images and HTML as literal text', () => {
    const text = 'See [the ticket](https://evil.example/x) ![img](file:///etc/passwd) <script>alert(1)</script> *em*';
    expect(parseInline(text)).toEqual([{ text, style: 'plain' }]);
  });

  it('marks **bold** and `code` spans only', () => {
    expect(parseInline('a **b** `c` d')).toEqual([
      { text: 'a ', style: 'plain' },
      { text: 'b', style: 'bold' },
      { text: ' ', style: 'plain' },
      { text: 'c', style: 'code' },
      { text: ' d', style: 'plain' },
    ]);
  });

  it('treats an unclosed fence as code to the end and survives odd input', () => {
    expect(parseMarkdown('```\nrm -rf /\n# not a heading')).toEqual([{ kind: 'code', lines: ['rm -rf /', '# not a heading'] }]);
    expect(parseMarkdown('')).toEqual([]);
    expect(() => parseMarkdown('#'.repeat(10000) + '\r\n' + '*'.repeat(10000) + '\u0000`'.repeat(500))).not.toThrow();
  });
});
