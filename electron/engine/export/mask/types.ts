/** The kinds of personal data the detectors recognize in free text. */
export const DETECTOR_IDS = ['email', 'ipv4', 'ipv6', 'card', 'ssn', 'phone', 'iban'] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

/**
 * How a value is masked:
 * - `redact` replaces it with a category label (`[EMAIL]`), losing all identity;
 * - `pseudonym` replaces it with a keyed token, so the same value reads the same within one export;
 * - `partial` keeps a fragment (domain, network prefix, last digits) for triage.
 */
export const MASK_MODES = ['redact', 'pseudonym', 'partial'] as const;
export type MaskMode = (typeof MASK_MODES)[number];

/** A detector hit: half-open [start, end) UTF-16 offsets into the scanned string. */
export interface Span {
  start: number;
  end: number;
  kind: DetectorId;
}

export type Detector = (text: string) => Span[];
