export { createMasker, type Masker, type MaskDescription } from './masker';
export { maskPolicySchema, parseMaskPolicy, MASKABLE_FIELDS, type MaskPolicy, type MaskPolicyInput, type MaskableField } from './policy';
export { DETECTORS, detectAll } from './detectors';
export { resolveOverlaps } from './spans';
export { detectEmail, detectIPv4, detectIPv6 } from './detect-net';
export { detectCard, detectIBAN, detectPhone, detectSSN } from './detect-num';
export { luhnValid, ibanValid, mod97 } from './checksums';
export { DETECTOR_IDS, MASK_MODES, type Detector, type DetectorId, type MaskMode, type Span } from './types';
