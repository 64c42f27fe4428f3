import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's read-only resources (rule packs). From source and from the electron-vite build
 * alike they sit two folders up from the engine's code (electron/engine/, out/main/); the
 * packaged desktop app passes its own resources folder, SEALDESK_RESOURCES overrides both.
 */
export function defaultResourcesDir(): string {
  if (process.env.SEALDESK_RESOURCES) return path.resolve(process.env.SEALDESK_RESOURCES);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');
}
