// Build step: validate the rule files and write dist/rules.bundle.json (see src/rules/bundle.ts).
// Rule-file errors do not fail the build: the bundle is skipped and the CLI reports the errors.
import { writeBundle } from '../dist/rules/bundle.js';
import { formatDiagnostic } from '../dist/rules/yaml-source.js';

const result = writeBundle();
const errors = result.diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0) {
  for (const d of errors) console.error(formatDiagnostic(d));
  console.error(`rule files have ${errors.length} error(s): no bundle written; run \`fairshot rules validate\``);
}
