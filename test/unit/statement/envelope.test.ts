import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pae, signEnvelope, verifyEnvelope, type Envelope } from '../../../electron/engine/export/statement';
import { bundleStatement, keyPair, predicate, sha } from './fixtures';

const alice = keyPair('alice-key');
const keys = (id: string) => (id === 'alice-key' ? alice.publicKey : null);
const TYPE = 'application/vnd.in-toto+json';

function signed(): Envelope {
  return signEnvelope(bundleStatement(), alice.signer);
}

/** An envelope over arbitrary payload bytes, correctly signed by alice. */
function signedRaw(body: Buffer, payloadType = TYPE): Envelope {
  return { payload: body.toString('base64'), payloadType, signatures: [{ keyid: 'alice-key', sig: alice.signer.sign(pae(payloadType, body)).toString('base64') }] };
}

function problems(env: unknown): string[] {
  const r = verifyEnvelope(env, keys);
  expect(r.ok).toBe(false);
  expect(r.statement).toBeUndefined();
  expect(r.problems.length).toBeGreaterThan(0);
  return r.problems;
}

describe('signEnvelope / verifyEnvelope', () => {
  it('round-trips a signed statement', () => {
    const env = signed();
    expect(env.payloadType).toBe(TYPE);
    expect(env.signatures).toHaveLength(1);
    expect(env.signatures[0]!.keyid).toBe('alice-key');
    expect(Buffer.from(env.signatures[0]!.sig, 'base64')).toHaveLength(64);
    const r = verifyEnvelope(env, keys);
    expect(r).toEqual({ ok: true, statement: bundleStatement(), signer: 'alice-key', problems: [] });
  });

  it('accepts the envelope as JSON text and with URL-safe base64 (DSSE: verifiers accept either)', () => {
    const env = signed();
    expect(verifyEnvelope(JSON.stringify(env), keys).ok).toBe(true);
    expect(verifyEnvelope(Buffer.from(JSON.stringify(env)), keys).ok).toBe(true);
    const urlSafe = {
      ...env,
      payload: Buffer.from(env.payload, 'base64').toString('base64url'),
      signatures: env.signatures.map((s) => ({ ...s, sig: Buffer.from(s.sig, 'base64').toString('base64url') })),
    };
    expect(verifyEnvelope(urlSafe, keys).ok).toBe(true);
  });

  it('signs the PAE, not the raw payload', () => {
    const env = signed();
    const body = Buffer.from(env.payload, 'base64');
    expect(alice.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(JSON.parse(body.toString())._type).toBe('https://in-toto.io/Statement/v1');
    const asRaw = { ...env, signatures: [{ keyid: 'alice-key', sig: alice.signer.sign(body).toString('base64') }] };
    expect(problems(asRaw)).toEqual(['signature 1 (keyid alice-key): signature does not verify over the payload and payloadType']);
  });
});

describe('tampering', () => {
  it('a flipped payload byte breaks the signature', () => {
    const env = signed();
    const body = Buffer.from(env.payload, 'base64');
    body.writeUInt8(body.readUInt8(body.length - 2) ^ 0x01, body.length - 2);
    expect(problems({ ...env, payload: body.toString('base64') })).toEqual([
      'signature 1 (keyid alice-key): signature does not verify over the payload and payloadType',
    ]);
  });

  it('a changed payloadType breaks the signature and is named', () => {
    expect(problems({ ...signed(), payloadType: 'application/json' })).toEqual([
      'signature 1 (keyid alice-key): signature does not verify over the payload and payloadType',
      'payloadType is "application/json", expected "application/vnd.in-toto+json"',
    ]);
  });

  it('a correctly signed but unsupported payloadType is still refused', () => {
    const body = Buffer.from(JSON.stringify(bundleStatement()));
    expect(problems(signedRaw(body, 'application/json'))).toEqual(['payloadType is "application/json", expected "application/vnd.in-toto+json"']);
  });

  it('a changed signature fails', () => {
    const env = signed();
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    sig.writeUInt8(sig.readUInt8(0) ^ 0x80, 0);
    expect(problems({ ...env, signatures: [{ keyid: 'alice-key', sig: sig.toString('base64') }] })).toEqual([
      'signature 1 (keyid alice-key): signature does not verify over the payload and payloadType',
    ]);
    expect(problems({ ...env, signatures: [{ keyid: 'alice-key', sig: sig.subarray(0, 40).toString('base64') }] })[0]).toContain('does not verify');
  });

  it('an unknown keyid fails, and so does a signature by another key under a known keyid', () => {
    const env = signed();
    expect(problems({ ...env, signatures: [{ keyid: 'mallory', sig: env.signatures[0]!.sig }] })).toEqual([
      'signature 1 (keyid mallory): unknown keyid, no public key for it',
    ]);
    const mallory = keyPair('alice-key');
    expect(problems(signEnvelope(bundleStatement(), mallory.signer))[0]).toContain('does not verify');
  });

  it('a changed subject digest in the payload breaks the signature', () => {
    const env = signed();
    const st = JSON.parse(Buffer.from(env.payload, 'base64').toString());
    st.subject[0].digest.sha256 = sha('forged');
    const payload = Buffer.from(JSON.stringify(st)).toString('base64');
    expect(problems({ ...env, payload })).toEqual(['signature 1 (keyid alice-key): signature does not verify over the payload and payloadType']);
  });

  it('every signature must verify', () => {
    const env = signed();
    const extra = { ...env, signatures: [...env.signatures, { keyid: 'bob', sig: env.signatures[0]!.sig }] };
    expect(problems(extra)).toEqual(['signature 2 (keyid bob): unknown keyid, no public key for it']);
  });

  it('refuses a key that is not Ed25519', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verifyEnvelope(signed(), () => publicKey).problems).toEqual(['signature 1 (keyid alice-key): key is ec, expected Ed25519']);
  });

  it('reports a throwing key lookup instead of throwing', () => {
    const r = verifyEnvelope(signed(), () => {
      throw new Error('trust store locked');
    });
    expect(r.problems).toEqual(['signature 1 (keyid alice-key): key lookup failed: trust store locked']);
  });
});

describe('statement checks after a valid signature', () => {
  it('refuses a payload that is not JSON', () => {
    expect(problems(signedRaw(Buffer.from('not json')))[0]).toMatch(/^payload is not valid JSON/);
  });

  it('refuses a wrong _type, bad subjects and duplicates', () => {
    const st = bundleStatement() as unknown as Record<string, unknown>;
    const bad = {
      ...st,
      _type: 'https://in-toto.io/Statement/v0.1',
      subject: [
        { name: '../x', digest: { sha256: sha('a') } },
        { name: 'b', digest: { sha256: 'ABC' } },
      ],
    };
    const p = problems(signedRaw(Buffer.from(JSON.stringify(bad))));
    expect(p).toContain('statement._type: Invalid input: expected "https://in-toto.io/Statement/v1"');
    expect(p).toContain('statement.subject.0.name: subject name "../x" contains a \'..\' segment');
    expect(p).toContain('statement.subject.1.digest.sha256: sha256 must be 64 lowercase hex characters');
  });

  it('refuses duplicate subject names', () => {
    const st = bundleStatement();
    const dup = { ...st, subject: [...st.subject, st.subject[0]] };
    expect(problems(signedRaw(Buffer.from(JSON.stringify(dup))))).toEqual(['statement.subject: duplicate subject name "events/events.csv"']);
  });

  it('refuses another predicate type and a malformed predicate', () => {
    const st = bundleStatement();
    expect(problems(signedRaw(Buffer.from(JSON.stringify({ ...st, predicateType: 'https://slsa.dev/provenance/v1' }))))).toEqual([
      'statement.predicateType is "https://slsa.dev/provenance/v1", expected "https://sealdesk.app/evidence-bundle/v1"',
    ]);
    const pred = { ...predicate, treeHead: { ...predicate.treeHead, rootHash: 'zz', size: -1 }, analyst: undefined };
    const p = problems(signedRaw(Buffer.from(JSON.stringify({ ...st, predicate: pred }))));
    expect(p.some((x) => x.startsWith('statement.predicate.treeHead.rootHash:'))).toBe(true);
    expect(p.some((x) => x.startsWith('statement.predicate.treeHead.size:'))).toBe(true);
    expect(p.some((x) => x.startsWith('statement.predicate.analyst:'))).toBe(true);
  });
});

describe('malformed envelopes give problems, never throw', () => {
  const env = signed();
  it.each<[string, unknown, string]>([
    ['null', null, 'envelope is not a JSON object'],
    ['a number', 42, 'envelope is not a JSON object'],
    ['an array', [env], 'envelope is not a JSON object'],
    ['broken JSON text', '{"payload":', 'envelope is not valid JSON'],
    ['JSON text of a string', '"hi"', 'envelope is not a JSON object'],
    ['no payload', { payloadType: TYPE, signatures: env.signatures }, 'envelope.payload:'],
    ['no payloadType', { payload: env.payload, signatures: env.signatures }, 'envelope.payloadType:'],
    ['no signatures', { payload: env.payload, payloadType: TYPE }, 'envelope.signatures:'],
    ['empty signatures', { ...env, signatures: [] }, 'envelope.signatures: needs at least one signature'],
    ['signature without sig', { ...env, signatures: [{ keyid: 'alice-key' }] }, 'envelope.signatures.0.sig:'],
    ['signature without keyid', { ...env, signatures: [{ sig: env.signatures[0]!.sig }] }, 'signature 1 has no keyid'],
    ['payload of the wrong type', { ...env, payload: 7 }, 'envelope.payload:'],
    ['bad base64 payload', { ...env, payload: 'not base64!!' }, 'envelope.payload is not valid base64'],
    ['base64 with a bad length', { ...env, payload: env.payload + 'A' }, 'envelope.payload is not valid base64'],
    ['mixed base64 alphabets', { ...env, payload: 'ab+_' }, 'envelope.payload is not valid base64'],
    ['bad base64 sig', { ...env, signatures: [{ keyid: 'alice-key', sig: '***' }] }, 'signature 1 (keyid alice-key): sig is not valid base64'],
  ])('%s', (_label, input, expected) => {
    let result: ReturnType<typeof verifyEnvelope> | undefined;
    expect(() => {
      result = verifyEnvelope(input, keys);
    }).not.toThrow();
    expect(result!.ok).toBe(false);
    expect(result!.problems.some((p) => p.startsWith(expected))).toBe(true);
  });

  it('never throws on an empty or oversized signature', () => {
    const long = Buffer.alloc(200, 1).toString('base64');
    expect(verifyEnvelope({ ...env, signatures: [{ keyid: 'alice-key', sig: long }] }, keys).problems[0]).toContain('does not verify');
    expect(() => verifyEnvelope({ ...env, signatures: [{ keyid: 'alice-key', sig: '' }] }, keys)).not.toThrow();
    expect(verifyEnvelope({ ...env, signatures: [{ keyid: 'alice-key', sig: '' }] }, keys).ok).toBe(false);
  });
});
