/**
 * The lock that serialises builds into one `-o` directory: `DIR/.kagent-render.lock`, holding
 * "<pid> <hostname>\n". It is made complete beside its place and then hard-linked into it, which
 * fails with EEXIST when the lock exists: the same all-or-nothing test as `open(O_CREAT|O_EXCL)`
 * (used instead where the file system has no hard links), and a lock file is never seen empty.
 *
 * A second build waits for the lock (polling, at most KAGENT_RENDER_LOCK_WAIT seconds, default
 * 30) and then fails with a message naming the holder. A lock whose holder ran on this host and
 * is no longer running is stale and is removed. Removing it is itself guarded by
 * `.kagent-render.lock.break` (made the same way), so two builds that find the same stale lock
 * cannot both take it: the one holding the guard re-reads the lock and removes it only if it is
 * still the stale one.
 */
import { closeSync, constants, fstatSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { OutputError } from '../../diagnostics/errors.js';
import { RESERVED_PREFIX } from '../../emit/files.js';
import { fsStep } from './faults.js';

export const LOCK_NAME = `${RESERVED_PREFIX}lock`;
const BREAK_NAME = `${LOCK_NAME}.break`;
/** The temp names the lock and its guard are made under before the link (`<name>.<pid>`). */
export const LOCK_TEMP = /^\.kagent-render\.lock(\.break)?\.\d+$/;

export interface Lock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  text: string;
}

export async function acquireLock(dir: string, shown: string, note: (message: string) => void): Promise<Lock> {
  const file = path.join(dir, LOCK_NAME);
  const me = `${process.pid} ${hostname()}\n`;
  const waitMs = lockWaitSeconds() * 1000;
  const started = Date.now(); // a bound on waiting only; nothing depends on the clock's value
  let announced = false;
  for (;;) {
    if (createExclusive(file, me)) return { release: () => releaseIfOurs(file, me) };
    const holder = readHolder(file, shown);
    if (holder === undefined) continue; // released between our attempt and the read
    if (holder.host === hostname() && (holder.pid === process.pid || !isRunning(holder.pid))) {
      if (breakStale(dir, holder, me, shown)) {
        note(`removed a stale lock on ${shown} (pid ${holder.pid} on ${holder.host} is not running)`);
        continue;
      }
    }
    if (Date.now() - started >= waitMs) {
      throw new OutputError(
        `${shown} is locked by another kagent-render build (pid ${holder.pid} on host ${holder.host}); gave up after ${waitMs / 1000} s. ` +
          `If that process is gone, remove ${shown}/${LOCK_NAME}. Nothing was written.`,
      );
    }
    if (!announced)
      note(
        `waiting for ${shown}: another kagent-render build (pid ${holder.pid} on host ${holder.host}) is writing it`,
      );
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function lockWaitSeconds(): number {
  const v = process.env.KAGENT_RENDER_LOCK_WAIT;
  const n = v === undefined || v === '' ? 30 : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : 30;
}

/** Create file with content, all or nothing; false when it exists. */
function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}`;
  try {
    fsStep();
    writeFileSync(temp, content);
    fsStep();
    linkSync(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false; // ENOENT: our temp was cleaned away; try again
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    // No hard links here (some network and FUSE file systems): O_EXCL, then the content.
    let fd: number;
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
    try {
      writeFileSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return true;
  } finally {
    fsStep();
    try {
      unlinkSync(temp);
    } catch {
      // removed by a build that cleaned up after us; harmless
    }
  }
}

function readText(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') return '';
    throw e;
  }
  try {
    if (!fstatSync(fd).isFile()) return '';
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function readHolder(file: string, shown: string): Holder | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const m = /^(\d+) (\S+)\n$/.exec(text);
  if (!m) {
    throw new OutputError(
      `${shown}/${path.basename(file)} is not a kagent-render lock (a symlink, a directory or unknown content); remove it. Nothing was written.`,
    );
  }
  return { pid: Number(m[1]), host: m[2], text };
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Remove the stale lock `holder` if it is still in place; false when another build holds the guard. */
function breakStale(dir: string, holder: Holder, me: string, shown: string): boolean {
  const guard = path.join(dir, BREAK_NAME);
  if (!createExclusive(guard, me)) {
    const other = readHolder(guard, shown);
    // A guard whose maker died within its few system calls: remove it and try again.
    if (other && other.host === hostname() && !isRunning(other.pid)) removeIfSame(guard, other.text);
    return false;
  }
  try {
    removeIfSame(path.join(dir, LOCK_NAME), holder.text);
    return true;
  } finally {
    removeIfSame(guard, me);
  }
}

function removeIfSame(file: string, text: string): void {
  if (readText(file) !== text) return;
  fsStep();
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function releaseIfOurs(file: string, me: string): void {
  removeIfSame(file, me);
}
