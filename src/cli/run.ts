/**
 * Run the CLI against an Io and return the exit code. Every error ends here: usage errors are 2,
 * input and rule-file errors 1, Ctrl-C 130; nothing below prints a stack trace unless DEBUG is set.
 */
import { CommanderError } from 'commander';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import { buildProgram } from './program.js';

const GLOBAL_FLAGS_WITH_VALUE = new Set(['--lang', '--rules']);
const SCREEN_FLAGS_WITH_VALUE = new Set(['--answers', '--save-answers', '--as-of', '--handout', '--ics']);

/**
 * True when argv names no command, e.g. plain `fairshot` or `fairshot --lang es --as-of 2026-01-01`:
 * that is the questionnaire. `--help` and `--version` stay the program's own.
 */
export function noCommand(argv: string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (['-h', '--help', '-V', '--version'].includes(a)) return false;
    if (GLOBAL_FLAGS_WITH_VALUE.has(a) || SCREEN_FLAGS_WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return false;
  }
  return true;
}

/** `fairshot [global options] [screen options]` -> `fairshot [global options] screen [screen options]`. */
function toScreen(argv: string[]): string[] {
  const globals: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (GLOBAL_FLAGS_WITH_VALUE.has(a)) globals.push(a, argv[++i] ?? '');
    else if (/^--(lang|rules)=/.test(a) || a === '--no-color' || a === '--color') globals.push(a);
    else rest.push(a);
  }
  return [...globals, 'screen', ...rest];
}

export async function run(argv: string[], io: Io): Promise<number> {
  if (noCommand(argv)) argv = toScreen(argv);
  const { program, exitCode } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode();
  } catch (e) {
    return handleError(e, io);
  }
}

export function handleError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    // help and version exit 0; everything else commander rejects is a usage error
    return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  }
  if (e instanceof CliError) {
    if (e.exitCode === 130) io.err('\nCancelled. Nothing was saved.\n');
    else io.err(`fairshot: ${e.message}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  if (err?.name === 'ExitPromptError' || err?.name === 'AbortPromptError') {
    io.err('\nCancelled. Nothing was saved.\n');
    return 130;
  }
  io.err(`fairshot: something went wrong inside fairshot: ${err?.message ?? String(e)}\n`);
  if (io.env.DEBUG) io.err(`${err?.stack ?? ''}\n`);
  else io.err('Please report this (set DEBUG=1 to see details; do not include personal data).\n');
  return 1;
}
