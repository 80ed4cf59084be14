/**
 * A worker thread for `fairshot batch --jobs N`: screens batches of records and sends back the
 * serialized output, the errors to report and the batch's tally. The main thread reads, keeps
 * order and writes. Rules and clinics load once per worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../core/types.js';
import { makeBatchScreener, type ScreenedBatch } from './batch-core.js';
import { loadClinicFinder } from './clinic-finder.js';
import type { OrderedRecord } from './ordered.js';
import type { OutputFormat } from './write-results.js';

export interface WorkerInit {
  rules?: string;
  asOf: string;
  lang: Lang;
  format: Exclude<OutputFormat, 'table'>;
  clinics: boolean;
  reasons: boolean;
}
/** A batch of records, as a JSON array of OrderedRecord. */
export type ToWorker = { seq: number; json: string };
export type BatchDone = ScreenedBatch & { seq: number };
export type FromWorker = BatchDone | { ready: true; warning?: string };

const init = workerData as WorkerInit;
const port = parentPort!;
const { loadRuleSet } = await import('../rules/bundle.js');
const { rules } = loadRuleSet(init.rules);
const clinics = init.clinics ? await loadClinicFinder(init.asOf) : {};
const screen = await makeBatchScreener(rules, init, clinics.finder);
port.postMessage({ ready: true, ...(clinics.warning ? { warning: clinics.warning } : {}) } satisfies FromWorker);

port.on('message', (m: ToWorker) => {
  port.postMessage({ seq: m.seq, ...screen(JSON.parse(m.json) as OrderedRecord[]) } satisfies FromWorker);
});
