import { BUNDLE_FILES as F } from './layout';

/** VERIFY.md: how to check the bundle with Sealdesk, and by hand with standard tools. */
export function verifyGuide(o: { bundleName: string; keyid: string; signer: string; masked: boolean; eventProofs: boolean }): string {
  return `# Verifying this evidence bundle

This bundle was sealed by **${o.signer}**, key fingerprint \`${o.keyid}\`.
Check the fingerprint with the signer through a channel you trust (phone, in person);
a valid signature by an unknown key proves nothing about who made the bundle.

## With Sealdesk

    sealdesk verify ${o.bundleName}          # exit 0: intact and signed by a trusted key
    sealdesk verify ${o.bundleName} --json   # every check, machine-readable
    sealdesk trust add signer-public-key.json # once, with the key file the signer gave you

In the app, drop the bundle on the window or use Verify. Every failing file, signature, proof
or key is named.

## By hand, with standard tools

Unpack: \`unzip ${o.bundleName} -d bundle && cd bundle\`.

1. **Every file is the one that was signed.** The signed statement is the base64 payload
   of \`${F.statement}\` (a DSSE envelope around an in-toto Statement v1):

       jq -r .payload ${F.statement} | base64 -d > statement.json
       jq -r '.subject[] | "\\(.digest.sha256)  \\(.name)"' statement.json | sha256sum -c

   Every line must say OK, and no file other than \`${F.statement}\` may be present that is
   not listed (\`find . -type f | sort\`).

2. **The signature.** DSSE signs PAE(payloadType, payload) =
   \`"DSSEv1" SP len(type) SP type SP len(body) SP body\` (lengths in decimal bytes) with
   Ed25519. The public key is in \`${F.treeHead}\` (raw 32 bytes, base64); its SHA-256 is the
   fingerprint above and the envelope's keyid.

       T=$(jq -r .payloadType ${F.statement}); jq -r .payload ${F.statement} | base64 -d > body
       printf 'DSSEv1 %d %s %d ' "\${#T}" "$T" "$(stat -c %s body)" > pae; cat body >> pae
       jq -r '.signatures[0].sig' ${F.statement} | base64 -d > sig
       (printf '\\x30\\x2a\\x30\\x05\\x06\\x03\\x2b\\x65\\x70\\x03\\x21\\x00'; jq -r .publicKey ${F.treeHead} | base64 -d) > key.der
       openssl pkeyutl -verify -pubin -keyform DER -inkey key.der -rawin -in pae -sigfile sig

3. **The report belongs to these files.** The digest in the footer of every page of
   \`${F.report}\` (also in its metadata keywords) is the SHA-256 of the \`sha256sum\` lines of
   every other file except \`${F.statement}\`, sorted by name:

       find . -type f ! -name ${F.report} ! -name ${F.statement} | sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum

4. **The custody ledger and the events are in the signed tree.** \`${F.treeHead}\` is the
   custody ledger's tree head (size, root) signed by the same key over the canonical JSON of
   \`{"caseId","context":"sealdesk.tree-head.v1","rootHash","size","timestamp"}\` (keys sorted,
   no spaces). The tree is the Merkle tree of RFC 9162: leaf hash = SHA-256(0x00 || bytes),
   node hash = SHA-256(0x01 || left || right).
   - Each line of \`${F.ledger}\` is a custody entry; its bytes are the JSON array
     \`[seq, at, actor, action, subject, details]\` (no spaces). \`${F.ledgerProofs}\` gives, per
     entry, its leaf index (seq - 1) and audit path to the signed root (RFC 9162, 2.1.3.2).
${
  o.eventProofs
    ? `   - Each line of \`${F.eventsJsonl}\` is an event; its leaf covers the JSON array
     \`[source.sha256, format, source.offset, source.length, source.record, ts_us, ts_desc, host,
     user, action, outcome, src_ip, dst_ip, resource, severity, message, attrs, flags]\` where
     attrs is \`attrs_json\` when present, else the JSON of \`attrs\` (null when empty).
     \`${F.eventProofs}\` proves it into the root of its import's events, which the ledger entry
     \`import.finish\` of that import records as \`eventsRoot\`, and that entry is proven above.`
    : `   - This export was **masked**: the events' personal data was replaced, so their leaves can
     not be recomputed from the lines and no per-event proofs are included (a leaf hash would let
     anyone confirm a guessed original value). The masking policy is in the signed predicate.`
}
   - \`${F.consistency}\` proves that every tree head issued before this one is a prefix of
     it (RFC 9162, 2.1.4): the ledger was only appended to between exports.

5. **The evidence.** \`${F.manifest}\` lists every evidence file of the case with its
   SHA-256 and size; compare with your copies using \`sha256sum\`. Each event names its
   evidence file's SHA-256 and its byte offset (or record number) in it.

Spreadsheet safety: in ${F.eventsCsv} a cell starting with = + - @ gets a leading apostrophe so it cannot run as a formula; ${F.eventsJsonl} has the exact values.
`;
}
