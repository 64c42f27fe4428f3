import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { nameFromText, type MemberName } from './member-names';
import { unknownMeta } from './file-meta';
import type { Member } from './members';
import { gzipMtimeMs, readHead } from './sniff';

/** A gzip file holds one stream; its content is named after the file, as gunzip would. */
export function gunzippedName(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.tgz')) return `${name.slice(0, -4)}.tar`;
  if (lower.endsWith('.gz') && name.length > 3) return name.slice(0, -3);
  return name;
}

/** The single member of a gzip file. Concatenated gzip streams decode as one, like gunzip. */
export async function* gzipMembers(file: string, baseName: MemberName): AsyncGenerator<Member> {
  const head = await readHead(file, 10);
  const opened: Readable[] = [];
  try {
    yield {
      name: nameFromText(gunzippedName(baseName.check)),
      kind: 'file',
      mtimeMs: gzipMtimeMs(head),
      // A gzip header records a time and nothing else about the file.
      meta: unknownMeta('gzip header'),
      problem: null,
      open: async () => {
        const source = createReadStream(file);
        const gunzip = createGunzip();
        opened.push(source, gunzip);
        source.on('error', (err) => gunzip.destroy(err));
        return source.pipe(gunzip);
      },
    };
  } finally {
    for (const s of opened) s.destroy();
  }
}
