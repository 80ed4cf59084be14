/** `fairshot` / `fairshot screen`: the questionnaire. (Interactive flow: see issue 3.) */
import type { Lang } from '../../core/types.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';

export interface ScreenOptions {
  answers?: string;
  asOf: string;
  json?: boolean;
  lang: Lang;
  rules?: string;
}

export async function runScreen(opts: ScreenOptions, io: Io): Promise<number> {
  if (opts.answers) {
    const { runCheck } = await import('./check.js');
    const { formatFromPath } = await import('../../io/read-records.js');
    const inputFormat = opts.answers === '-' ? 'yaml' : (formatFromPath(opts.answers) ?? 'yaml');
    return runCheck(opts.answers, { asOf: opts.asOf, lang: opts.lang, inputFormat, ...(opts.json ? { json: true } : {}), ...(opts.rules ? { rules: opts.rules } : {}) }, io);
  }
  const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY) && Boolean(io.stderr.isTTY);
  if (!interactive) {
    throw new UsageError('no terminal to ask questions on; pass --answers FILE (or use `fairshot check FILE`); see fairshot --help');
  }
  throw new UsageError('the interactive questionnaire is not built yet; use --answers FILE');
}
