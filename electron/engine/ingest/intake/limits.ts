import { Refusal } from './errors';
import type { IntakeLimits } from './types';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: IntakeLimits = {
  maxDepth: 4,
  maxEntries: 100_000,
  maxEntryBytes: 16 * GiB,
  maxTotalBytes: 64 * GiB,
  maxRatio: 200,
  ratioFloorBytes: 64 * MiB,
  maxNameBytes: 1024,
  maxComponentBytes: 255,
};

export function resolveLimits(partial: Partial<IntakeLimits> | undefined): IntakeLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0)) throw new TypeError(`intake limit ${key} must be a non-negative number`);
    limits[key as keyof IntakeLimits] = value;
  }
  return limits;
}

export function formatBytes(n: number): string {
  if (n >= GiB && n % GiB === 0) return `${n / GiB} GiB`;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  return `${n} bytes`;
}

/**
 * What one top-level archive tree may still consume. Every check runs on bytes actually
 * streamed out of a decompressor or parser, before they are written: size fields in
 * headers are attacker-controlled and are never trusted for any limit.
 */
export class Budget {
  entries = 0;
  bytes = 0;
  private readonly compressedSize: number;

  constructor(
    readonly limits: IntakeLimits,
    compressedSize: number,
  ) {
    this.compressedSize = Math.max(1, compressedSize);
  }

  addEntry(where: string): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new Refusal(`more than ${this.limits.maxEntries} entries (limit reached at "${where}")`);
    }
  }

  /** Account for `n` more bytes of a member that has streamed `entryBytes` so far; throws before any limit is crossed. */
  addBytes(n: number, entryBytes: number, where: string): void {
    const { maxEntryBytes, maxTotalBytes, maxRatio, ratioFloorBytes } = this.limits;
    if (entryBytes + n > maxEntryBytes) {
      throw new Refusal(`entry "${where}" is larger than the ${formatBytes(maxEntryBytes)} limit for one entry`);
    }
    const total = this.bytes + n;
    if (total > maxTotalBytes) {
      throw new Refusal(`uncompressed contents exceed the ${formatBytes(maxTotalBytes)} limit (reached in "${where}")`);
    }
    // A small floor lets tiny archives of repetitive text through; past it, a high ratio is the signature of a decompression bomb.
    if (total > ratioFloorBytes && total / this.compressedSize > maxRatio) {
      throw new Refusal(
        `compression ratio over ${maxRatio}:1 (${total} bytes out of ${this.compressedSize}; likely a decompression bomb, stopped in "${where}")`,
      );
    }
    this.bytes = total;
  }
}
