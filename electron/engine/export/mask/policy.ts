import { z } from 'zod';
import { DETECTOR_IDS, MASK_MODES } from './types';

export const maskModeSchema = z.enum(MASK_MODES);

const detectorSettingSchema = z.strictObject({
  enabled: z.boolean().default(true),
  mode: maskModeSchema.optional(),
});

/** Normalized event fields that can be masked whole (the others are enums or provenance). */
export const MASKABLE_FIELDS = ['host', 'user', 'src_ip', 'dst_ip', 'resource', 'action'] as const;
export type MaskableField = (typeof MASKABLE_FIELDS)[number];

const fieldsShape = Object.fromEntries(MASKABLE_FIELDS.map((f) => [f, maskModeSchema.optional()])) as Record<
  MaskableField,
  z.ZodOptional<typeof maskModeSchema>
>;
const detectorsShape = Object.fromEntries(DETECTOR_IDS.map((d) => [d, detectorSettingSchema.optional()])) as Record<
  (typeof DETECTOR_IDS)[number],
  z.ZodOptional<typeof detectorSettingSchema>
>;

/**
 * The masking policy. Strict objects: a misspelt detector or field name must fail loudly,
 * not silently leave data unmasked. Detectors not named are enabled, because `--mask`
 * promises personal data is masked unless the policy says otherwise.
 */
export const maskPolicySchema = z.strictObject({
  /** Mode for detectors that do not name one. */
  defaultMode: maskModeSchema.default('redact'),
  detectors: z.strictObject(detectorsShape).default({}),
  /** Normalized fields masked whole, and their value masked wherever else it occurs in the event. */
  fields: z.strictObject(fieldsShape).default({}),
  /** attrs keys (exact dotted names) masked whole, with the same propagation as `fields`. */
  attrs: z.record(z.string().min(1), maskModeSchema).default({}),
});

export type MaskPolicyInput = z.input<typeof maskPolicySchema>;
export type MaskPolicy = z.output<typeof maskPolicySchema>;

export function parseMaskPolicy(input: unknown): MaskPolicy {
  return maskPolicySchema.parse(input);
}
