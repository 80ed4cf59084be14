// Build step: validate data/clinics.yaml and write dist/clinics.bundle.json (src/clinics/bundle.ts).
// Errors do not fail the build: the bundle is skipped and screening reads (and reports on) the YAML.
import { writeFileSync } from 'node:fs';
import { CLINIC_BUNDLE, clinicsHash, serialiseDirectory } from '../dist/clinics/bundle.js';
import { loadClinicDirectory } from '../dist/clinics/load.js';

const { directory, diagnostics } = loadClinicDirectory(undefined, { lookup: null });
if (directory) {
  writeFileSync(CLINIC_BUNDLE, serialiseDirectory(directory, clinicsHash()));
} else {
  const n = diagnostics.filter((d) => d.severity === 'error').length;
  console.error(`data/clinics.yaml has ${n} error(s): no clinic bundle written; run \`fairshot clinics --validate\``);
}
