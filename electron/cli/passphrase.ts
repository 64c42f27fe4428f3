import { AppError } from '../../shared/errors';
import { passphraseFrom } from '../engine/identity';
import { UsageError } from './cli-error';

/** Read a passphrase from the terminal without echoing it; only used when stdin is a TTY. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let buf = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(buf);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new UsageError('Cancelled.'));
          return;
        }
        buf = ch === '\u007f' || ch === '\b' ? buf.slice(0, -1) : buf + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** --passphrase-file, else SEALDESK_PASSPHRASE, else ask twice in a terminal. */
export async function newPassphrase(file: string | undefined): Promise<string> {
  if (file !== undefined || process.env.SEALDESK_PASSPHRASE || !process.stdin.isTTY) {
    return passphraseFrom({ env: process.env.SEALDESK_PASSPHRASE, file });
  }
  const first = await promptHidden('New passphrase for your signing key: ');
  const second = await promptHidden('Repeat the passphrase: ');
  if (first !== second) throw new AppError('invalid_input', 'The two passphrases differ. Nothing was created; run the command again.');
  return first;
}


/**
 * The passphrase that unlocks the existing key: --passphrase-file, else SEALDESK_PASSPHRASE,
 * else asked once in a terminal. Without any of them: undefined when optional, an error when not.
 */
export async function unlockPassphrase(file: string | undefined, required: boolean): Promise<string | undefined> {
  if (file !== undefined || process.env.SEALDESK_PASSPHRASE) return passphraseFrom({ env: process.env.SEALDESK_PASSPHRASE, file });
  if (process.stdin.isTTY) return promptHidden('Passphrase for your signing key: ');
  if (!required) return undefined;
  return passphraseFrom({});
}
