/** Run the BUILT binary (npm test builds first), as a user would, and capture what they see. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './rules.js';

export const BIN = join(ROOT, 'bin', 'fairshot.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function fairshot(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string; timeout?: number } = {}): Run {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  Object.assign(env, opts.env);
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    env,
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeout ?? 20000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
