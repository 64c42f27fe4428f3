/**
 * Subject names are bundle-relative paths with '/' separators. The in-toto Statement spec
 * (in-toto/attestation spec/v1/statement.md, `subject`) says names SHOULD be unique within the
 * subject list; Sealdesk makes that a MUST and also refuses names that could point outside the
 * bundle when a verifier maps them to files.
 */
export function subjectNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.includes('\\')) return "contains '\\'; use '/' as the separator";
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains a control character';
  const parts = name.split('/');
  if (parts.includes('..')) return "contains a '..' segment";
  if (parts.includes('.')) return "contains a '.' segment";
  if (parts.includes('')) return 'contains an empty segment';
  return null;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
