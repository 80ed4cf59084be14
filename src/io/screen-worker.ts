/**
 * A worker thread for `fairshot batch --jobs N`: screens batches of records and sends back the
 * serialized output (one string per person, in order), the errors to report and, at the end,
 * its tally. The main thread reads, keeps order and writes. Rules and clinics load once per worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Lang, Problem } from '../core/types.js';
import { screenOne } from './batch-core.js';
import { loadClinicFinder } from './clinic-finder.js';
import type { OrderedRecord } from './ordered.js';
import { Tally } from './summary.js';
import { makeWriter, type OutputFormat } from './write-results.js';

export interface WorkerInit {
  rules?: string;
  asOf: string;
  lang: Lang;
  format: Exclude<OutputFormat, 'table'>;
  clinics: boolean;
  reasons: boolean;
}
export type ToWorker = { seq: number; recs: OrderedRecord[] } | { done: true };
export type FromWorker =
  | { seq: number; count: number; parts: string[]; errs: { id: string | null; errors: Problem[] }[]; unknown: string[] }
  | { tally: Tally }
  | { ready: true; warning?: string };

const init = workerData as WorkerInit;
const port = parentPort!;
const { loadRuleSet } = await import('../rules/bundle.js');
const { rules } = loadRuleSet(init.rules);
const clinics = init.clinics ? await loadClinicFinder(init.asOf) : {};
const tally = new Tally({ reasons: init.reasons });
let cur = '';
const writer = init.format === 'json' ? undefined : await makeWriter(init.format, (s) => (cur += s));
cur = ''; // the CSV header is written by the main thread
port.postMessage({ ready: true, ...(clinics.warning ? { warning: clinics.warning } : {}) } satisfies FromWorker);

port.on('message', (m: ToWorker) => {
  if ('done' in m) {
    port.postMessage({ tally } satisfies FromWorker);
    return;
  }
  const parts: string[] = [];
  const errs: { id: string | null; errors: Problem[] }[] = [];
  const unknown = new Set<string>();
  for (const rec of m.recs) {
    const { result, unknownFields } = screenOne(rec, rules, { asOf: init.asOf, lang: init.lang }, clinics.finder);
    for (const f of unknownFields) unknown.add(f);
    tally.add(result);
    if (result.errors.length > 0) errs.push({ id: result.id, errors: result.errors });
    if (writer) writer.write(result);
    else parts.push(JSON.stringify(result, null, 2));
  }
  if (writer) {
    writer.flush();
    parts.push(cur); // the whole batch, in order
    cur = '';
  }
  port.postMessage({ seq: m.seq, count: m.recs.length, parts, errs, unknown: [...unknown] } satisfies FromWorker);
});
