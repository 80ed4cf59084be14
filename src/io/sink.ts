/**
 * Where batch results go, with backpressure: text is gathered into chunks of about 64 KB and
 * written to a stream; `ready()` waits for 'drain' when the stream's buffer is full, so a fast
 * reader never piles results up in memory.
 *
 * A file sink writes to a temporary file (mode 0600) beside the target and renames it over the
 * target only when everything was written and flushed to disk (`commit`); on failure the
 * temporary file is removed and the target is left as it was. If the process ends early (Ctrl-C,
 * SIGTERM, SIGHUP), the temporary file is removed too. The renamed file keeps the old target's
 * mode (and, for root, its owner); a new file gets the usual 0666 minus the umask. A symlink is
 * followed (its target file is replaced, the link stays); a target that is not a regular file
 * (/dev/null, /dev/stdout, a FIFO) is opened and written directly, never replaced; a read-only
 * file is refused.
 */
import {
  accessSync, chmodSync, chownSync, constants, createWriteStream, lstatSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync,
  type Stats, type WriteStream,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
        // wait until everything queued so far was written (or failed: a full disk, a closed pipe)
        await new Promise<void>((resolve, reject) => {
          stream.write('', (e?: Error | null) => (e ? reject(e) : resolve()));
        });
        if (failed) throw failed;
        return;
      }
      // end's callback gets the error of the last writes (a full disk may show only here)
      await new Promise<void>((resolve, reject) => {
        stream.end((e?: Error | null) => (e ? reject(e) : resolve()));
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

const fsError = (message: string, code: string) => Object.assign(new Error(message), { code });

/** Temporary files of this process still to remove if it ends early. */
const pending = new Set<string>();
let hooked = false;
function removePending(): void {
  for (const f of pending) {
    try {
      unlinkSync(f);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}
/** Removes the temporary files on exit; SIGINT, SIGTERM and SIGHUP end the process via main.ts's handlers. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', removePending);
}

let tmpCount = 0;
/** `.NAME.PID.tmp` beside the target (a short name when NAME is long, so it still fits in 255 bytes). */
function tmpName(dir: string, base: string): string {
  const n = tmpCount++;
  const name = Buffer.byteLength(base) <= 200 ? base : 'fairshot-output';
  return join(dir, `.${name}.${process.pid}${n > 0 ? `-${n}` : ''}.tmp`);
}

async function opened(ws: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
}

/**
 * What to do with an output path: write a device/FIFO directly; replace a regular file (the real
 * one, through symlinks) keeping its mode; or create a new file.
 */
export function outputTarget(path: string): { direct: true } | { direct: false; real: string; old?: Stats } {
  let st: Stats;
  try {
    st = statSync(path); // follows symlinks
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      // a new file (or a dangling symlink: create what it points to, and keep the link)
      let to = path;
      try {
        if (lstatSync(path).isSymbolicLink()) to = resolve(dirname(path), readlinkSync(path));
      } catch {
        /* no such file: a new one */
      }
      let real = to;
      try {
        real = join(realpathSync(dirname(to)), basename(to));
      } catch {
        /* the folder is missing: creating the temporary file says so */
      }
      return { direct: false, real };
    }
    throw e;
  }
  if (st.isDirectory()) throw fsError(`${path} is a folder`, 'EISDIR');
  if (!st.isFile()) return { direct: true };
  const real = realpathSync(path);
  try {
    accessSync(real, constants.W_OK);
  } catch {
    throw fsError('the file is read-only (permission denied)', 'EREADONLY');
  }
  // root passes access(): still respect a file nobody may write
  if ((st.mode & 0o222) === 0) throw fsError('the file is read-only (chmod u+w to allow it)', 'EREADONLY');
  return { direct: false, real, old: st };
}

/** Results to FILE: via a temporary sibling renamed over it, or directly for a device or FIFO. */
export async function fileSink(path: string): Promise<Sink> {
  const target = outputTarget(path);
  if (target.direct) {
    const ws = createWriteStream(path, { flags: 'w' });
    await opened(ws);
    return streamSink(ws, true);
  }
  const { real, old } = target;
  let tmp = tmpName(dirname(real), basename(real));
  let ws: WriteStream;
  for (;;) {
    // O_EXCL: never through a symlink planted under the temporary name
    ws = createWriteStream(tmp, { flags: 'wx', mode: 0o600, flush: true });
    try {
      await opened(ws);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      tmp = tmpName(dirname(real), basename(real));
    }
  }
  hookExit();
  pending.add(tmp);
  let done = false;
  const cleanup = () => {
    if (done) return;
    done = true;
    pending.delete(tmp);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  };
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
        if (old) {
          chmodSync(tmp, old.mode & 0o7777);
          if (process.getuid?.() === 0 && (old.uid !== 0 || old.gid !== 0)) {
            try {
              chownSync(tmp, old.uid, old.gid);
            } catch {
              /* keep root's */
            }
          }
        } else chmodSync(tmp, 0o666 & ~process.umask());
        renameSync(tmp, real);
        done = true;
        pending.delete(tmp);
      } catch (e) {
        cleanup();
        throw e;
      }
    },
    abort() {
      inner.abort();
      cleanup();
    },
  };
}
