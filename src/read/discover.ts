/**
 * PATH arguments → source files. The only core module that reads the file system.
 * Directories are walked for *.yaml / *.yml / *.json (ignoring .git, node_modules and the output
 * dir); files are sorted by display path so file-system order never shows in output;
 * symlinks whose target leaves the root, loops or is a directory are not followed.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import { RESERVED_GLOBS } from '../emit/files.js';
import type { SourceFile } from '../model/source.js';
import { decodeSource, fileSizeProblem, type ParseLimits } from './parse.js';

export interface DiscoverOptions {
  cwd: string;
  /** Directories not to walk (the output dir), relative to cwd or absolute; matched on real paths too. */
  exclude?: string[];
  limits?: Partial<ParseLimits>;
}

export async function discover(
  paths: string[],
  options: DiscoverOptions,
): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const excluded = (options.exclude ?? []).map((e) => path.resolve(options.cwd, e));
  const found = new Map<string, { abs: string; root: string }>();

  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = path.resolve(options.cwd, p);
    const st = await stat(abs).catch(() => undefined);
    if (!st) throw new UsageError(`path '${p}' does not exist`);
    if (st.isDirectory()) {
      const root = await realpath(abs);
      // Symlinks are looked at one by one, never walked through: a link to `.` or `..`
      // would otherwise make the walk endless.
      // Reserved names: leftovers of an interrupted `-o` run are never input; the output dir is
      // kept out of the walk (not even listed: it may be unreadable).
      const ignore = [...RESERVED_GLOBS, ...insideGlobs(abs, root, excluded)];
      const entries = await walk(abs, ignore, (dir, code) =>
        diagnostics.push({
          rule: 'read-unreadable',
          severity: 'error',
          message: `cannot read directory (${code}); its files are not rendered`,
          file: display(options.cwd, dir),
          line: 1,
          col: 1,
        }),
      );
      for (const e of entries) {
        const entryPath = path.join(abs, e.path);
        // The walk follows no link, so root + the relative path is the entry's real path: the
        // output dir is skipped however the input path reaches it (a symlinked alias of the input).
        const realPath = path.join(root, e.path);
        if (excluded.some((x) => isWithin(entryPath, x) || isWithin(realPath, x))) continue;
        if (!YAML_NAME.test(e.name) && !e.dirent.isSymbolicLink()) continue;
        if (e.dirent.isSymbolicLink()) {
          const skipped = symlinkProblem(entryPath);
          if (skipped === 'not-yaml') continue;
          if (skipped) {
            diagnostics.push({
              rule: 'read-symlink-skipped',
              severity: 'warning',
              message: skipped,
              file: display(options.cwd, entryPath),
              line: 1,
              col: 1,
            });
            continue;
          }
        } else if (!e.dirent.isFile()) continue; // a directory called x.yaml
        found.set(display(options.cwd, entryPath), { abs: entryPath, root });
      }
    } else {
      found.set(display(options.cwd, abs), { abs, root: await realpath(path.dirname(abs)) });
    }
  }

  // Synchronous calls: a few per file, where a thread-pool round trip each costs more than the call.
  const files: SourceFile[] = [];
  for (const shown of [...found.keys()].sort()) {
    const { abs, root } = found.get(shown)!;
    // The real path of a file, symlinked or not, must stay inside the root it was found under.
    const real = attempt(() => realpathSync.native(abs));
    if (!real || (real !== root && !real.startsWith(root + path.sep))) {
      diagnostics.push({
        rule: 'read-symlink-escape',
        severity: 'warning',
        message: `not following a symlink that leaves ${display(options.cwd, root) || '.'}`,
        file: shown,
        line: 1,
        col: 1,
      });
      continue;
    }
    let bytes: Uint8Array;
    try {
      const st = statSync(abs);
      if (!st.isFile()) {
        diagnostics.push({
          rule: 'read-unreadable',
          severity: 'error',
          message: 'not a regular file (a device, pipe or socket); pass YAML files or directories',
          file: shown,
          line: 1,
          col: 1,
        });
        continue;
      }
      const tooLarge = fileSizeProblem(shown, st.size, options.limits);
      if (tooLarge) {
        diagnostics.push(tooLarge);
        continue;
      }
      bytes = readFileSync(abs);
    } catch (e) {
      diagnostics.push({
        rule: 'read-unreadable',
        severity: 'error',
        message: `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        file: shown,
        line: 1,
        col: 1,
      });
      continue;
    }
    const decoded = decodeSource(shown, bytes, options.limits);
    diagnostics.push(...decoded.diagnostics);
    if (decoded.file) files.push(decoded.file);
  }
  return { files, diagnostics };
}

/** Inputs by name: YAML, and JSON (which is YAML), as `kubectl apply -f DIR` reads them. */
const YAML_NAME = /\.(ya?ml|json)$/;

function relativeGlob(root: string, dir: string): string {
  return fg.escapePath(path.relative(root, dir).split(path.sep).join('/'));
}

/**
 * Every entry under `root`. A directory that cannot be read (EACCES) is reported through
 * `unreadable` and the walk is repeated without it (fast-glob stops at the first such error).
 */
async function walk(root: string, ignore: string[], unreadable: (dir: string, code: string) => void) {
  const skipped: string[] = [];
  for (;;) {
    try {
      return await fg('**', {
        cwd: root,
        dot: true,
        onlyFiles: false,
        followSymbolicLinks: false,
        objectMode: true,
        ignore: ['**/.git/**', '**/node_modules/**', ...ignore, ...skipped.map((d) => `${relativeGlob(root, d)}/**`)],
      });
    } catch (e) {
      const { code, path: dir } = e as NodeJS.ErrnoException;
      if ((code !== 'EACCES' && code !== 'EPERM') || !dir || skipped.includes(dir) || skipped.length >= 1000) throw e;
      unreadable(dir, code);
      if (dir === root) return [];
      skipped.push(dir);
    }
  }
}

/** Why a symlink met in a walk is not read (a message), 'not-yaml', or undefined to read it. */
function symlinkProblem(link: string): string | 'not-yaml' | undefined {
  let real: string;
  try {
    real = realpathSync(link);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return YAML_NAME.test(link)
      ? `not following a symlink that ${code === 'ELOOP' ? 'loops' : 'points nowhere'} (${code ?? 'error'})`
      : 'not-yaml';
  }
  if (statSync(real).isDirectory())
    return `not following a symlinked directory (it could loop); pass its target as a PATH argument instead`;
  if (!YAML_NAME.test(link)) return 'not-yaml';
  return undefined; // files whose target leaves the root are reported below
}

/** Globs that keep the walk out of excluded directories under the root (not even listed: they may be unreadable). */
function insideGlobs(abs: string, root: string, excluded: string[]): string[] {
  const globs: string[] = [];
  for (const x of excluded) {
    for (const base of [abs, root]) {
      const rel = path.relative(base, x);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel))
        globs.push(`${fg.escapePath(rel.split(path.sep).join('/'))}/**`);
    }
  }
  return globs;
}

function isWithin(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function display(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join('/');
}
