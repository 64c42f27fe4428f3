import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passphraseFrom } from '../../../electron/engine/identity/passphrase';
import { tmpDir } from '../../helpers/tmp';

function fileWith(text: string): string {
  const f = path.join(tmpDir(), 'pass.txt');
  writeFileSync(f, text);
  return f;
}

describe('passphraseFrom', () => {
  it('uses SEALDESK_PASSPHRASE when no file is named', () => {
    expect(passphraseFrom({ env: 'from env' })).toBe('from env');
  });

  it('reads the first line of the file, without its line ending, and prefers it over the env', () => {
    expect(passphraseFrom({ file: fileWith('secret one\nsecond line\n'), env: 'ignored' })).toBe('secret one');
    expect(passphraseFrom({ file: fileWith('crlf pass\r\n') })).toBe('crlf pass');
    expect(passphraseFrom({ file: fileWith('no newline') })).toBe('no newline');
    expect(passphraseFrom({ file: fileWith(' keeps spaces \n') })).toBe(' keeps spaces ');
  });

  it('says clearly when the file is unreadable or empty, or no source is given', () => {
    expect(() => passphraseFrom({ file: '/nonexistent/pass.txt' })).toThrow(/Cannot read the passphrase file \/nonexistent\/pass.txt/);
    expect(() => passphraseFrom({ file: fileWith('\nsecond') })).toThrow(/is empty/);
    expect(() => passphraseFrom({ env: '' })).toThrow(/SEALDESK_PASSPHRASE or pass --passphrase-file/);
    expect(() => passphraseFrom({})).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
