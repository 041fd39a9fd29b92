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
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatText } from '../../diagnostics/format.js';
import {
  diffRenders,
  formatJson,
  formatMarkdown,
  formatText as formatDiffText,
  type DiffSide,
} from '../../diff/index.js';
import { render } from '../../pipeline.js';
import { discover } from '../../read/discover.js';
import { resolveSettings, type Settings } from '../../settings/settings.js';
import type { CliIO } from '../io.js';
import { parseBuildArgs } from './args.js';

export const DIFF_HELP = `kagent-render diff [PATH...] [--base REF] [--head REF] [--dirs OLD NEW]
                   [--format text|markdown|json] [--color auto|always|never] [--exit-zero]
                   [...settings]

  What a change does to the rendered objects: each side rendered as \`build\` would (with the
  kagent-render.yaml found on that side), objects matched by apiVersion/kind/namespace/name,
  changes by field path; config.json, agent-card.json and local.yaml compared by their own
  paths; Secret values never shown. Impact summary first: Deployments that roll out and why.

  --base REF        git ref of the old side (default HEAD)
  --head REF        git ref of the new side (default: the working tree)
  --dirs OLD NEW    compare two directories instead (no git); PATHs are relative to each
  --format F        text (default), markdown (a pull-request comment), json (stable schema)
  --color C         auto (default: when stdout is a terminal and NO_COLOR is unset), always, never
  --exit-zero       exit 0 when there are changes (CI steps that only comment)
  Every build setting (--profile, --namespace, --allow-secret-values, ...) applies to both sides.
  Exit: 0 no change, 1 changes or invalid input on a side, 2 usage or internal error.
`;

export interface DiffArgs {
  paths: string[];
  base?: string;
  head?: string;
  dirs?: [string, string];
  format: 'text' | 'markdown' | 'json';
  color: 'auto' | 'always' | 'never';
  exitZero: boolean;
  settings: Partial<Settings>;
}

const FORMATS = ['text', 'markdown', 'json'] as const;
const COLORS = ['auto', 'always', 'never'] as const;

/** The diff flags are taken out here; the rest (PATHs and every settings flag) is build's grammar. */
export function parseDiffArgs(argv: string[]): DiffArgs {
  const rest: string[] = [];
  const out: Omit<DiffArgs, 'paths' | 'settings'> = { format: 'text', color: 'auto', exitZero: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
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
  const build = parseBuildArgs(rest);
  return { ...out, paths: build.paths, settings: build.settings };
}

type SettingsLoader = (cwd: string) => Promise<{ settings: Record<string, unknown>; diagnostics: Diagnostic[] }>;

/** Where a side's files are: `cwd` is where `build` would run on that side (PATHs resolve from it). */
interface SideSource {
  name: 'base' | 'head';
  label: string;
  cwd: string;
  /** Temporary directory to remove afterwards. */
  temp?: string;
}

export async function runDiff(argv: string[], io: CliIO, loadSettings: SettingsLoader): Promise<number> {
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
      const fromFile = await loadSettings(side.cwd);
      const settings = resolveSettings({ ...fromFile.settings, ...args.settings } as Partial<Settings>);
      const found =
        wanted[i].length > 0 ? await discover(wanted[i], { cwd: side.cwd }) : { files: [], diagnostics: [] };
      const result = render(found.files, settings);
      const diagnostics = [...fromFile.diagnostics, ...found.diagnostics, ...result.diagnostics];
      for (const d of diagnostics) io.stderr.write(`${side.name}:${formatText(d)}\n`);
      if (diagnostics.some((d) => d.severity === 'error')) failed = true;
      rendered.push({ label: side.label, objects: result.rendered.flatMap((r) => r.objects), inputs: result.inputs });
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

const YAML_FILE = /\.ya?ml$/;

/** The YAML files (and symlinks named like them) of a commit under `scope` (repository paths), written under `dir`. */
function extractTree(io: CliIO, repo: string, commit: string, dir: string, scope: string[]): void {
  const inScope = (file: string) => scope.some((s) => s === '' || file === s || file.startsWith(`${s}/`));
  const list = git(io, repo, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  if (!list.ok) throw new UsageError(`cannot list the tree of ${commit}: ${list.stderr}`);
  const entries: Array<{ mode: string; sha: string; file: string }> = [];
  for (const rec of list.stdout.toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha] = rec.slice(0, tab).split(' ');
    const file = rec.slice(tab + 1);
    if (type !== 'blob' || !YAML_FILE.test(file) || !inScope(file)) continue;
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
