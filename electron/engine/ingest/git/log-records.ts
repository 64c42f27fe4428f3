import type { ByteReader } from './byte-reader';

/** One changed file of a commit, as `git log --name-status -z` reports it (paths are raw bytes). */
export interface RawChange {
  /** A, C, D, M, R, T, U, X or B, followed by a similarity score for R and C. */
  status: string;
  path: Buffer;
  /** The source path of a rename or copy. */
  from: Buffer | null;
}

/** One commit of the log, with the signature check git made. */
export interface LogRecord {
  id: string;
  /** %G?, %GK, %GS. */
  sigStatus: string;
  sigKey: string;
  signer: string;
  changes: RawChange[];
}

/** The format the records are read with: the id and the three signature fields, NUL-separated. */
export const LOG_FORMAT = '--format=%H%x00%G?%x00%GK%x00%GS';

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const STATUS = /^[ACDMRTUXB][0-9]*$/;

/** Thrown when git's output does not have the shape asked for (a git bug, or output cut off). */
export class LogShapeError extends Error {
  override readonly name = 'LogShapeError';
}

/**
 * Split `git log -z <LOG_FORMAT> --name-status` output into commits. With -z every field
 * and path ends with NUL and paths are never quoted, so any byte but NUL may appear in a
 * path. A token where a change may start is either an object id (lower-case hex, the next
 * commit) or a status (upper-case letter): the two never look alike.
 */
export async function* logRecords(r: ByteReader): AsyncGenerator<LogRecord> {
  let tok = await r.until(0);
  while (tok !== null) {
    const id = tok.toString('latin1');
    if (!OBJECT_ID.test(id)) throw new LogShapeError(`expected a commit id, got ${JSON.stringify(id.slice(0, 80))}`);
    const sigStatus = (await r.until(0))?.toString('utf8') ?? '';
    const sigKey = (await r.until(0))?.toString('utf8') ?? '';
    const signer = (await r.until(0))?.toString('utf8') ?? '';
    const rec: LogRecord = { id, sigStatus, sigKey, signer, changes: [] };
    for (;;) {
      tok = await r.until(0);
      if (tok === null) break;
      // The change list is separated from the header by a newline.
      const t = (tok[0] === 0x0a ? tok.subarray(1) : tok).toString('latin1');
      if (t === '') continue;
      if (OBJECT_ID.test(t)) {
        tok = Buffer.from(t, 'latin1');
        break;
      }
      if (!STATUS.test(t)) throw new LogShapeError(`expected a change status in commit ${id}, got ${JSON.stringify(t.slice(0, 80))}`);
      const first = await r.until(0);
      if (first === null) throw new LogShapeError(`output ends inside commit ${id}`);
      if (t[0] === 'R' || t[0] === 'C') {
        const second = await r.until(0);
        if (second === null) throw new LogShapeError(`output ends inside commit ${id}`);
        rec.changes.push({ status: t, path: second, from: first });
      } else rec.changes.push({ status: t, path: first, from: null });
    }
    yield rec;
  }
}
