import type { Identity } from './use-identity';

/** The signer line, or how to create an identity when there is none. */
export function SignerLine({ identity, error }: { identity: Identity | null | undefined; error: string | null }) {
  if (error) return <p className="error">{error}</p>;
  if (identity === undefined) return <p className="muted">Looking up your signing identity…</p>;
  if (identity === null)
    return (
      <p className="notice" data-testid="no-identity">
        No signing identity on this machine yet. Create one in a terminal with <code>sealdesk identity create --name &quot;Your Name&quot;</code>, then
        open this dialog again.
      </p>
    );
  return (
    <p data-testid="signer">
      Signed by <strong>{identity.name}</strong> <span className="mono muted">{identity.fingerprintDisplay}</span>
    </p>
  );
}
