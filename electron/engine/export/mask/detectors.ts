import { detectEmail, detectIPv4, detectIPv6 } from './detect-net';
import { detectCard, detectIBAN, detectPhone, detectSSN } from './detect-num';
import { resolveOverlaps } from './spans';
import type { Detector, DetectorId, Span } from './types';

export const DETECTORS: Readonly<Record<DetectorId, Detector>> = {
  email: detectEmail,
  ipv4: detectIPv4,
  ipv6: detectIPv6,
  card: detectCard,
  ssn: detectSSN,
  phone: detectPhone,
  iban: detectIBAN,
};

/** All hits of the given detectors in `text`, overlaps resolved. */
export function detectAll(text: string, ids: readonly DetectorId[]): Span[] {
  return resolveOverlaps(ids.flatMap((id) => DETECTORS[id](text)));
}
