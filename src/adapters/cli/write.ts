/**
 * `-o DIR` on disk (docs/output-directory.md). DIR is a tree kagent-render owns and nothing else:
 *
 * - It is walked without following any link; a link inside DIR is reported (a warning) and left
 *   alone: never followed, read, replaced or removed. A link where the tree must write (a file,
 *   or a directory on its way) is an error. DIR itself may not be a link.
 * - Files without the generated-file header are never touched; an unreadable directory or
 *   `.yaml` file in DIR is an error (it could hide stale generated files).
 * - An update is one transaction, serialised by a lock (lock.ts). Every new file is first
 *   written into `<its directory>/.kagent-render.new/`, and every stale generated file gets an
 *   empty marker in `<its directory>/.kagent-render.del/` (which also proves the directory is
 *   writable). Then `DIR/.kagent-render.commit` is renamed into place: the commit point. Then
 *   the staged files are renamed over their targets and the stale ones removed, and the commit
 *   record goes last. A failure before the commit point discards the stage (DIR unchanged); a
 *   crash leaves either an uncommitted stage, which the next run discards, or a commit record,
 *   whose update the next run finishes before anything else. `--check` reports any such
 *   leftover as out of date.
 *
 * Synchronous calls on purpose: thousands of small files one after another, where an event-loop
 * round trip per call costs more than the I/O.
 */
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  type Stats,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { OutputError, UsageError } from '../../diagnostics/errors.js';
import { unifiedDiff } from '../../emit/diff.js';
import { GENERATED_HEADER, isReservedName, RESERVED_PREFIX } from '../../emit/files.js';
import { fsStep, markCommit, reportSteps, stepReport } from './faults.js';
import { acquireLock, isRunning, LOCK_NAME, LOCK_TEMP } from './lock.js';

const NEW_DIR = `${RESERVED_PREFIX}new`;
const DEL_DIR = `${RESERVED_PREFIX}del`;
const COMMIT = `${RESERVED_PREFIX}commit`;
const COMMIT_TEMP = `${RESERVED_PREFIX}commit.tmp`;
const HEADER = Buffer.from(GENERATED_HEADER);

export interface WriteResult {
  written: string[];
  removed: string[];
}

export interface WriteOptions {
  /** DIR as the user wrote it, for messages (default: dir). */
  shown?: string;
  /** Progress and warnings that are not errors ("waiting for the lock", "a link in DIR"). */
  note?: (message: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Where DIR may be
// ---------------------------------------------------------------------------------------------

/**
 * Checks `-o output` against the inputs on real paths and returns DIR's real path (for the input
 * walk to skip it, however the input reaches it). DIR may not be a symlink, nor the file-system
 * root, nor contain an input: its own output would be read back, or the input skipped.
 */
export function outputLocation(output: string, inputs: string[], cwd: string): string {
  const abs = path.resolve(cwd, output);
  if (lstatIfExists(abs)?.isSymbolicLink()) {
    throw new UsageError(
      `-o ${output} is a symlink; kagent-render writes only into a real directory and never follows links there: pass the directory itself`,
    );
  }
  const real = realPathOf(abs);
  if (real === path.parse(real).root)
    throw new UsageError(`-o ${output} is the file-system root; write the output to a directory of its own`);
  for (const p of inputs) {
    const input = realPathOf(path.resolve(cwd, p));
    if (isWithin(input, real)) {
      throw new UsageError(
        `-o ${output} contains the input ${p}${input === path.resolve(cwd, p) ? '' : ` (${input})`}: it would be skipped or read back as input; write the output to a directory outside the input (or to a subdirectory of it)`,
      );
    }
  }
  return real;
}

/** The real path of p, which need not exist: the real path of its deepest existing ancestor, plus the rest. */
function realPathOf(p: string): string {
  const rest: string[] = [];
  let at = p;
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return p;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

function isWithin(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

// ---------------------------------------------------------------------------------------------
// Reading DIR without following links
// ---------------------------------------------------------------------------------------------

interface Scan {
  /** Generated files (regular `.yaml` files that start with the header): relative path → content. */
  ours: Map<string, string>;
  /** Every other file: without the header, not `.yaml`, or not a regular file. */
  foreign: Set<string>;
  /** Directories, '' being DIR. */
  dirs: Set<string>;
  links: string[];
  /** Entries with a reserved name (our lock, leftovers of an interrupted run); not descended into. */
  reserved: string[];
}

function scanOutput(dir: string, shown: string): Scan {
  const scan: Scan = { ours: new Map(), foreign: new Set(), dirs: new Set(['']), links: [], reserved: [] };
  const walk = (rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(rel ? path.join(dir, rel) : dir, { withFileTypes: true });
    } catch (e) {
      throw new OutputError(
        `cannot read ${show(shown, rel)} (${codeOf(e)}): an unreadable directory could hide stale generated files; fix its permissions or move it out of ${shown}. Nothing was written.`,
      );
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (isReservedName(e.name)) scan.reserved.push(r);
      else if (e.isSymbolicLink()) scan.links.push(r);
      else if (e.isDirectory()) {
        scan.dirs.add(r);
        walk(r);
      } else if (e.isFile() && e.name.endsWith('.yaml')) {
        const text = readGenerated(path.join(dir, r), show(shown, r));
        if (text === undefined) scan.foreign.add(r);
        else scan.ours.set(r, text);
      } else scan.foreign.add(r);
    }
  };
  walk('');
  return scan;
}

/** The content of file if it is a regular file starting with the header; never follows a link or blocks on a pipe. */
function readGenerated(file: string, shown: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ELOOP' || code === 'ENOENT') return undefined; // replaced by a link, or gone, since the walk
    throw new OutputError(
      `cannot read ${shown} (${code}): kagent-render cannot tell whether it generated it; fix its permissions or move it away. Nothing was written.`,
    );
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const head = Buffer.alloc(HEADER.length);
    if (readSync(fd, head, 0, head.length, 0) < head.length || !head.equals(HEADER)) return undefined;
    return readFileSync(fd, 'utf8'); // from offset 0: the positioned read above did not move it
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// What an update changes
// ---------------------------------------------------------------------------------------------

interface Plan {
  /** New or changed files (relative paths). */
  changes: string[];
  /** Stale generated files. */
  removals: string[];
  /** Directories to create, parents first. */
  mkdirs: string[];
  /** Paths of the tree that cannot be written, with why. */
  problems: Array<{ rel: string; message: string }>;
}

function planChanges(scan: Scan, tree: Map<string, string>, shown: string): Plan {
  const plan: Plan = { changes: [], removals: [], mkdirs: [], problems: [] };
  const links = new Set(scan.links);
  const mkdirs = new Set<string>();
  for (const [rel, content] of tree) {
    const current = scan.ours.get(rel);
    if (current === content) continue;
    if (current !== undefined) {
      plan.changes.push(rel);
      continue;
    }
    const parts = rel.split('/');
    let blocked: string | undefined;
    for (let i = 1; i < parts.length && !blocked; i++) {
      const p = parts.slice(0, i).join('/');
      if (scan.dirs.has(p)) continue;
      if (links.has(p))
        blocked = `cannot write ${show(shown, rel)}: ${show(shown, p)} is a symlink, and kagent-render never writes through links in its output directory; remove the link`;
      else if (scan.ours.has(p) || scan.foreign.has(p))
        blocked = `cannot write ${show(shown, rel)}: ${show(shown, p)} is a file, not a directory; move it away`;
      else mkdirs.add(p);
    }
    if (!blocked) {
      if (links.has(rel))
        blocked = `refusing to replace ${show(shown, rel)}: it is a symlink, and kagent-render never follows, reads or replaces links in its output directory; remove it`;
      else if (scan.dirs.has(rel))
        blocked = `cannot write ${show(shown, rel)}: a directory is in its place; move it away`;
      else if (scan.foreign.has(rel))
        blocked = `refusing to overwrite ${show(shown, rel)}: it was not generated by kagent-render (no header); move it away or choose another -o directory`;
    }
    if (blocked) plan.problems.push({ rel, message: blocked });
    else plan.changes.push(rel);
  }
  for (const rel of scan.ours.keys()) if (!tree.has(rel)) plan.removals.push(rel);
  plan.mkdirs = [...mkdirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** Bring DIR to `tree` (relative path → content) in one transaction; see the module comment. */
export async function writeTree(
  dir: string,
  tree: Map<string, string>,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const shown = options.shown ?? dir;
  const note = options.note ?? (() => {});
  const st = lstatIfExists(dir);
  if (st?.isSymbolicLink())
    throw new OutputError(
      `${shown} is a symlink; kagent-render writes only into a real directory. Nothing was written.`,
    );
  if (st && !st.isDirectory())
    throw new OutputError(`cannot write ${shown} (ENOTDIR); the previous contents of ${shown} are unchanged`);
  let created: string | undefined;
  if (!st) {
    try {
      fsStep();
      created = mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new OutputError(`cannot write ${pathOf(e, dir)} (${codeOf(e)}); nothing was written to ${shown}`);
    }
  }
  let lock: { release(): void };
  try {
    lock = await acquireLock(dir, shown, note);
  } catch (e) {
    removeCreated(dir, created);
    if (e instanceof OutputError) throw e;
    // A directory we may not write in: fine as long as nothing needs writing.
    if (['EACCES', 'EPERM', 'EROFS'].includes(codeOf(e))) return readOnly(dir, tree, shown, e, note);
    throw new OutputError(
      `cannot write ${pathOf(e, dir)} (${codeOf(e)}); the previous contents of ${shown} are unchanged`,
    );
  }
  let done = false;
  try {
    const result = update(dir, tree, shown, note);
    done = true;
    return result;
  } finally {
    try {
      lock.release();
    } catch {
      // a stale lock is removed by the next run
    }
    if (!done) removeCreated(dir, created);
    if (reportSteps) note(stepReport());
  }
}

function update(dir: string, tree: Map<string, string>, shown: string, note: (m: string) => void): WriteResult {
  let scan = scanOutput(dir, shown);
  if (scan.reserved.some((r) => r !== LOCK_NAME)) {
    try {
      repair(dir, shown, scan, note);
    } catch (e) {
      if (e instanceof OutputError) throw e;
      throw new OutputError(
        `cannot repair the interrupted update of ${shown}: ${pathOf(e, dir)} (${codeOf(e)}); nothing else was written`,
      );
    }
    scan = scanOutput(dir, shown);
  }
  const plan = planChanges(scan, tree, shown);
  for (const l of scan.links) if (!plan.problems.some((p) => p.rel === l)) note(linkWarning(shown, l));
  if (plan.problems.length > 0)
    throw new OutputError(
      `${plan.problems.map((p) => p.message).join('\nkagent-render: error: ')}. Nothing was written.`,
    );
  if (plan.changes.length === 0 && plan.removals.length === 0) return { written: [], removed: [] };

  const groups = new Map<string, Group>();
  const group = (rel: string): Group => {
    const d = path.posix.dirname(rel);
    const key = d === '.' ? '' : d;
    const g = groups.get(key) ?? { add: [], del: [] };
    groups.set(key, g);
    return g;
  };
  for (const rel of plan.changes) group(rel).add.push(path.posix.basename(rel));
  for (const rel of plan.removals) group(rel).del.push(path.posix.basename(rel));

  // Stage. Before the commit point: any failure discards the stage, and DIR is as it was.
  const made: string[] = [];
  try {
    for (const d of plan.mkdirs) {
      fsStep();
      mkdirSync(path.join(dir, d));
      made.push(path.join(dir, d));
    }
    for (const [d, g] of groups) {
      for (const [stage, names] of [
        [NEW_DIR, g.add],
        [DEL_DIR, g.del],
      ] as const) {
        if (names.length === 0) continue;
        const at = path.join(dir, d, stage);
        fsStep();
        mkdirSync(at);
        made.push(at);
        for (const name of names) {
          fsStep();
          writeFileSync(path.join(at, name), stage === NEW_DIR ? (tree.get(join(d, name)) ?? '') : '', { flag: 'wx' });
        }
      }
    }
    const temp = path.join(dir, COMMIT_TEMP);
    fsStep();
    writeFileSync(
      temp,
      `kagent-render: an update of this directory is committed (${plan.changes.length} to write, ${plan.removals.length} to remove); the next build -o finishes it\n`,
    );
    fsStep();
    renameSync(temp, path.join(dir, COMMIT)); // the commit point
    markCommit();
  } catch (e) {
    // Best effort: what stays is an uncommitted stage, which the next run discards.
    for (const at of [...made.reverse(), path.join(dir, COMMIT_TEMP)])
      attempt(() => rmSync(at, { recursive: true, force: true }));
    throw new OutputError(
      `cannot write ${pathOf(e, dir)} (${codeOf(e)}); the previous contents of ${shown} are unchanged`,
    );
  }

  // After the commit point: the update is finished, now or by the next run.
  try {
    finish(dir, groups, shown, false);
  } catch (e) {
    if (e instanceof OutputError) throw e;
    throw new OutputError(
      `cannot finish updating ${shown}: ${pathOf(e, dir)} (${codeOf(e)}); the update is committed (${shown}/${COMMIT}) and the next build -o ${shown} finishes it`,
    );
  }
  for (const [d, g] of groups) if (g.del.length > 0) removeEmptyDirs(dir, d);
  return { written: plan.changes, removed: plan.removals };
}

interface Group {
  add: string[];
  del: string[];
}

/**
 * Rename every staged file over its target, remove every marked stale file, then the commit
 * record. Idempotent: a staged file or marker that is gone was handled before a crash. When
 * `verify` (finishing a crashed run), each target must still be a generated file or absent.
 */
function finish(dir: string, groups: Map<string, Group>, shown: string, verify: boolean): void {
  for (const [d, g] of groups) {
    const at = path.join(dir, d);
    if (g.add.length > 0) {
      for (const name of g.add) {
        const staged = path.join(at, NEW_DIR, name);
        if (verify) {
          if (readGenerated(staged, show(shown, `${d}/${NEW_DIR}/${name}`)) === undefined)
            throw notFinishable(shown, `${d}/${NEW_DIR}/${name}`, 'is not a staged generated file');
          if (!isGeneratedOrAbsent(path.join(at, name), show(shown, join(d, name))))
            throw notFinishable(shown, join(d, name), 'is no longer a generated file');
        }
        fsStep();
        renameSync(staged, path.join(at, name));
      }
      fsStep();
      rmdirSync(path.join(at, NEW_DIR));
    }
    if (g.del.length > 0) {
      for (const name of g.del) {
        const target = path.join(at, name);
        if (!verify || isGeneratedOrAbsent(target, show(shown, join(d, name)))) {
          fsStep();
          unlinkIfExists(target);
        }
        fsStep();
        unlinkIfExists(path.join(at, DEL_DIR, name));
      }
      fsStep();
      rmdirSync(path.join(at, DEL_DIR));
    }
  }
  fsStep();
  unlinkIfExists(path.join(dir, COMMIT));
}

/** Leftovers of an interrupted run: finish it if it was committed, else discard its stage. */
function repair(dir: string, shown: string, scan: Scan, note: (m: string) => void): void {
  const stages = scan.reserved.filter((r) => [NEW_DIR, DEL_DIR].includes(path.posix.basename(r)));
  if (scan.reserved.includes(COMMIT)) {
    const groups = new Map<string, Group>();
    for (const r of stages) {
      const d = path.posix.dirname(r) === '.' ? '' : path.posix.dirname(r);
      if (!lstatSync(path.join(dir, r)).isDirectory()) throw notFinishable(shown, r, 'is not a directory');
      const g = groups.get(d) ?? { add: [], del: [] };
      groups.set(d, g);
      (path.posix.basename(r) === NEW_DIR ? g.add : g.del).push(...readdirSync(path.join(dir, r)).sort());
    }
    finish(dir, groups, shown, true);
    note(`finished an interrupted update of ${shown} (it had been committed)`);
  } else if (stages.length > 0) {
    note(`discarded an interrupted update of ${shown} (it had not been committed; the previous output stays)`);
  }
  for (const r of scan.reserved) {
    if (r === LOCK_NAME) continue;
    if (LOCK_TEMP.test(r) || r === `${LOCK_NAME}.break`) {
      // Another build's lock in the making, or its guard: only when that build is gone.
      const pid = r.endsWith('.break') ? pidIn(path.join(dir, r)) : Number(r.slice(r.lastIndexOf('.') + 1));
      if (pid !== undefined && isRunning(pid)) continue;
    }
    fsStep();
    rmSync(path.join(dir, r), { recursive: true, force: true });
  }
}

/** Finish or discard the leftovers of an interrupted run, under the lock, and change nothing else. */
export async function repairOutput(dir: string, shown = dir, note: (m: string) => void = () => {}): Promise<void> {
  const lock = await acquireLock(dir, shown, note);
  try {
    const scan = scanOutput(dir, shown);
    if (scan.reserved.some((r) => r !== LOCK_NAME)) repair(dir, shown, scan, note);
  } finally {
    lock.release();
  }
}

function readOnly(
  dir: string,
  tree: Map<string, string>,
  shown: string,
  e: unknown,
  note: (m: string) => void,
): WriteResult {
  const scan = scanOutput(dir, shown);
  const plan = planChanges(scan, tree, shown);
  if (
    scan.reserved.length === 0 &&
    plan.problems.length === 0 &&
    plan.changes.length === 0 &&
    plan.removals.length === 0
  ) {
    for (const l of scan.links) note(linkWarning(shown, l));
    return { written: [], removed: [] };
  }
  throw new OutputError(
    `cannot write ${pathOf(e, dir)} (${codeOf(e)}); the previous contents of ${shown} are unchanged`,
  );
}

// ---------------------------------------------------------------------------------------------
// --check, and the pre-commit hook's before/after view
// ---------------------------------------------------------------------------------------------

export interface CheckResult {
  /** A unified diff of the generated files; empty when they are up to date. */
  diff: string;
  /** Why DIR is out of date beyond the diff (leftovers, paths a build could not write). */
  problems: string[];
  warnings: string[];
}

/**
 * DIR against the planned tree, writing nothing. Reads only generated files (regular files with
 * the header, never through a link), so the diff shows nothing else of the file system.
 */
export function checkTree(dir: string, tree: Map<string, string>, shown: string): CheckResult {
  const st = lstatIfExists(dir);
  const result: CheckResult = { diff: '', problems: [], warnings: [] };
  if (st && !st.isDirectory()) {
    result.problems.push(`${shown} is not a directory`);
    return result;
  }
  const scan: Scan = st
    ? scanOutput(dir, shown)
    : { ours: new Map(), foreign: new Set(), dirs: new Set(['']), links: [], reserved: [] };
  if (scan.reserved.length > 0) {
    const some = scan.reserved
      .slice(0, 3)
      .map((r) => show(shown, r))
      .join(', ');
    result.problems.push(
      `${shown} holds leftovers of an interrupted or running kagent-render build (${some}${scan.reserved.length > 3 ? ', ...' : ''}); build -o ${shown} finishes or discards them`,
    );
  }
  const plan = planChanges(scan, tree, shown);
  result.problems.push(...plan.problems.map((p) => p.message));
  const blocked = new Set(plan.problems.map((p) => p.rel));
  result.warnings = scan.links.filter((l) => !blocked.has(l)).map((l) => linkWarning(shown, l));
  const names = [...new Set([...scan.ours.keys(), ...tree.keys()])].filter((r) => !blocked.has(r)).sort();
  for (const rel of names) {
    const shownRel = show(shown, rel);
    result.diff += unifiedDiff(
      scan.ours.get(rel) ?? '',
      tree.get(rel) ?? '',
      scan.ours.has(rel) ? shownRel : '/dev/null',
      tree.has(rel) ? shownRel : '/dev/null',
    );
  }
  return result;
}

/** The generated files in DIR (relative path → content), read as --check reads them. */
export function generatedFiles(dir: string, shown: string): Map<string, string> {
  return lstatIfExists(dir)?.isDirectory() ? scanOutput(dir, shown).ours : new Map();
}

// ---------------------------------------------------------------------------------------------

function linkWarning(shown: string, rel: string): string {
  return `warning: ${show(shown, rel)} is a symlink; kagent-render leaves it alone (not followed, read or removed)`;
}

function notFinishable(shown: string, rel: string, why: string): OutputError {
  return new OutputError(
    `cannot finish the interrupted update of ${shown}: ${show(shown, rel)} ${why}; move it away and run again (${shown}/${COMMIT} marks the update as committed)`,
  );
}

function isGeneratedOrAbsent(file: string, shown: string): boolean {
  const st = lstatIfExists(file);
  return !st || (st.isFile() && readGenerated(file, shown) !== undefined);
}

function removeEmptyDirs(dir: string, rel: string): void {
  for (let d = rel; d !== '' && d !== '.'; d = path.posix.dirname(d)) {
    try {
      fsStep();
      rmdirSync(path.join(dir, d));
    } catch {
      return; // not empty (or not ours to judge): stop
    }
  }
}

/** Undo a `mkdir -p` of DIR when the run wrote nothing into it. */
function removeCreated(dir: string, created: string | undefined): void {
  if (!created) return;
  for (let d = dir; isWithin(d, created); d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

function attempt(f: () => void): void {
  try {
    f();
  } catch {
    // see the caller
  }
}

function unlinkIfExists(file: string): void {
  try {
    unlinkSync(file);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw e;
  }
}

function pidIn(file: string): number | undefined {
  try {
    const m = /^(\d+) /.exec(readFileSync(file, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function lstatIfExists(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function join(d: string, name: string): string {
  return d ? `${d}/${name}` : name;
}

function show(shown: string, rel: string): string {
  return rel ? `${shown.replace(/\/+$/, '')}/${rel}` : shown;
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);
}

function pathOf(e: unknown, fallback: string): string {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  return err?.dest ?? err?.path ?? fallback;
}
