import { useEffect, useRef } from 'react';

export type HotkeyMap = Record<string, (e: KeyboardEvent) => void>;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts for the whole window, off while the analyst is typing in a field
 * (Escape still works there, to leave it). Keys are KeyboardEvent.key values.
 */
export function useHotkeys(map: HotkeyMap): void {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (typing(e.target) && e.key !== 'Escape') return;
      const fn = latest.current[e.key];
      if (fn) {
        e.preventDefault();
        fn(e);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** Leaves the focused field, if any; false when nothing was focused. */
export function blurActive(): boolean {
  const el = document.activeElement;
  if (el instanceof HTMLElement && el !== document.body) {
    el.blur();
    return true;
  }
  return false;
}
