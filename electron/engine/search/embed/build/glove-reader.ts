import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** One pretrained word vector, with its rank in the source's frequency order (0 = most frequent). */
export interface WordVector {
  word: string;
  rank: number;
  vector: Float64Array;
}

/** The part of a wink-embeddings JSON file a build needs. */
export interface GloveHead {
  /** Words in the whole source vocabulary (for the Zipf estimate of word probability). */
  size: number;
  dimensions: number;
  /** The first `limit` vectors in frequency order, then the requested extra words found further down. */
  words: WordVector[];
}

const CHUNK = 4 * 1024 * 1024;

/**
 * Reads the header, the first `limit` entries and any `extra` words of a wink-embeddings file
 * ({precision, l2NormIndex, wordIndex, size, dimensions, words: [...], vectors: {word: [...]}})
 * without holding the whole 300 MB: entries are stored in frequency order, only the wanted ones
 * are parsed, and reading stops once the top `limit` and every extra word have been seen.
 */
export function readGloveHead(file: string, limit: number, extra: ReadonlySet<string> = new Set(), chunkBytes = CHUNK): GloveHead {
  const fd = fs.openSync(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(chunkBytes);
    let text = '';
    let eof = false;
    const more = (): void => {
      const n = fs.readSync(fd, chunk, 0, chunkBytes, null);
      if (n === 0) {
        eof = true;
        text += decoder.end();
      } else text += decoder.write(chunk.subarray(0, n));
    };

    const marker = '],"vectors":{';
    let at = text.indexOf(marker);
    while (at < 0 && !eof) {
      more();
      at = text.indexOf(marker);
    }
    if (at < 0) throw new Error(`${file}: no "vectors" object found; not a wink-embeddings file`);
    const header = text.slice(0, text.indexOf(',"words":'));
    const meta = JSON.parse(`${header}}`) as { size?: unknown; dimensions?: unknown; wordIndex?: unknown };
    const size = Number(meta.size);
    const dimensions = Number(meta.dimensions);
    const wordIndex = Number(meta.wordIndex);
    if (!Number.isInteger(size) || !Number.isInteger(dimensions) || !Number.isInteger(wordIndex)) throw new Error(`${file}: header lacks size, dimensions or wordIndex`);

    text = text.slice(at + marker.length);
    let pos = 0;
    const words: WordVector[] = [];
    let seen = 0;
    let extraLeft = extra.size;
    while (seen < limit || extraLeft > 0) {
      // Each entry is "word":[d0,...,d(dims-1),l2norm,rank]; make sure a whole one is buffered.
      // The key itself may contain "]" (the word "]" is in the vocabulary), so find its end first.
      let colon = keyEnd(text, pos);
      let close = colon < 0 ? -1 : text.indexOf(']', colon);
      // The character after "]" (comma or closing brace) must be buffered too.
      while ((close < 0 || close + 1 >= text.length) && !eof) {
        text = text.slice(pos);
        pos = 0;
        more();
        colon = keyEnd(text, pos);
        close = colon < 0 ? -1 : text.indexOf(']', colon);
      }
      if (close < 0 || close + 1 >= text.length) break;
      const word = JSON.parse(text.slice(pos, colon)) as string;
      const wanted = seen < limit || extra.has(word);
      if (seen >= limit && wanted) extraLeft--;
      seen++;
      pos = close + 1;
      const end = text[pos];
      pos += 1; // the comma between entries, or the closing brace
      if (wanted) words.push(parseEntry(file, word, text.slice(colon + 2, close), dimensions, wordIndex));
      if (end === '}') break;
    }
    return { size, dimensions, words };
  } finally {
    fs.closeSync(fd);
  }
}

function parseEntry(file: string, word: string, body: string, dimensions: number, wordIndex: number): WordVector {
  const values = body.split(',');
  if (values.length <= wordIndex) throw new Error(`${file}: vector for ${JSON.stringify(word)} has ${values.length} values`);
  const vector = new Float64Array(dimensions);
  for (let d = 0; d < dimensions; d++) vector[d] = Number(values[d]);
  return { word, rank: Number(values[wordIndex]), vector };
}

/** Index just past the closing quote of the JSON string key starting at `pos`, or -1 when not yet buffered. */
function keyEnd(text: string, pos: number): number {
  if (pos >= text.length) return -1;
  if (text[pos] !== '"') throw new Error(`malformed vectors entry at ${JSON.stringify(text.slice(pos, pos + 40))}`);
  let i = pos + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i < text.length ? i + 1 : -1;
}
