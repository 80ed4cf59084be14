// Build step: bundle the compiled CLI (dist/) into dist/app/, one ES module per lazily loaded part
// (esbuild, code splitting). Starting `fairshot` then resolves and compiles a handful of files
// instead of some sixty, which is most of what stands between launch and the first question
// (docs/performance.md). bin/fairshot.js runs dist/app/main.js when it is there and dist/cli/main.js
// otherwise, so the bundle is only a speed-up: without esbuild (a production install that skipped
// devDependencies) it is left out with a note and everything still works.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'app');
rmSync(out, { recursive: true, force: true });

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('note: esbuild is not installed; dist/app not built (fairshot runs unbundled, a little slower to start)');
  process.exit(0);
}

await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    main: 'dist/cli/main.js',
    // worker threads are started by file name, next to the chunk that starts them
    'screen-worker': 'dist/io/screen-worker.js',
    'clinics-worker': 'dist/cli/prompts/clinics-worker.js',
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (commander, ajv) call require(); ES modules have none of their own.
  banner: { js: "import { createRequire as __fairshotCreateRequire } from 'node:module'; const require = __fairshotCreateRequire(import.meta.url);" },
  // Left to Node: the full ZIP database (read only by the build and the tests), and the CommonJS
  // packages that are imported lazily (`await import('yaml')`): in a split bundle such an import
  // yields only a default export, so `const { parse } = await import('yaml')` would break.
  // test/cli.test.ts reads YAML through the built binary to keep this honest.
  external: ['zipcodes', 'yaml', 'cli-progress'],
  logLevel: 'warning',
});
