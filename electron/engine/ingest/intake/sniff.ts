import { open } from 'node:fs/promises';
import type { ContainerKind } from './types';

/** Enough for every signature below (a tar header block is 512 bytes). */
export const HEAD_BYTES = 512;

export async function readHead(file: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Container format from magic bytes only: a name can say anything, the content cannot. */
export function sniffContainer(head: Buffer): ContainerKind | null {
  // Local file header, or the end-of-central-directory record that starts an empty zip.
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) {
    return 'zip';
  }
  // Deflate is the only compression method gzip defines.
  if (head.length >= 10 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 8) return 'gzip';
  if (hasUstarMagic(head) || isLegacyTarHeader(head)) return 'tar';
  return null;
}

/** POSIX "ustar\0" or GNU "ustar " at offset 257. */
export function hasUstarMagic(head: Buffer): boolean {
  return head.length >= 263 && head.toString('latin1', 257, 262) === 'ustar' && (head[262] === 0 || head[262] === 0x20);
}

/**
 * A pre-POSIX tar has no magic, so it is only believed when the first header's checksum
 * matches, it names something, and its type flag is one tar defines.
 */
function isLegacyTarHeader(head: Buffer): boolean {
  if (head.length < 512 || head[0] === 0) return false;
  const flag = head[156]!;
  if (!(flag === 0 || (flag >= 0x30 && flag <= 0x37))) return false;
  const field = head.toString('latin1', 148, 156).replace(/[\0 ]+$/g, '').replace(/^ +/, '');
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return sum === parseInt(field, 8);
}

/** The MTIME field of a gzip header (seconds; 0 means "not recorded"). */
export function gzipMtimeMs(head: Buffer): number | null {
  if (head.length < 8) return null;
  const seconds = head.readUInt32LE(4);
  return seconds === 0 ? null : seconds * 1000;
}
