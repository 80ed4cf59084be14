/**
 * A worker thread for `fairshot batch --jobs N`: runs the rules on batches of checked persons and
 * sends back the serialized output and the batch's tally. The main thread reads, checks each
 * record, keeps order and writes. Rules and clinics load once per worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../core/types.js';
import { makeBatchScreener, type ScreenedBatch } from './batch-core.js';
import { loadClinicFinder } from './clinic-finder.js';
import type { OutputFormat } from './write-results.js';

export interface WorkerInit {
  rules?: string;
  asOf: string;
  lang: Lang;
  format: Exclude<OutputFormat, 'table'>;
  clinics: boolean;
  reasons: boolean;
}
/** A batch of records (one Prepared, as JSON, per line, UTF-8 bytes); or an output buffer back, written. */
export type ToWorker = { seq: number; batch: ArrayBuffer } | { reuse: ArrayBuffer };
export type BatchDone = ScreenedBatch & { seq: number };
export type FromWorker = BatchDone | { ready: true; warning?: string };

const init = workerData as WorkerInit;
const port = parentPort!;
const { loadRuleSet } = await import('../rules/bundle.js');
const { rules } = loadRuleSet(init.rules);
const clinics = init.clinics ? await loadClinicFinder(init.asOf) : {};
/**
 * Output buffers go round: handed to the main thread with a batch's output, and handed back once
 * written, to be filled again. A new buffer per batch would pile up in the main thread as garbage
 * between its collections (a 200k-charge run peaked 6–13 MB higher without the round).
 */
const free: ArrayBuffer[] = [];
const outBuffer = (bytes: number): Buffer => {
  const ab = free.pop();
  return ab && ab.byteLength >= bytes ? Buffer.from(ab) : Buffer.allocUnsafeSlow(Math.max(bytes, 512 * 1024));
};
const screen = await makeBatchScreener(rules, init, clinics.finder, outBuffer);
port.postMessage({ ready: true, ...(clinics.warning ? { warning: clinics.warning } : {}) } satisfies FromWorker);

port.on('message', (m: ToWorker) => {
  if ('reuse' in m) {
    if (free.length < 16) free.push(m.reuse);
    return;
  }
  const done = screen(new Uint8Array(m.batch));
  // CSV/JSONL output is bytes in buffers of their own: handed over, not copied, so the main
  // thread's heap never holds the output text.
  const moved = done.parts.flatMap((p) => (typeof p === 'string' ? [] : [p.buffer as ArrayBuffer]));
  port.postMessage({ seq: m.seq, ...done } satisfies FromWorker, moved);
});
