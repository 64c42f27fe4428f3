import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { AppError } from '../../../../shared/errors';
import type { PolicyPosition } from './types';

/** A path into the policy document, as zod reports it: keys and list indexes. */
export type DocPath = readonly PropertyKey[];

/** Where a path is written, and whether the whole path exists in the YAML (false: a key is missing). */
export interface Located {
  at: PolicyPosition;
  found: boolean;
}

/**
 * Map a document path to a line and column. `keyOf` points at the key of the last segment
 * (for "unknown key" and "duplicate name" messages the key is what the author must change);
 * otherwise the value. A path that goes beyond the YAML (a missing key) stops at the
 * deepest existing node, which is the object the key is missing from.
 */
export function locate(doc: Document, lc: LineCounter, path: DocPath, keyOf = false): Located {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  let found = true;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) {
        found = false;
        break;
      }
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      offset = last && keyOf ? (keyNode.range?.[0] ?? offset) : (valueNode?.range?.[0] ?? keyNode.range?.[0] ?? offset);
      node = valueNode;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      const item = node.items[seg] as Node;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      found = false;
      break;
    }
  }
  const { line, col } = lc.linePos(offset);
  return { at: { line, column: col }, found };
}

/** The refusal of a malformed policy: `file:line:col: reason`, with the position in details. */
export function policyError(file: string, at: PolicyPosition, reason: string): AppError {
  return new AppError('invalid_input', `${file}:${at.line}:${at.column}: ${reason}`, { file, line: at.line, column: at.column, reason });
}

/** A readable label for a path: `principals[1].match.attrs.exe`. */
export function pathLabel(path: DocPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `${out === '' ? '' : '.'}${String(seg)}`;
  return out === '' ? 'the policy' : out;
}
