/** How a signer's trust status reads; an unknown key is said plainly to be not trusted. */
export const TRUST_TEXT: Record<'self' | 'trusted' | 'known' | 'unknown' | 'none', { label: string; help: string; good: boolean }> = {
  self: { label: 'your own key (trusted)', help: 'Signed with the identity on this machine.', good: true },
  trusted: { label: 'a trusted key', help: 'The key is in your trust store (sealdesk trust add).', good: true },
  known: {
    label: 'a known key: NOT trusted',
    help: 'The key is recorded in your trust store as known only (sealdesk trust add --known). Add it again without --known once you have checked its fingerprint with its owner.',
    good: false,
  },
  unknown: {
    label: 'an unknown key: NOT trusted',
    help: 'The signature matches the key in the bundle, but nothing says whose key that is. Get the signer’s public key by another channel and add it with sealdesk trust add, then verify again.',
    good: false,
  },
  none: { label: 'no signature', help: 'Nothing in it is signed.', good: false },
};
