import type { CaseInfo } from '../../../../shared/model';
import { loadPref, savePref } from '../../lib/storage';

export interface RecentCase {
  path: string;
  name: string;
  openedAt: string;
}

const MAX = 8;

function isRecentList(x: unknown): x is RecentCase[] {
  return Array.isArray(x) && x.every((r) => typeof r?.path === 'string' && typeof r?.name === 'string' && typeof r?.openedAt === 'string');
}

export function loadRecent(): RecentCase[] {
  return loadPref('recentCases', [], isRecentList);
}

/** Most recent first; the sample case is not worth remembering. */
export function rememberCase(c: CaseInfo): void {
  if (c.sample) return;
  const rest = loadRecent().filter((r) => r.path !== c.path);
  savePref('recentCases', [{ path: c.path, name: c.name, openedAt: new Date().toISOString() }, ...rest].slice(0, MAX));
}

export function forgetCase(path: string): RecentCase[] {
  const rest = loadRecent().filter((r) => r.path !== path);
  savePref('recentCases', rest);
  return rest;
}
