import os from 'node:os';
import { hasIdentity, loadIdentity } from './identity/index';

/**
 * Who is acting, as the custody ledger records it: the analyst's identity (name and short
 * fingerprint) when one exists in the Sealdesk home, else the operating-system account.
 */
export function actorFor(home: string): string {
  try {
    if (hasIdentity(home)) {
      const id = loadIdentity(home);
      return `${id.name} <${id.shortId}>`;
    }
  } catch {
    // a damaged identity file must not stop the work; the OS account is still recorded
  }
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return `${user}@${os.hostname()} (no Sealdesk identity)`;
}
