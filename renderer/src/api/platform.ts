declare global {
  interface Window {
    /**
     * Optional desktop helper for the path of a dropped or picked File (Electron's
     * webUtils.getPathForFile, exposed by the preload). Absent in web mode, where a page
     * cannot know where a file lives; absent today in the preload too (see the report).
     */
    sealdeskFiles?: { pathForFile(file: File): string };
  }
}

/** Whether the page runs in the desktop app (preload present) or through the web bridge. */
export const isDesktop: boolean = typeof window.sealdesk !== 'undefined';

/**
 * Paths on the engine's machine for files the user dropped or picked, or null when this
 * shell cannot tell (web mode): the import must then be given paths by hand.
 */
export function pathsOfFiles(files: ArrayLike<File>): string[] | null {
  const helper = window.sealdeskFiles;
  if (!helper) return null;
  const out: string[] = [];
  for (const f of Array.from(files)) {
    const p = helper.pathForFile(f);
    if (!p) return null;
    out.push(p);
  }
  return out;
}
