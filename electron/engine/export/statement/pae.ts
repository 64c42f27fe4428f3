/**
 * DSSE Pre-Authentication Encoding (secure-systems-lab/dsse, protocol.md, "Signature Definition"):
 *
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
 *
 * where SP is one ASCII space, type is UTF8(PAYLOAD_TYPE) and LEN is the ASCII decimal byte
 * length with no leading zeros. The signature covers these bytes, never the base64 text.
 */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  const head = Buffer.from(`DSSEv1 ${type.length} `, 'ascii');
  const mid = Buffer.from(` ${payload.length} `, 'ascii');
  return Buffer.concat([head, type, mid, payload]);
}
