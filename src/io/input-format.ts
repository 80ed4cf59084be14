/**
 * Telling what an input is before reading it: its format from its first bytes (for standard
 * input and names without a known extension), and a plain reason when a file cannot be read.
 */
import type { Readable } from 'node:stream';
import type { InputFormat } from './read-records.js';

/** Guess the input format from its first bytes. */
export function sniffFormat(head: Buffer): InputFormat | undefined {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const first = /\S/.exec(text)?.[0];
  // A pretty-printed object ("{" alone on the first line) is one JSON document; otherwise "{"
  // starts JSON Lines, read line by line so one bad line does not spoil the others.
  if (first === '{') return /^\s*\{\s*\r?\n/.test(text) ? 'json' : 'jsonl';
  if (first === '[') return 'json';
  const line = text.trimStart().split(/\r?\n/, 1)[0] ?? '';
  if (line.includes(',') && line.split(',').some((c) => c.trim().replace(/^"|"$/g, '') === 'id')) return 'csv';
  if (first === '-' || /^\s*id\s*:/m.test(text)) return 'yaml';
  return undefined;
}

/** Bytes peek gathers at most before giving up on a line end. */
const PEEK_BYTES = 64 * 1024;

/**
 * Wait for the start of a stream, up to its first line end (so a format guess never rests on a
 * few bytes that happened to arrive first: `i`, then `d,state,…`), and put it back. null: the
 * stream is empty.
 */
export function peek(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const parts: (Buffer | string)[] = [];
    let len = 0;
    let sawLineEnd = false;
    const done = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onReadable = () => {
      let chunk: Buffer | string | null;
      while (!sawLineEnd && len < PEEK_BYTES && (chunk = stream.read() as Buffer | string | null) !== null) {
        parts.push(chunk);
        len += chunk.length;
        if (chunk.indexOf('\n') !== -1) sawLineEnd = true;
      }
      // the stream has ended (its last 'readable' before 'end'): what came is all there is
      const ended = (stream as unknown as { _readableState?: { ended?: boolean } })._readableState?.ended === true;
      if (parts.length === 0 || (!sawLineEnd && len < PEEK_BYTES && !ended)) return;
      done();
      // put back what was read, as it was read (text when the stream has an encoding)
      const all = typeof parts[0] === 'string' ? parts.join('') : Buffer.concat(parts as Buffer[]);
      stream.unshift(all);
      resolve(typeof all === 'string' ? Buffer.from(all) : all);
    };
    const onEnd = () => {
      done();
      resolve(null);
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

export function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  return (e as Error).message;
}
