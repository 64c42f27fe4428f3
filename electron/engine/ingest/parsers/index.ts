import type { FormatId } from '../../../../shared/model';
import type { DetectSample, Parser } from '../types';
import { accessParser } from './access';
import { auditdParser } from './auditd';
import { checksumsParser } from './checksums';
import { cloudtrailParser } from './cloudtrail';
import { csvParser } from './csv';
import { evtxParser } from './evtx/index';
import { gitParser } from './git';
import { inventoryParser } from './inventory';
import { jsonlParser } from './jsonl';
import { syslog3164Parser } from './syslog3164';
import { syslog5424Parser } from './syslog5424';
import { textParser } from './text';

/** Every parser, in tie-break order (earlier wins on equal confidence); `text` is last. */
export const PARSERS: Parser[] = [
  evtxParser,
  gitParser,
  checksumsParser,
  cloudtrailParser,
  auditdParser,
  syslog5424Parser,
  accessParser,
  syslog3164Parser,
  jsonlParser,
  csvParser,
  textParser,
  // Never detected (confidence 0): only used when forced with --format inventory.
  inventoryParser,
];

const BY_ID = new Map<FormatId, Parser>(PARSERS.map((p) => [p.id, p]));

/** The parser for a format id (every FormatId has one). */
export function getParser(id: FormatId): Parser {
  const p = BY_ID.get(id);
  if (!p) throw new Error(`no parser for format "${id}"`);
  return p;
}

/**
 * The most likely format of a file from its sample. `text` always accepts with low
 * confidence, so the answer is never empty; a detector that throws counts as 0.
 */
export function detectFormat(sample: DetectSample): { id: FormatId; confidence: number } {
  let best: { id: FormatId; confidence: number } = { id: 'text', confidence: 0 };
  for (const p of PARSERS) {
    let c = 0;
    try {
      c = p.detect(sample);
    } catch {
      c = 0;
    }
    if (c > best.confidence) best = { id: p.id, confidence: c };
  }
  if (best.confidence === 0) best = { id: 'text', confidence: 0.01 };
  return best;
}
