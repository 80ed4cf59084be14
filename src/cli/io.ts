/**
 * The one output gate. Commands write results through `out` (stdout) and everything a
 * person reads while waiting - progress, warnings, hints - through `err` (stderr), so
 * `--json` and pipes stay clean. Tests pass their own Io.
 */
import type { Writable, Readable } from 'node:stream';

export interface Io {
  /** Results: stdout. */
  out: (text: string) => void;
  /** Messages, progress, prompts: stderr. */
  err: (text: string) => void;
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  /** Whether colour may be used on stdout / stderr (NO_COLOR, --no-color, TERM=dumb, TTY). */
  color: { out: boolean; err: boolean };
  env: NodeJS.ProcessEnv;
  /** Today's date as YYYY-MM-DD: read once here, at the edge, never in the engine. */
  today: string;
}
