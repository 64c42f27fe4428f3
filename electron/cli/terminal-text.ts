/** C0 and C1 controls and DEL: escape sequences in a log line would drive the analyst's terminal. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text from evidence made safe for a terminal line: line breaks and tabs become spaces,
 * other control characters are shown as `\xNN`, never sent to the terminal as they are.
 */
export function terminalText(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
