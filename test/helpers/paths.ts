import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Third-party test data beside the project (../shared/data), used by path, never copied. */
export const DATA = path.resolve(ROOT, '../shared/data');
export const data = (...p: string[]): string => path.join(DATA, ...p);
