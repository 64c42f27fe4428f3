import { useCallback, useEffect, useState } from 'react';
import { loadPref, savePref } from './storage';

export type ThemeChoice = 'system' | 'light' | 'dark';
const CHOICES: ThemeChoice[] = ['system', 'light', 'dark'];
const isChoice = (x: unknown): x is ThemeChoice => CHOICES.includes(x as ThemeChoice);

function apply(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

/** The theme: follows the system unless the analyst picks light or dark; remembered. */
export function useTheme(): { theme: ThemeChoice; cycle: () => void } {
  const [theme, setTheme] = useState<ThemeChoice>(() => loadPref('theme', 'system', isChoice));
  useEffect(() => {
    apply(theme);
    savePref('theme', theme);
  }, [theme]);
  const cycle = useCallback(() => setTheme((t) => CHOICES[(CHOICES.indexOf(t) + 1) % CHOICES.length]!), []);
  return { theme, cycle };
}
