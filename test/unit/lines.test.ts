import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_CHARS, readLines, sampleFile } from '../../electron/engine/ingest/lines';
import type { Line } from '../../electron/engine/ingest/types';
import { data } from '../helpers/paths';
import { tmpDir } from '../helpers/tmp';

const MiB = 1 << 20;

function file(content: string | Buffer): string {
  const p = path.join(tmpDir(), 'input.log');
  writeFileSync(p, content);
  return p;
}

async function collect(p: string, opts: { maxLineBytes?: number } = {}): Promise<{ lines: Line[]; batches: number[]; progress: number[] }> {
  const lines: Line[] = [];
  const batches: number[] = [];
  const progress: number[] = [];
  await readLines(p, { ...opts, onBatch: (b) => { batches.push(b.length); lines.push(...b); }, onProgress: (n) => progress.push(n) });
  return { lines, batches, progress };
}

/** Every line starts where the previous one ended and the lengths add up to the file size. */
function expectContiguous(lines: Line[], size: number): void {
  let off = 0;
  lines.forEach((l, i) => {
    expect(l.offset).toBe(off);
    expect(l.lineNo).toBe(i + 1);
    off += l.length;
  });
  expect(off).toBe(size);
}

describe('readLines', () => {
  it.each([
    ['LF', 'a\nbb\nccc\n', ['a', 'bb', 'ccc'], [2, 3, 4]],
    ['CRLF', 'a\r\nbb\r\nccc\r\n', ['a', 'bb', 'ccc'], [3, 4, 5]],
    ['last line without newline', 'a\nbb', ['a', 'bb'], [2, 2]],
    ['CRLF, last line without newline', 'a\r\nbb', ['a', 'bb'], [3, 2]],
    ['empty lines are delivered', 'a\n\n\r\nb\n', ['a', '', '', 'b'], [2, 1, 2, 2]],
    ['a lone \\r stays in the text', 'a\rb\n', ['a\rb'], [4]],
    ['only a newline', '\n', [''], [1]],
    ['empty file', '', [], []],
  ])('%s', async (_name, content, texts, lengths) => {
    const { lines } = await collect(file(content));
    expect(lines.map((l) => l.text)).toEqual(texts);
    expect(lines.map((l) => l.length)).toEqual(lengths);
    expectContiguous(lines, Buffer.byteLength(content));
    expect(lines.every((l) => !l.truncated && !l.invalidUtf8)).toBe(true);
  });

  it('closes a batch early when its lines hold more than BATCH_CHARS of text', async () => {
    const long = 'x'.repeat(900 * 1024);
    const { lines, batches } = await collect(file(`${long}\n`.repeat(20) + 'short\n'.repeat(1500)));
    expect(lines).toHaveLength(1520);
    // No batch holds more than the cap plus the line that crossed it.
    let at = 0;
    for (const n of batches) {
      const text = lines.slice(at, at + n).reduce((sum, l) => sum + l.text.length, 0);
      expect(text - lines[at + n - 1]!.text.length).toBeLessThan(BATCH_CHARS);
      at += n;
    }
    expect(batches.length).toBeGreaterThan(20 / Math.ceil(BATCH_CHARS / long.length));
    expect(Math.max(...batches)).toBe(1000);
  });

  it('drops a UTF-8 byte order mark from the first line but counts its bytes', async () => {
    const { lines } = await collect(file('\uFEFFhead\nbody\n'));
    expect(lines.map((l) => l.text)).toEqual(['head', 'body']);
    expect(lines[0]!.length).toBe(8);
  });

  it('keeps exact offsets for multi-byte text and flags nothing', async () => {
    const content = 'héllo wörld\n😀 emoji\nplain\n';
    const { lines } = await collect(file(content));
    expect(lines.map((l) => l.text)).toEqual(['héllo wörld', '😀 emoji', 'plain']);
    expect(lines[1]!.offset).toBe(Buffer.byteLength('héllo wörld\n'));
    expect(lines.some((l) => l.invalidUtf8)).toBe(false);
  });

  it('decodes invalid UTF-8 with U+FFFD and flags only those lines', async () => {
    const buf = Buffer.concat([Buffer.from('good\nbad '), Buffer.from([0xff, 0xc3]), Buffer.from(' x\nok é\n')]);
    const { lines } = await collect(file(buf));
    expect(lines.map((l) => l.invalidUtf8)).toEqual([false, true, false]);
    expect(lines[1]!.text).toContain('\uFFFD');
    expectContiguous(lines, buf.length);
  });

  it('splits on \\r\\n even when \\r ends one read chunk and \\n starts the next', async () => {
    const first = 'x'.repeat(MiB - 1);
    const content = `${first}\r\nsecond\r\nthird`;
    const { lines } = await collect(file(content));
    expect(lines.map((l) => l.text.length)).toEqual([MiB - 1, 6, 5]);
    expect(lines[0]!.text.endsWith('\r')).toBe(false);
    expect(lines[0]!.length).toBe(MiB + 1);
    expectContiguous(lines, Buffer.byteLength(content));
  });

  it('joins a line that spans read chunks, including a multi-byte character split across them', async () => {
    const before = 'a'.repeat(MiB - 1);
    const content = `${before}é tail\nnext\n`; // é's two bytes straddle the 1 MiB chunk edge
    const { lines } = await collect(file(content), { maxLineBytes: 4 * MiB });
    expect(lines[0]!.text.length).toBe(before.length + 6);
    expect(lines[0]!.text.endsWith('aé tail')).toBe(true);
    expect(lines[0]!.truncated).toBe(false);
    expect(lines[0]!.invalidUtf8).toBe(false);
    expect(lines[1]!.text).toBe('next');
    expectContiguous(lines, Buffer.byteLength(content));
  });

  it('truncates a long line to its head, flags it, and keeps the next line exact', async () => {
    const content = `short\n${'y'.repeat(100)}\r\nafter\n`;
    const { lines } = await collect(file(content), { maxLineBytes: 10 });
    expect(lines.map((l) => l.text)).toEqual(['short', 'y'.repeat(10), 'after']);
    expect(lines.map((l) => l.truncated)).toEqual([false, true, false]);
    expect(lines[1]!.length).toBe(102);
    expectContiguous(lines, content.length);
  });

  it('does not flag a line of exactly the limit (its \\r does not count)', async () => {
    const { lines } = await collect(file('0123456789\r\n'), { maxLineBytes: 10 });
    expect(lines[0]!).toMatchObject({ text: '0123456789', truncated: false, length: 12 });
  });

  it('truncates without splitting a multi-byte character or flagging invalid UTF-8', async () => {
    const { lines } = await collect(file(`${'é'.repeat(10)}\n`), { maxLineBytes: 5 });
    expect(lines[0]!).toMatchObject({ text: 'éé', truncated: true, invalidUtf8: false, length: 21 });
  });

  it('truncates at the default 1 MiB limit on a character boundary', async () => {
    const content = `${'a'.repeat(MiB - 1)}é tail\nnext\n`;
    const { lines } = await collect(file(content));
    expect(lines[0]!.text.length).toBe(MiB - 1);
    expect(lines[0]!).toMatchObject({ truncated: true, invalidUtf8: false, length: MiB + 7 });
    expect(lines[1]!.text).toBe('next');
  });

  it('truncates a line spanning several chunks without buffering it, and counts its full length', async () => {
    const huge = 'z'.repeat(3 * MiB + 17);
    const content = `first\n${huge}\nlast`;
    const { lines } = await collect(file(content), { maxLineBytes: 1000 });
    expect(lines.map((l) => l.text.length)).toEqual([5, 1000, 4]);
    expect(lines[1]!.truncated).toBe(true);
    expect(lines[1]!.length).toBe(huge.length + 1);
    expect(lines[2]!.text).toBe('last');
    expectContiguous(lines, content.length);
  });

  it('hands lines over in batches of at most a thousand and reports progress to the end', async () => {
    const content = Array.from({ length: 2500 }, (_, i) => `line ${i}`).join('\n');
    const { lines, batches, progress } = await collect(file(content));
    expect(lines).toHaveLength(2500);
    expect(batches).toEqual([1000, 1000, 500]);
    expect(progress[progress.length - 1]).toBe(content.length);
  });

  it('rejects when the signal is aborted', async () => {
    const p = file('a\nb\n'.repeat(1000));
    const ac = new AbortController();
    ac.abort();
    await expect(readLines(p, { signal: ac.signal, onBatch: () => {} })).rejects.toThrow();
  });

  it('reads the loghub CRLF sample: 2000 lines, no trailing \\r, last line without newline', async () => {
    const p = data('loghub', 'Linux', 'Linux_2k.log');
    const { lines } = await collect(p);
    expect(lines).toHaveLength(2000);
    expect(lines.some((l) => l.text.endsWith('\r'))).toBe(false);
    expect(readFileSync(p).subarray(-2).toString()).not.toBe('\r\n');
    expect(lines[1999]!.text).toBe(readFileSync(p, 'utf8').split('\r\n')[1999]);
    expectContiguous(lines, statSync(p).size);
  });

  it('reads a sample that ends with a newline without inventing an empty last line', async () => {
    const p = data('loghub', 'HDFS', 'HDFS_2k.log');
    const { lines } = await collect(p);
    expect(lines).toHaveLength(2000);
    expect(lines[1999]!.text).not.toBe('');
  });
});

describe('sampleFile', () => {
  it('gives the first 64 KiB and at most 50 complete lines', async () => {
    const p = data('elastic-examples', 'apache_logs', 'apache_logs');
    const s = await sampleFile(p, 'apache_logs');
    expect(s.name).toBe('apache_logs');
    expect(s.head.length).toBe(64 * 1024);
    expect(s.lines).toHaveLength(50);
    expect(s.lines[0]).toBe(readFileSync(p, 'utf8').split('\n')[0]);
  });

  it('includes a short file\'s last line without newline, strips \\r and the BOM', async () => {
    const s = await sampleFile(file('\uFEFFa\r\nb'), 'x');
    expect(s.lines).toEqual(['a', 'b']);
  });

  it('leaves out a line cut off by the 64 KiB limit', async () => {
    const s = await sampleFile(file(`first\n${'q'.repeat(70_000)}\n`), 'x');
    expect(s.lines).toEqual(['first']);
  });
});
