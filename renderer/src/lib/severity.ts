/** Severity words from many formats folded into four levels, for row colouring only. */
export type SeverityLevel = 'critical' | 'error' | 'warning' | 'info';

const LEVELS: Record<string, SeverityLevel> = {
  emerg: 'critical', emergency: 'critical', alert: 'critical', crit: 'critical', critical: 'critical', fatal: 'critical', high: 'critical',
  err: 'error', error: 'error', failure: 'error', severe: 'error',
  warn: 'warning', warning: 'warning', medium: 'warning', notice: 'warning',
};

export function severityLevel(severity: string | null | undefined): SeverityLevel {
  if (!severity) return 'info';
  const s = severity.trim().toLowerCase();
  if (LEVELS[s]) return LEVELS[s];
  // Numeric syslog severities: 0-2 critical, 3 error, 4 warning.
  if (/^[0-7]$/.test(s)) return s <= '2' ? 'critical' : s === '3' ? 'error' : s === '4' ? 'warning' : 'info';
  return 'info';
}
