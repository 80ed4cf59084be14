#!/usr/bin/env node
// The fairshot command. All logic lives in dist/ (compiled from src/ by `npm run build`);
// dist/app/ is the same code bundled into a few files, which starts faster (scripts/build-app.mjs).
import { existsSync } from 'node:fs';

const app = new URL('../dist/app/main.js', import.meta.url);
import(existsSync(app) ? app.href : '../dist/cli/main.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist')) {
    process.stderr.write('fairshot: not built yet; run `npm run build` (npm ci does it for you)\n');
  } else {
    process.stderr.write(`fairshot: ${e && e.message ? e.message : e}\n`);
  }
  process.exitCode = 1;
});
