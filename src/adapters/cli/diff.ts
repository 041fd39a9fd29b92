/**
 * `kagent-render diff`: render two sides through the same pipeline as `build` and print what
 * changes. Sides: a git ref (its tree read with `git ls-tree` + `git cat-file --batch` into a
 * temporary directory: the working tree and the index are never touched), the working tree,
 * or a directory (`--dirs OLD NEW`). Exit codes as diff(1): 0 no change, 1 changes (or invalid
 * input on a side, as `build`), 2 usage or internal error; `--exit-zero` for comment-only CI steps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../diagnostics/errors.js';
import { formatText } from '../../diagnostics/format.js';
import {
  diffRenders,
  formatJson,
  formatMarkdown,
  formatText as formatDiffText,
  type DiffSide,
} from '../../diff/index.js';
import type { Settings } from '../../settings/settings.js';
import type { CliIO } from '../io.js';
import { renderTree, STDIN } from '../run.js';
import { parseArgs } from './args.js';

export interface DiffArgs {
  paths: string[];
  base?: string;
  head?: string;
  dirs?: [string, string];
  format: 'text' | 'markdown' | 'json';
  color: 'auto' | 'always' | 'never';
  exitZero: boolean;
  config?: string;
  quiet: boolean;
  settings: Partial<Settings>;
  sources: Record<string, string>;
}

const FORMATS = ['text', 'markdown', 'json'] as const;
const COLORS = ['auto', 'always', 'never'] as const;

/** The diff flags are taken out here (--dirs takes two values); the rest is the common grammar (args.ts). */
export function parseDiffArgs(argv: string[]): DiffArgs {
  const rest: string[] = [];
  const out: Omit<DiffArgs, 'paths' | 'settings' | 'sources' | 'quiet'> = {
    format: 'text',
    color: 'auto',
    exitZero: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    if (raw === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (allowed?: readonly string[]): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      if (allowed && !allowed.includes(v))
        throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got '${v}'`);
      return v;
    };
    if (flag === '--base') out.base = value();
    else if (flag === '--head') out.head = value();
    else if (flag === '--format') out.format = value(FORMATS) as DiffArgs['format'];
    else if (flag === '--color') out.color = value(COLORS) as DiffArgs['color'];
    else if (flag === '--exit-zero' && inline === undefined) out.exitZero = true;
    else if (flag === '--dirs' && inline === undefined) {
      const [a, b] = [argv[i + 1], argv[i + 2]];
      if (a === undefined || b === undefined || a.startsWith('--') || b.startsWith('--'))
        throw new UsageError('--dirs needs two directories: --dirs OLD NEW');
      out.dirs = [a, b];
      i += 2;
    } else if (flag === '-o' || flag === '--output' || flag === '--check')
      throw new UsageError(`${flag} is a build flag; diff prints to stdout`);
    else rest.push(raw);
  }
  if (out.dirs && (out.base !== undefined || out.head !== undefined))
    throw new UsageError('--dirs compares two directories; it cannot be combined with --base or --head');
  const common = parseArgs('diff', rest);
  if (common.paths.includes(STDIN)) throw new UsageError("diff reads two sides of a repository, not stdin ('-')");
  const { paths, settings, sources, config, quiet } = common;
  return { ...out, paths, settings, sources, config, quiet };
}

/** Where a side's files are: `cwd` is where `build` would run on that side (PATHs resolve from it). */
interface SideSource {
  name: 'base' | 'head';
  label: string;
  cwd: string;
  /** Temporary directory to remove afterwards. */
  temp?: string;
}

export async function runDiff(argv: string[], io: CliIO): Promise<number> {
  const args = parseDiffArgs(argv);
  const sides: SideSource[] = [];
  try {
    if (args.dirs) {
      for (const [i, dir] of args.dirs.entries()) {
        const abs = path.resolve(io.cwd, dir);
        if (!existsSync(abs)) throw new UsageError(`--dirs: '${dir}' does not exist`);
        sides.push({ name: i === 0 ? 'base' : 'head', label: dir, cwd: abs });
      }
    } else {
      const repo = gitRepository(io);
      const cwd = realpathSync(io.cwd);
      const rel = path.relative(repo, cwd);
      // Only the blobs under the PATHs (and the settings file beside the command) are read.
      const toRepo = (p: string) => path.relative(repo, path.resolve(cwd, p)).split(path.sep).join('/');
      const scope = [...(args.paths.length > 0 ? args.paths : ['.']).map(toRepo), toRepo('kagent-render.yaml')];
      for (const [name, ref] of [
        ['base', args.base ?? 'HEAD'],
        ['head', args.head],
      ] as const) {
        if (ref === undefined) {
          sides.push({ name, label: 'working tree', cwd: io.cwd });
          continue;
        }
        const commit = resolveCommit(io, repo, ref);
        const temp = mkdtempSync(path.join(os.tmpdir(), `kagent-render-diff-${name}-`));
        sides.push({ name, label: ref, cwd: path.join(temp, rel), temp });
        extractTree(io, repo, commit, temp, scope);
        // Settings discovery stops at a repository root: the side's root is one.
        mkdirSync(path.join(temp, '.git'), { recursive: true });
        mkdirSync(path.join(temp, rel), { recursive: true });
      }
    }
    const paths = args.paths.length > 0 ? args.paths : ['.'];
    const wanted = sides.map((s) => paths.filter((p) => existsSync(path.resolve(s.cwd, p))));
    const missing = paths.filter((p) => wanted.every((w) => !w.includes(p)));
    if (missing.length > 0) throw new UsageError(`path '${missing[0]}' exists on neither side`);

    const rendered: DiffSide[] = [];
    let failed = false;
    for (const [i, side] of sides.entries()) {
      // The same entry as build (settings discovery on that side, then flags); a side with
      // none of the PATHs renders nothing, which is what a diff wants (no empty-render guard).
      const tree =
        wanted[i].length > 0
          ? await renderTree({
              cwd: side.cwd,
              paths: wanted[i],
              config: args.config,
              overrides: [{ settings: args.settings, sources: args.sources }],
            })
          : undefined;
      for (const d of tree?.diagnostics ?? []) {
        if (d.severity === 'error' || !args.quiet) io.stderr.write(`${side.name}:${formatText(d)}\n`);
      }
      if (tree?.failed) failed = true;
      const result = tree?.result;
      rendered.push({
        label: side.label,
        objects: result?.rendered.flatMap((r) => r.objects) ?? [],
        inputs: result?.inputs ?? [],
      });
    }
    if (failed) {
      io.stderr.write('kagent-render: diff: invalid input (see above); nothing compared\n');
      return 1;
    }
    const report = diffRenders(rendered[0], rendered[1]);
    const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
    const color = args.color === 'always' || (args.color === 'auto' && tty && !io.env.NO_COLOR);
    io.stdout.write(
      args.format === 'json'
        ? formatJson(report)
        : args.format === 'markdown'
          ? formatMarkdown(report)
          : formatDiffText(report, { color }),
    );
    const changed = report.objects.length > 0;
    return changed && !args.exitZero ? 1 : 0;
  } finally {
    for (const s of sides) if (s.temp) rmSync(s.temp, { recursive: true, force: true });
  }
}

function git(io: CliIO, cwd: string, args: string[], input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, {
    cwd,
    input,
    env: { ...io.env, GIT_OPTIONAL_LOCKS: '0' } as NodeJS.ProcessEnv,
    maxBuffer: 1 << 30,
  });
  if (r.error) {
    const why = (r.error as NodeJS.ErrnoException).code ?? r.error.message;
    throw new UsageError(`diff needs git to compare refs (${why}); use --dirs OLD NEW to compare two directories`);
  }
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

function gitRepository(io: CliIO): string {
  const r = git(io, io.cwd, ['rev-parse', '--show-toplevel']);
  if (!r.ok)
    throw new UsageError(
      `not in a git repository (${io.cwd}): diff compares git refs; use --dirs OLD NEW to compare two directories`,
    );
  return realpathSync(r.stdout.toString('utf8').trim());
}

function resolveCommit(io: CliIO, repo: string, ref: string): string {
  if (ref.startsWith('-')) throw new UsageError(`unknown git ref '${ref}'`);
  const r = git(io, repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!r.ok) throw new UsageError(`unknown git ref '${ref}' in ${repo}`);
  return r.stdout.toString('utf8').trim();
}

/** What build reads (YAML and JSON inputs) and what may hold settings. */
const INPUT_FILE = /\.(ya?ml|json)$/;

/** The input files (and symlinks named like them) of a commit under `scope` (repository paths), written under `dir`. */
function extractTree(io: CliIO, repo: string, commit: string, dir: string, scope: string[]): void {
  // Every kagent-render.yaml too: settings are found from the input path upward (adapters/run.ts).
  const inScope = (file: string) =>
    file === 'kagent-render.yaml' ||
    file.endsWith('/kagent-render.yaml') ||
    scope.some((s) => s === '' || file === s || file.startsWith(`${s}/`));
  const list = git(io, repo, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  if (!list.ok) throw new UsageError(`cannot list the tree of ${commit}: ${list.stderr}`);
  const entries: Array<{ mode: string; sha: string; file: string }> = [];
  for (const rec of list.stdout.toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha] = rec.slice(0, tab).split(' ');
    const file = rec.slice(tab + 1);
    if (type === 'commit') {
      // A submodule: its files at the recorded commit, as the working tree has them checked out.
      const within = scope
        .filter((x) => x === '' || file === x || file.startsWith(`${x}/`) || x.startsWith(`${file}/`))
        .map((x) => (x.startsWith(`${file}/`) ? x.slice(file.length + 1) : ''));
      if (within.length > 0) extractSubmodule(io, repo, file, sha, dir, within);
      continue;
    }
    if (type !== 'blob' || !INPUT_FILE.test(file) || !inScope(file)) continue;
    const parts = file.split('/');
    if (parts.some((p) => p === '..' || p === '.git' || p === '')) continue;
    entries.push({ mode, sha, file });
  }
  if (entries.length === 0) return;
  const batch = git(io, repo, ['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
  if (!batch.ok) throw new UsageError(`cannot read the blobs of ${commit}: ${batch.stderr}`);
  const buf = batch.stdout;
  let at = 0;
  for (const e of entries) {
    const nl = buf.indexOf(0x0a, at);
    const header = buf.subarray(at, nl).toString('utf8').split(' ');
    const size = Number(header[2]);
    const content = buf.subarray(nl + 1, nl + 1 + size);
    at = nl + 1 + size + 1;
    const target = path.join(dir, e.file);
    mkdirSync(path.dirname(target), { recursive: true });
    if (e.mode === '120000') symlinkSync(content.toString('utf8'), target);
    else writeFileSync(target, content);
  }
}

function extractSubmodule(io: CliIO, repo: string, file: string, sha: string, dir: string, scope: string[]): void {
  const parts = file.split('/');
  if (parts.some((p) => p === '..' || p === '.git' || p === '')) return;
  const sub = path.join(repo, file);
  // Not checked out (`git submodule update` never ran): the working tree has nothing there either.
  if (!existsSync(path.join(sub, '.git'))) return;
  const r = git(io, sub, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${sha}^{commit}`]);
  if (!r.ok)
    throw new UsageError(
      `submodule ${file}: commit ${sha.slice(0, 12)} is not in its clone; ` +
        'run git submodule update --init (or fetch it)',
    );
  extractTree(io, sub, sha, path.join(dir, file), scope);
  // Settings discovery stops at the submodule's root, as in the working tree (its `.git` file).
  mkdirSync(path.join(dir, file, '.git'), { recursive: true });
}
