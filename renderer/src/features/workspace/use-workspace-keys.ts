import { useHotkeys } from '../../lib/hotkeys';

interface Actions {
  focusSearch: () => void;
  next: () => void;
  previous: () => void;
  star: () => void;
  tag: () => void;
  note: () => void;
  escape: () => void;
}

/** The workstation's shortcuts (listed in the syntax help and the empty detail pane). */
export function useWorkspaceKeys(a: Actions): void {
  useHotkeys({
    '/': a.focusSearch,
    j: a.next,
    ArrowDown: a.next,
    k: a.previous,
    ArrowUp: a.previous,
    s: a.star,
    t: a.tag,
    n: a.note,
    Escape: a.escape,
  });
}
