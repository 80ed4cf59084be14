/**
 * Where batch results go, with backpressure: text is gathered into chunks of about 64 KB and
 * written to a stream; `ready()` waits for 'drain' when the stream's buffer is full, so a fast
 * reader never piles results up in memory.
 *
 * A file sink writes to a temporary file beside the target and renames it over the target only
 * when everything was written (`commit`); on failure the temporary file is removed and the
 * target is left as it was. If the process ends early (Ctrl-C), the temporary file is removed too.
 */
import { createWriteStream, renameSync, unlinkSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

const CHUNK = 64 * 1024;

export interface Sink {
  /**
   * Queue text for writing; or UTF-8 bytes, written as they are, with `written` called once the
   * stream is done with them (their buffer may then be used again).
   */
  write(data: string | Uint8Array, written?: () => void): void;
  /** Resolves when the stream can take more (after 'drain' if its buffer is full). */
  ready(): Promise<void>;
  /** Flush and finish; for a file, move it into place. Rejects on a write error. */
  commit(): Promise<void>;
  /** Give up: for a file, remove the temporary file. */
  abort(): void;
  /** The first write error, if any. */
  error(): Error | undefined;
  /** Bytes written so far. */
  bytes: number;
}

function streamSink(stream: Writable, owned: boolean): Sink & { stream: Writable } {
  let parts: string[] = [];
  let size = 0;
  let full = false;
  let failed: Error | undefined;
  stream.on('error', (e: Error) => {
    failed ??= e;
  });
  const flush = () => {
    if (size === 0 || failed) return;
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    size = 0;
    if (!stream.write(text)) full = true;
  };
  const sink = {
    stream,
    bytes: 0,
    write(data: string | Uint8Array, written?: () => void) {
      if (typeof data !== 'string') {
        // bytes (a worker's output, made off the heap): after the text before them, as they are
        flush();
        sink.bytes += data.length;
        if (failed) return;
        if (!stream.write(data, written)) full = true;
        return;
      }
      parts.push(data);
      size += data.length;
      sink.bytes += data.length;
      if (size >= CHUNK) flush();
    },
    async ready() {
      if (failed) throw failed;
      if (!full) return;
      full = false;
      if (stream.writableNeedDrain === false) return;
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (e: Error) => {
          stream.off('drain', onDrain);
          reject(e);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    },
    async commit() {
      flush();
      if (failed) throw failed;
      if (!owned) {
        if (full) await sink.ready();
        return;
      }
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      if (failed) throw failed;
    },
    abort() {
      parts = [];
      size = 0;
      if (owned) stream.destroy();
    },
    error: () => failed,
  };
  return sink;
}

/** Results to an existing stream (stdout): never closed here. */
export function stdoutSink(stream: Writable): Sink {
  return streamSink(stream, false);
}

/** Results to FILE, via FILE's temporary sibling. Rejects when the file cannot be created. */
export async function fileSink(path: string): Promise<Sink> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let done = false;
  const cleanup = () => {
    if (done) return;
    done = true;
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  };
  const ws: WriteStream = createWriteStream(tmp, { flags: 'w' });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  process.once('exit', cleanup);
  const inner = streamSink(ws, true);
  return {
    get bytes() {
      return inner.bytes;
    },
    write: (t, written) => inner.write(t, written),
    ready: () => inner.ready(),
    error: () => inner.error(),
    async commit() {
      try {
        await inner.commit();
        renameSync(tmp, path);
        done = true;
        process.off('exit', cleanup);
      } catch (e) {
        cleanup();
        process.off('exit', cleanup);
        throw e;
      }
    },
    abort() {
      inner.abort();
      cleanup();
      process.off('exit', cleanup);
    },
  };
}
