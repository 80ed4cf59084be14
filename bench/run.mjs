// `npm run bench`: every performance target, measured on this machine, in one run.
// Each bench prints its own table; this runs them in turn. Pass --quick for smaller sizes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const benches = [
  ['startup.mjs', quick ? ['--runs', '9'] : []],
  ['screen.mjs', []],
  ['asking.mjs', quick ? ['--runs', '1'] : []],
  ['batch.mjs', [...(quick ? ['100000'] : []), ...(process.argv.includes('--big') ? ['--big'] : [])]],
  ['stages.mjs', quick ? ['20000'] : []],
];
let failed = false;
for (const [file, args] of benches) {
  const path = join(here, file);
  if (!existsSync(path)) continue;
  console.log(`\n## ${file}\n`);
  const r = spawnSync(process.execPath, [path, ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
