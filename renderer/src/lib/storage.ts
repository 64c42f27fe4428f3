/**
 * UI preferences kept in the browser profile (theme, columns, recent cases). Never case
 * data: that lives in the case. A blocked or full storage only loses the preference.
 */
export function loadPref<T>(key: string, fallback: T, valid: (x: unknown) => x is T): T {
  try {
    const raw = localStorage.getItem(`sealdesk.${key}`);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function savePref(key: string, value: unknown): void {
  try {
    localStorage.setItem(`sealdesk.${key}`, JSON.stringify(value));
  } catch {
    // Private mode or quota: the preference is simply not remembered.
  }
}
