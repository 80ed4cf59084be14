/**
 * The entry point: the only module that touches process.exit. Builds the real Io (stdout for
 * results, stderr for messages, colour decided once, today's date read once) and runs the CLI.
 */
import { colorEnabled } from './color.js';
import type { Io } from './io.js';
import { run } from './run.js';
import { holdYoungGeneration } from '../io/young-gen.js';

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const argv = process.argv.slice(2);
// a batch run: this thread's young generation held small until it knows its work (young-gen.ts)
if (argv[0] === 'batch') holdYoungGeneration();
const io: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  color: { out: colorEnabled(process.stdout, process.env, argv), err: colorEnabled(process.stderr, process.env, argv) },
  env: process.env,
  today: localToday(),
};

// A closed pipe (`fairshot check f | head`) is not an error; any other failure to write the
// results (a full disk, /dev/full) is: say so and exit 1, never 0.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`fairshot: cannot write the output: ${e.code === 'ENOSPC' ? 'the disk is full' : e.message}\n`);
  process.exit(1);
});

// Ctrl-C outside a prompt: a one-line goodbye, no stack trace. (Prompts handle their own.)
process.on('SIGINT', () => {
  process.stderr.write('\nCancelled. Nothing was saved.\n');
  process.exit(130);
});

// Killed or hung up: exit with the signal's usual code; the 'exit' handlers remove temporary files.
process.on('SIGTERM', () => process.exit(143));
process.on('SIGHUP', () => process.exit(129));

run(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`fairshot: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
