/**
 * Reads of stdin and of single files outside the input walk (KRM stdin, a plugin CONFIG,
 * settings files, Argo CD discovery), each within the input limit, read in chunks so an
 * endless or huge stream stops at the limit instead of filling memory.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../read/parse.js';

/** The limit on any one input: a file, or stdin (16 MiB, as for every file read). */
export const INPUT_LIMIT_BYTES = DEFAULT_LIMITS.maxFileBytes;

export type CappedRead = { ok: true; text: string } | { ok: false; problem: string };

/** How the limit is named in messages. */
export function limitProblem(what: string, max = INPUT_LIMIT_BYTES): string {
  return `${what} is larger than the input limit of ${max} bytes (${max / (1024 * 1024)} MiB); split the input`;
}

/** All of fd (0 = stdin) up to `max` bytes, as UTF-8 text without a BOM. */
export function readFdCapped(fd: number, what: string, max = INPUT_LIMIT_BYTES): CappedRead {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A stdin that is not readable (closed, a terminal in non-blocking mode) is empty input.
      if (code === 'EOF' || (fd === 0 && total === 0)) break;
      if (code === 'EAGAIN') continue;
      return { ok: false, problem: `cannot read ${what} (${code ?? 'error'})` };
    }
    if (n === 0) break;
    total += n;
    if (total > max) return { ok: false, problem: limitProblem(what, max) };
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return {
    ok: true,
    text: Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  };
}

/** A whole file up to `max` bytes: missing, a directory, unreadable or too large is a problem naming `what`. */
export function readFileCapped(file: string, what: string, max = INPUT_LIMIT_BYTES): CappedRead {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem: code === 'ENOENT' ? `${what} does not exist` : `cannot read ${what} (${code ?? 'error'})`,
    };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, problem: `${what} is a directory; expected a file` };
    if (st.isFile() && st.size > max) return { ok: false, problem: limitProblem(what, max) };
    return readFdCapped(fd, what, max);
  } finally {
    closeSync(fd);
  }
}
