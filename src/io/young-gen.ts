/**
 * A cap on the main thread's young generation during `fairshot batch` with worker threads (issue
 * 21). V8 grows it to 32 MB (two 16 MB semi-spaces) in any long run, and the reader's garbage
 * (parsed rows, records as JSON) fills it: ~20–40 MB of a default run's peak RSS. Worker threads
 * take a limit when they start (resourceLimits, screen-worker.ts); the main thread's is fixed when
 * the process starts (node --max-semi-space-size), which a command cannot pass to itself. What V8
 * does read each time it grows the young generation is its growth factor: 1 stops the growth, 2
 * (V8's default) doubles. So: held (factor 1) from the start of a batch command, then grown up to
 * the cap one doubling at a time, checked every 20 ms (two doublings did come within 20 ms: a 4 MB
 * cap ended at 8 MB, so the cap is now the starting size). V8 puts the factor back to 2 each time
 * it sets up an isolate (a worker starting): it is set again once the workers are online and at
 * every check. Where the flag is not honoured (another engine), nothing changes but memory; output
 * never depends on it.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Young generation (both semi-spaces) the main thread may grow to: as `--max-semi-space-size=1`,
 * V8's starting size, so it is held and never grown (was 4 MB, which ended at 8: a doubling could
 * come twice between two checks). The main thread waits on the worker most of a run, so it can
 * afford more frequent scavenges; what they promote is collected every MAIN_OLD_SLACK_BYTES.
 */
export const MAIN_YOUNG_CAP_BYTES = 2 * 1024 * 1024;

let factor = 2;
let timer: NodeJS.Timeout | undefined;

/**
 * Sets V8's growth factor. `again`: even if it was set to `f` already: V8 raises the (one, global)
 * factor back to 2 whenever it sets up an isolate's heap (a worker starting), so a factor held at
 * 1 from before the worker started was 2 again for the rest of the run, and the main thread's
 * young generation could grow to 32 MB in some runs (those that peaked ~25 MB higher; "Eleventh
 * session: memory").
 */
function setFactor(f: number, again = false): void {
  if (f === factor && !again) return;
  factor = f;
  try {
    setFlagsFromString(`--semi-space-growth-factor=${f}`);
  } catch {
    // not a flag here: V8 is left alone
  }
}

/**
 * How much more the main thread's old generation (old and large-object spaces, used bytes) may
 * hold than after its last full collection before `capYoungGeneration` makes it collect. With the
 * small young generation, much of the reader's short-lived garbage (rows, records, their JSON) is
 * promoted, ~1-2 MB a second, and V8 lets the old generation grow to two or three times its live
 * size (~15 MB) before it collects: 15-35 MB of garbage at the peak. A full collection of this
 * thread's heap takes ~5-15 ms, every few seconds, while the thread mostly waits on the worker.
 */
export const MAIN_OLD_SLACK_BYTES = 8 * 1024 * 1024;

function heapNow(): { young: number; old: number } {
  let young = 0;
  let old = 0;
  for (const s of getHeapSpaceStatistics()) {
    if (s.space_name === 'new_space') young = s.space_size;
    else if (s.space_name === 'old_space' || s.space_name === 'large_object_space') old += s.space_used_size;
  }
  return { young, old };
}

let fullGc: (() => void) | null | undefined;
/** A full collection of this thread's heap, on demand; null where it cannot be had. */
function fullCollection(): (() => void) | null {
  if (fullGc !== undefined) return fullGc;
  const given = (globalThis as { gc?: unknown }).gc; // node --expose-gc
  if (typeof given === 'function') return (fullGc = () => void given());
  fullGc = null;
  try {
    // V8 gives a context made while --expose-gc is set a gc(); the flag is unset at once, so no
    // other context (a worker's, this thread's own) gets one
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') fullGc = () => void gc();
  } catch {
    // not here: V8's own timing
  } finally {
    try {
      setFlagsFromString('--no-expose-gc');
    } catch {
      // as above
    }
  }
  return fullGc;
}

/** Stops the young generation growing until `capYoungGeneration` or `releaseYoungGeneration`. */
export function holdYoungGeneration(): void {
  setFactor(1);
}

/**
 * Lets it grow by doublings up to `cap`, no further, until `releaseYoungGeneration`; and collects
 * the old generation when it holds `slack` more than after its last full collection.
 */
export function capYoungGeneration(cap = MAIN_YOUNG_CAP_BYTES, slack = MAIN_OLD_SLACK_BYTES): void {
  const gc = slack > 0 ? fullCollection() : null;
  let floor = -1;
  const check = () => {
    const { young, old } = heapNow();
    setFactor(young * 2 <= cap ? 2 : 1, true);
    if (!gc) return;
    if (floor < 0) floor = old;
    else if (old > floor + slack) {
      gc();
      floor = heapNow().old;
    }
  };
  check();
  clearInterval(timer);
  timer = setInterval(check, 20);
  timer.unref();
}

/** V8's own growth again. */
export function releaseYoungGeneration(): void {
  clearInterval(timer);
  timer = undefined;
  setFactor(2);
}

/**
 * The semi-space (MB) a screening worker's young generation starts at; 0: as V8 decides. V8 starts
 * a heap's semi-space at 1 MB and grows it only while many objects survive; few do in a worker,
 * and the growth factor is one flag for every thread (held at 1 while the main thread is capped,
 * above), so a worker stays at ~2 MB and collects every ~2 MB allocated: 16–18 % of its time. At 5
 * (two 5 MB semi-spaces, within the workers' 16 MB limit, batch-run.ts) that fell to 10–12 % and
 * a 1M-charge grouped run took ~10–20 % less time. It was off for memory (scattered runs at
 * 207–209 MB, "Ninth session"); on since the main thread's old generation is collected as it fills
 * and its young generation really held (docs/performance.md, "Eleventh session: memory").
 */
export const WORKER_SEMI_SPACE_MB: number = 5;

/**
 * Makes the isolates started from now on (the screening workers) begin with a semi-space of `mb`:
 * V8 reads --min-semi-space-size when it sets up an isolate's heap. Call the function returned once
 * the workers are online, so that isolates started later begin as V8 decides again; the main
 * thread's heap, set up long before, is not affected.
 */
export function startWorkersYoung(mb = WORKER_SEMI_SPACE_MB): () => void {
  let set = false;
  if (mb > 0) {
    try {
      setFlagsFromString(`--min-semi-space-size=${mb}`);
      set = true;
    } catch {
      // not a flag here
    }
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    // setting up the workers' heaps put V8's growth factor back to 2 (setFactor): as it was
    setFactor(factor, true);
    if (!set) return;
    try {
      setFlagsFromString('--min-semi-space-size=0');
    } catch {
      // not a flag here: nothing was changed
    }
  };
}
