/**
 * The masking choices of the export dialog and the `mask` policy object they build for
 * `export.start`. The names mirror electron/engine/export/mask (types.ts, policy.ts): the
 * engine's policy schema is strict, so a name that drifts apart fails the export loudly
 * rather than leaving data unmasked.
 */
export const DETECTORS = [
  { id: 'email', label: 'Email addresses' },
  { id: 'ipv4', label: 'IPv4 addresses' },
  { id: 'ipv6', label: 'IPv6 addresses' },
  { id: 'card', label: 'Card numbers' },
  { id: 'ssn', label: 'US social security numbers' },
  { id: 'phone', label: 'Phone numbers' },
  { id: 'iban', label: 'IBANs' },
] as const;
export type DetectorId = (typeof DETECTORS)[number]['id'];

export const MASK_FIELDS = ['host', 'user', 'src_ip', 'dst_ip', 'resource', 'action'] as const;
export type MaskField = (typeof MASK_FIELDS)[number];

export const MODES = ['redact', 'pseudonym', 'partial'] as const;
export type MaskMode = (typeof MODES)[number];

export const MODE_TEXT: Record<MaskMode, string> = {
  redact: 'redact',
  pseudonym: 'pseudonym',
  partial: 'partial',
};

export interface MaskChoices {
  detectors: Record<DetectorId, { enabled: boolean; mode: MaskMode }>;
  fields: Record<MaskField, MaskMode | 'none'>;
}

export function defaultChoices(): MaskChoices {
  return {
    detectors: Object.fromEntries(DETECTORS.map((d) => [d.id, { enabled: true, mode: 'redact' }])) as MaskChoices['detectors'],
    fields: Object.fromEntries(MASK_FIELDS.map((f) => [f, 'none'])) as MaskChoices['fields'],
  };
}

/**
 * The policy for export.start. Every detector is named explicitly (enabled or not): the
 * engine enables detectors a policy leaves out, so leaving one out would not turn it off.
 */
export function buildPolicy(c: MaskChoices): Record<string, unknown> {
  const detectors = Object.fromEntries(DETECTORS.map((d) => [d.id, { enabled: c.detectors[d.id].enabled, mode: c.detectors[d.id].mode }]));
  const fields = Object.fromEntries(MASK_FIELDS.filter((f) => c.fields[f] !== 'none').map((f) => [f, c.fields[f]]));
  return { detectors, fields };
}
