import os from 'node:os';
import path from 'node:path';

/**
 * The analyst's Sealdesk folder (identity, trust store, recent cases, sample case):
 * SEALDESK_HOME when set, else the platform's per-user config folder.
 */
export function defaultHome(): string {
  const env = process.env.SEALDESK_HOME;
  if (env) return path.resolve(env);
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Sealdesk');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Sealdesk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'sealdesk');
}
