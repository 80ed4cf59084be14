/**
 * Text from the input, made safe to print on a terminal: control characters (ESC, CR, newline,
 * C1), and bidirectional overrides are shown as escapes (`\u001b`, `\n`) instead of being sent
 * raw, so a case file cannot clear the screen, hide or forge lines, set the title or plant links.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

export function printable(s: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(s)) return s;
  return s.replace(UNSAFE, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
