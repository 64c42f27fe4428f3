import { verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { decodeBase64, encodeBase64 } from './base64';
import { pae } from './pae';
import { EVIDENCE_BUNDLE_PREDICATE_TYPE, evidenceBundlePredicateSchema, type EvidenceBundlePredicate } from './predicate';
import { statementSchema, type Statement } from './statement';

/** in-toto Envelope layer (in-toto/attestation spec/v1/envelope.md): payloadType for a JSON Statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** DSSE JSON envelope (secure-systems-lab/dsse, envelope.md). */
export interface Envelope {
  payload: string;
  payloadType: string;
  signatures: { keyid: string; sig: string }[];
}

export interface Signer {
  keyid: string;
  sign(data: Buffer): Buffer;
}

export type KeyLookup = (keyid: string) => KeyObject | null;

export interface VerifyResult {
  ok: boolean;
  statement?: Statement<EvidenceBundlePredicate>;
  signer?: string;
  problems: string[];
}

/** Sign per DSSE protocol.md "To sign": SIGNATURE = Sign(PAE(UTF8(PAYLOAD_TYPE), SERIALIZED_BODY)). */
export function signEnvelope(statement: Statement, signer: Signer): Envelope {
  const body = Buffer.from(JSON.stringify(statement), 'utf8');
  const sig = signer.sign(pae(IN_TOTO_PAYLOAD_TYPE, body));
  return { payload: encodeBase64(body), payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ keyid: signer.keyid, sig: encodeBase64(sig) }] };
}

/** Envelope shape; DSSE allows omitting empty fields, Sealdesk needs a keyid to pick the key. */
const envelopeSchema = z.object({
  payload: z.string(),
  payloadType: z.string(),
  signatures: z.array(z.object({ keyid: z.string().optional(), sig: z.string() })).min(1, 'needs at least one signature'),
});

function issues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${prefix}${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`);
}

function toObject(input: unknown): { value?: unknown; problem?: string } {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) return { value: input };
  try {
    return { value: JSON.parse(input.toString()) };
  } catch (err) {
    return { problem: `envelope is not valid JSON: ${(err as Error).message}` };
  }
}

function checkSignature(index: number, keyid: string | undefined, sigText: string, message: Buffer, keys: KeyLookup): string | null {
  const label = `signature ${index + 1}${keyid ? ` (keyid ${keyid})` : ''}`;
  if (!keyid) return `${label} has no keyid, so no key can be chosen for it`;
  const sig = decodeBase64(sigText);
  if (!sig) return `${label}: sig is not valid base64`;
  let key: KeyObject | null;
  try {
    key = keys(keyid);
  } catch (err) {
    return `${label}: key lookup failed: ${(err as Error).message}`;
  }
  if (!key) return `${label}: unknown keyid, no public key for it`;
  if (key.asymmetricKeyType !== 'ed25519') return `${label}: key is ${key.asymmetricKeyType ?? key.type}, expected Ed25519`;
  let good = false;
  try {
    good = verify(null, message, key, sig);
  } catch {
    good = false;
  }
  return good ? null : `${label}: signature does not verify over the payload and payloadType`;
}

/**
 * Verify per DSSE protocol.md "To verify": decode, verify every signature over PAE, reject an
 * unsupported payloadType, then parse the payload as an in-toto Statement v1 carrying the
 * Sealdesk evidence-bundle predicate. Strict: every signature present must verify. Never throws;
 * `statement` and `signer` are set only when ok.
 */
export function verifyEnvelope(envelope: unknown, keys: KeyLookup): VerifyResult {
  const fail = (problems: string[]): VerifyResult => ({ ok: false, problems });
  const { value, problem } = toObject(envelope);
  if (problem) return fail([problem]);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(['envelope is not a JSON object']);
  const shape = envelopeSchema.safeParse(value);
  if (!shape.success) return fail(issues('envelope', shape.error));
  const env = shape.data;

  const problems: string[] = [];
  const body = decodeBase64(env.payload);
  if (!body) return fail(['envelope.payload is not valid base64']);
  const message = pae(env.payloadType, body);

  env.signatures.forEach((s, i) => {
    const p = checkSignature(i, s.keyid, s.sig, message, keys);
    if (p) problems.push(p);
  });
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    problems.push(`payloadType is ${JSON.stringify(env.payloadType)}, expected ${JSON.stringify(IN_TOTO_PAYLOAD_TYPE)}`);
  }
  // Parse only authenticated bytes (protocol.md: parsing comes after signature verification).
  if (problems.length > 0) return fail(problems);

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return fail([`payload is not valid JSON: ${(err as Error).message}`]);
  }
  const st = statementSchema.safeParse(parsed);
  if (!st.success) return fail(issues('statement', st.error));
  if (st.data.predicateType !== EVIDENCE_BUNDLE_PREDICATE_TYPE) {
    return fail([`statement.predicateType is ${JSON.stringify(st.data.predicateType)}, expected ${JSON.stringify(EVIDENCE_BUNDLE_PREDICATE_TYPE)}`]);
  }
  const pred = evidenceBundlePredicateSchema.safeParse(st.data.predicate);
  if (!pred.success) return fail(issues('statement.predicate', pred.error));

  const statement: Statement<EvidenceBundlePredicate> = { ...st.data, predicate: pred.data };
  return { ok: true, statement, signer: env.signatures[0]?.keyid, problems: [] };
}
