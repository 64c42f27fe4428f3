import { z } from 'zod';
import { NORMALIZED_FIELDS } from './types';

/** Scalars in `match:` may be written unquoted (`uid: 1001`); they are compared as text. */
const matchScalar = z.union([z.string().min(1, 'an empty value matches nothing; remove it or write a value'), z.number(), z.boolean()]).transform(String);
const matchValue = z.union([matchScalar, z.array(matchScalar).min(1, 'an empty list matches nothing')]);

const name = z
  .string()
  .min(1, 'a name cannot be empty')
  .max(200)
  .regex(/^[^\s,]+$/, 'a name cannot contain spaces or commas');

const globList = z.array(z.string()).default([]);

const matchShape = Object.fromEntries(NORMALIZED_FIELDS.map((f) => [f, matchValue.optional()])) as Record<(typeof NORMALIZED_FIELDS)[number], z.ZodOptional<typeof matchValue>>;

export const matchSchema = z
  .strictObject({ ...matchShape, attrs: z.record(z.string().min(1), matchValue).optional() })
  .refine((m) => Object.values(m).some((v) => v !== undefined && (typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length > 0)), {
    message: 'match needs at least one field, or the principal would match every event',
  });

export const principalSchema = z.strictObject({
  name,
  description: z.string().optional(),
  match: matchSchema,
  group: name.optional(),
  datasets: z.array(z.string()).default([]),
  cache: globList,
});

export const datasetSchema = z.strictObject({
  name,
  description: z.string().optional(),
  paths: z.array(z.string()).min(1, 'a dataset needs at least one path or resource pattern'),
  provenance: z.string().min(1).optional(),
  sha256: z
    .string()
    .regex(/^(?:sha-?256:)?[0-9a-fA-F]{64}$/, 'sha256 must be 64 hexadecimal digits')
    .transform((s) => s.replace(/^sha-?256:/i, '').toLowerCase())
    .optional(),
  registry_entries: z.array(z.string().min(1)).default([]),
});

export const policySchema = z.strictObject({
  version: z.literal(1, 'version must be 1 (the only policy format so far)').default(1),
  name,
  description: z.string().optional(),
  registry: z.string().min(1).optional(),
  resource_field: z
    .string()
    .refine((f) => (NORMALIZED_FIELDS as readonly string[]).includes(f) || /^attrs\.[^.\s]+(?:\.[^.\s]+)*$/.test(f), {
      message: `resource_field must be one of ${NORMALIZED_FIELDS.join(', ')} or attrs.<field>`,
    })
    .default('resource'),
  monitored: globList,
  principals: z.array(principalSchema).min(1, 'a policy needs at least one principal'),
  datasets: z.array(datasetSchema).default([]),
});

export type PolicyDoc = z.infer<typeof policySchema>;

/** Allowed keys per object, for "unknown key" messages that say what would be accepted. */
export const ALLOWED_KEYS: Record<string, string[]> = {
  policy: Object.keys(policySchema.shape),
  principal: Object.keys(principalSchema.shape),
  dataset: Object.keys(datasetSchema.shape),
  match: [...NORMALIZED_FIELDS, 'attrs'],
};
