/**
 * The question-driven pseudo-terminal driver (pty_answer.py) for tests: answers whatever the
 * questionnaire asks, in whatever order, by matching each question against a list.
 */
import { spawnSync } from 'node:child_process';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = new URL('../../bin/fairshot.js', import.meta.url).pathname;
const ANSWERER = new URL('./pty_answer.py', import.meta.url).pathname;

export type Answer = { type: string } | { choose: string } | { keys: string } | { dk: true } | Answer[];
export interface Answered {
  output: string;
  code: number | null;
  /** Each question asked, with the answer given. */
  asked: [string, Answer][];
  error: string | null;
}

/** Run `fairshot ARGS` in a pty and answer its questions (first matching regular expression wins) until `end` shows. */
export function answerInPty(args: string[], answers: [question: string, answer: Answer][], end = 'not\\s+legal\\s+advice'): Answered {
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR')) as Record<string, string>;
  const spec = { argv: [process.execPath, BIN, ...args], cwd: ROOT, env: { ...baseEnv, TERM: 'xterm-256color' }, answers, end, timeout: 60 };
  const r = spawnSync('python3', [ANSWERER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export const type = (s: string): Answer => ({ type: s });
export const choose = (re: string): Answer => ({ choose: re });
export const keys = (k: string): Answer => ({ keys: k });
export const YES = choose('^\\W*Yes');
export const NO = choose('^\\W*No');
