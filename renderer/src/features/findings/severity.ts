/** Finding severities as the engine stores them (Sigma levels, informational as info), most severe first. */
export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** A CSS class for a severity word; anything unexpected is shown neutral rather than guessed. */
export function severityClass(severity: string): string {
  return (FINDING_SEVERITIES as readonly string[]).includes(severity) ? `fsev-${severity}` : 'fsev-other';
}

export const STATUS_TEXT = { open: 'Open', confirmed: 'Confirmed', false_positive: 'False positive' } as const;
export type FindingStatus = keyof typeof STATUS_TEXT;
export const STATUSES = Object.keys(STATUS_TEXT) as FindingStatus[];
