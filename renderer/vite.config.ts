import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Standalone renderer build (web bridge and browser tests); the desktop build uses electron.vite.config.ts. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the same files load from the bridge's `/` and from file:// in Electron.
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    // Only Chromium loads this page; the polyfill would be dead code.
    modulePreload: { polyfill: false },
  },
});
