/** Worker thread: rank the nearest clinics for one query and post the answer back. */
import { parentPort, workerData } from 'node:worker_threads';
import { findClinics, type ClinicQuery } from './clinics.js';

findClinics(workerData as ClinicQuery).then(
  (answer) => parentPort?.postMessage(answer),
  () => parentPort?.postMessage(undefined),
);
