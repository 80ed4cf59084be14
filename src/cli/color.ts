/**
 * Colour is decided once, per stream: off for --no-color, a non-empty NO_COLOR (no-color.org),
 * TERM=dumb, or a stream that is not a terminal; FORCE_COLOR turns it on. chalk alone ignores NO_COLOR.
 */
import { createRequire } from 'node:module';
import type { ChalkInstance } from 'chalk';

export function colorEnabled(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
): boolean {
  if (argv.includes('--no-color')) return false;
  if (argv.includes('--color')) return true;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

let chalkModule: typeof import('chalk') | undefined;

/** A chalk instance for one stream. chalk is loaded on first use, so `--help` never pays for it. */
export function painter(on: boolean): ChalkInstance {
  chalkModule ??= loadChalk();
  return new chalkModule.Chalk({ level: on ? 1 : 0 });
}

function loadChalk(): typeof import('chalk') {
  // chalk 5 is ESM-only; Node 20.19+ and 22.12+ can require() it synchronously.
  return createRequire(import.meta.url)('chalk') as typeof import('chalk');
}
