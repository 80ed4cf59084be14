/**
 * Opening a named input. A regular file is read with fs streams. A FIFO (a named pipe, or
 * /dev/stdin when it is one) is read as a pipe handle by the event loop instead: fs streams read
 * in libuv's thread pool, and a read blocked on a FIFO whose writer stays open but writes nothing
 * held the process at exit, so Ctrl-C, SIGTERM and SIGHUP did not end the run (found by the
 * robustness rerun, issue 25/21).
 *
 * Opening a FIFO waits for its writer (as `cat` does); that wait runs in the thread pool too, so
 * if the process exits while it waits, an 'exit' handler opens the FIFO for writing, without
 * blocking, which ends the wait.
 */
import { closeSync, constants, createReadStream, open, openSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';

/** FIFOs whose open is still waiting for a writer. */
const waiting = new Set<string>();
let exitHook = false;

function releaseWaits(): void {
  for (const path of waiting) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      /* the open ended meanwhile, or the FIFO is gone */
    }
  }
  waiting.clear();
}

const isFifo = (path: string): boolean => {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false; // the stream's own open reports why it cannot be read
  }
};

/**
 * A stream of the bytes of `path` (or text, with `encoding`). Errors (missing file, no
 * permission) come as the stream's 'error' event, as from fs.createReadStream.
 */
export function openBytes(path: string, opts: { encoding?: BufferEncoding; highWaterMark?: number } = {}): Readable {
  if (!isFifo(path)) return createReadStream(path, opts);
  if (!exitHook) {
    process.on('exit', releaseWaits);
    exitHook = true;
  }
  const out = new PassThrough(opts.highWaterMark ? { highWaterMark: opts.highWaterMark } : {});
  if (opts.encoding) out.setEncoding(opts.encoding);
  waiting.add(path);
  open(path, constants.O_RDONLY, (err, fd) => {
    waiting.delete(path);
    if (err) {
      out.destroy(err);
      return;
    }
    // libuv makes the descriptor non-blocking and reads it when epoll says it is ready
    const pipe = new Socket({ fd, readable: true, writable: false });
    pipe.on('error', (e) => out.destroy(e));
    out.on('close', () => pipe.destroy());
    pipe.pipe(out);
  });
  return out;
}
