import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../../electron/engine/ingest/git/byte-reader';
import { parseCommitObject, parseIdent } from '../../../electron/engine/ingest/git/commit-object';
import { logRecords, LogShapeError } from '../../../electron/engine/ingest/git/log-records';
import { gitParser } from '../../../electron/engine/ingest/parsers/git';

async function* chunks(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

async function records(raw: Buffer, size = 3) {
  const out = [];
  for await (const r of logRecords(new ByteReader(chunks(raw, size)))) out.push(r);
  return out;
}

describe('git log -z records', () => {
  it('splits commits, empty commits, renames and paths holding any byte but NUL', async () => {
    const raw = Buffer.concat([
      Buffer.from(`${A}\0N\0\0\0`),
      Buffer.from(`${B}\0G\0KEY\0Sam\0\nR087\0old\0new\nname\0M\0`),
      Buffer.from([0xff, 0x41]),
      Buffer.from('\0D\0B1234\0'),
    ]);
    for (const size of [1, 3, 1000]) {
      const recs = await records(raw, size);
      expect(recs.map((r) => r.id)).toEqual([A, B]);
      expect(recs[0]!.changes).toEqual([]);
      expect(recs[1]).toMatchObject({ sigStatus: 'G', sigKey: 'KEY', signer: 'Sam' });
      expect(recs[1]!.changes.map((c) => [c.status, c.from?.toString() ?? null, c.path.toString('latin1')])).toEqual([
        ['R087', 'old', 'new\nname'],
        ['M', null, '\xffA'],
        ['D', null, 'B1234'],
      ]);
    }
  });

  it('refuses output of the wrong shape instead of guessing', async () => {
    await expect(records(Buffer.from('not-an-id\0'))).rejects.toThrow(LogShapeError);
    await expect(records(Buffer.from(`${A}\0N\0\0\0??\0x\0`))).rejects.toThrow(/expected a change status/);
  });
});

describe('raw commit objects', () => {
  it('reads headers, continuation lines, signatures and the message', () => {
    const raw = Buffer.from(
      `tree ${A}\nparent ${B}\nparent ${A}\nauthor Ann O'Nymous <ann@x> 1700000000 +0130\ncommitter C <c@x> 1700000100 -0800\nmergetag object ${A}\n type commit\ngpgsig -----BEGIN SSH SIGNATURE-----\n abc\n -----END SSH SIGNATURE-----\n\nsubject\n\nbody\n`,
    );
    const c = parseCommitObject(raw);
    expect(c.tree).toBe(A);
    expect(c.parents).toEqual([B, A]);
    expect(c.author).toMatchObject({ name: "Ann O'Nymous", email: 'ann@x', time: 1700000000, tz: '+0130' });
    expect(c.committer).toMatchObject({ name: 'C', time: 1700000100, tz: '-0800' });
    expect(c.signature).toBe('ssh');
    expect(c.otherHeaders).toEqual(['mergetag']);
    expect(c.message).toBe('subject\n\nbody\n');
    expect(c.invalidText).toBe(false);
  });

  it('decodes a declared legacy encoding and flags bytes that are not valid', () => {
    const latin = parseCommitObject(Buffer.concat([Buffer.from(`tree ${A}\nauthor a <a> 1 +0000\ncommitter a <a> 1 +0000\nencoding ISO-8859-1\n\n`), Buffer.from([0x63, 0x61, 0x66, 0xe9])]));
    expect(latin.message).toBe('café');
    expect(latin.invalidText).toBe(false);
    const bad = parseCommitObject(Buffer.concat([Buffer.from(`tree ${A}\n\n`), Buffer.from([0xff])]));
    expect(bad.invalidText).toBe(true);
  });

  it.each([
    ['A <a@x> 1700000000 +0000', { name: 'A', email: 'a@x', time: 1700000000 }],
    ['<a@x> 5 +0000', { name: '', email: 'a@x', time: 5 }],
    ['Broken <b@x> yesterday', { name: 'Broken', email: 'b@x', time: null, tz: null }],
  ])('ident %j', (line, want) => {
    expect(parseIdent(line)).toMatchObject(want);
  });
});

describe('git bundle detection', () => {
  it.each([
    ['# v2 git bundle\nabc refs/heads/main\n', 1],
    ['# v3 git bundle\n@object-format=sha256\n', 1],
    ['# v4 git bundle\n', 0],
    ['git bundle\n', 0],
  ])('%j -> %s', (text, want) => {
    expect(gitParser.detect({ name: 'x', head: Buffer.from(text), lines: text.split('\n') })).toBe(want);
  });
});
