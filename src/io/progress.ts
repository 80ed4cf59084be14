/**
 * The batch progress bar (cli-progress) on stderr. Only on a terminal and without --quiet;
 * otherwise every call is a no-op, so a pipe or a log file never sees it. With a known input
 * size the bar shows bytes read; the counter shows persons and their rate; the ETA comes from
 * the byte rate. Updates are throttled: calling `tick` per record is cheap.
 */
import type { Writable } from 'node:stream';

export interface Progress {
  tick(bytesRead: number, persons: number): void;
  stop(): void;
  /** Whether a bar is on the terminal (messages should wait until it stops). */
  active: boolean;
}

const NONE: Progress = { tick: () => {}, stop: () => {}, active: false };

const mb = (n: number) => `${(n / 1048576).toFixed(n < 10485760 ? 1 : 0)} MB`;

export async function makeProgress(stream: Writable & { isTTY?: boolean }, opts: { enabled: boolean; totalBytes?: number }): Promise<Progress> {
  if (!opts.enabled || !stream.isTTY) return NONE;
  const { SingleBar } = await import('cli-progress');
  const total = opts.totalBytes && opts.totalBytes > 0 ? opts.totalBytes : 0;
  const started = Date.now();
  const bar = new SingleBar({
    stream,
    format: total
      ? ' {bar} {percentage}% | {read} of {size} | {persons} persons | {rate}/s | ETA {eta_formatted}'
      : ' {persons} persons | {read} read | {rate}/s | {elapsed}s',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 8,
  });
  bar.start(total || 1, 0, { persons: '0', read: mb(0), size: mb(total), rate: '0', elapsed: '0' });
  let last = 0;
  const p: Progress = {
    active: true,
    tick(bytesRead, persons) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const secs = (now - started) / 1000;
      bar.update(total ? Math.min(bytesRead, total) : 0, {
        persons: persons.toLocaleString('en-US'),
        read: mb(bytesRead),
        size: mb(total),
        rate: secs > 0 ? Math.round(persons / secs).toLocaleString('en-US') : '0',
        elapsed: Math.round(secs),
      });
    },
    stop() {
      if (!p.active) return;
      p.active = false;
      bar.stop();
    },
  };
  return p;
}
