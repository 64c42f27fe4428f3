import { readFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors';

export interface PassphraseSources {
  /** Usually process.env.SEALDESK_PASSPHRASE. */
  env?: string;
  /** A file whose first line is the passphrase (--passphrase-file). */
  file?: string;
}

/**
 * Pick the passphrase for unattended use. An explicit file wins over the environment because it
 * was named on this command line. Only the line ending is stripped: spaces may be part of a
 * passphrase, and silently trimming them would lock the user out of a key made elsewhere.
 */
export function passphraseFrom(src: PassphraseSources): string {
  if (src.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(src.file, 'utf8');
    } catch (err) {
      throw new AppError('io', `Cannot read the passphrase file ${src.file}: ${(err as Error).message}`, { path: src.file });
    }
    const line = text.split('\n', 1)[0]!.replace(/\r$/, '');
    if (!line) throw new AppError('invalid_input', `The passphrase file ${src.file} is empty: put the passphrase on its first line.`, { path: src.file });
    return line;
  }
  if (src.env) return src.env;
  throw new AppError('invalid_input', 'No passphrase given. Set SEALDESK_PASSPHRASE or pass --passphrase-file FILE (first line is the passphrase).');
}
