/**
 * Colour is decided once, per stream: off for --no-color, a non-empty NO_COLOR (no-color.org),
 * TERM=dumb, or a stream that is not a terminal; FORCE_COLOR turns it on. chalk alone ignores NO_COLOR.
 */
import { Chalk, type ChalkInstance } from 'chalk';

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

export function painter(on: boolean): ChalkInstance {
  return new Chalk({ level: on ? 1 : 0 });
}
