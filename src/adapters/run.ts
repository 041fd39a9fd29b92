/**
 * The one entry every adapter renders through (CLI build/validate/graph, pre-commit, Argo CD):
 * settings discovery and layering, reading the inputs, the pure render, the empty-render guard
 * and the pass-through objects. Adapters only parse their own invocation and print or write.
 *
 * Settings discovery, the same everywhere: `--config FILE` when given; otherwise the nearest
 * `kagent-render.yaml` from each input path (its directory) upward, stopping at the repository
 * root (the directory that holds `.git`) or the file-system root; with no path (or `-`) the
 * walk starts in the working directory. Inputs that find different files are a usage error.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import type { K8sObject } from '../model/k8s.js';
import type { InputObject, SourceFile } from '../model/source.js';
import { render, type RenderResult } from '../pipeline.js';
import { discover } from '../read/discover.js';
import { decodeSource, parseSingleDocument } from '../read/parse.js';
import { readFileCapped } from './read-capped.js';
import { parseSettings } from '../settings/parse.js';
import { profileDefaults, resolveSettings, type Settings } from '../settings/settings.js';

export const SETTINGS_FILE = 'kagent-render.yaml';
/** The name of standard input in PATH lists and diagnostics. */
export const STDIN = '-';

/** Settings from one source, with where each key came from (`flag --profile`, `env X`). */
export interface SettingsLayer {
  settings: Partial<Settings>;
  sources: Record<string, string>;
}

export interface RenderRequest {
  cwd: string;
  /** As given; empty = `.`; `-` = standard input. */
  paths: string[];
  readStdin?: () => Uint8Array;
  /** `--config FILE`: no discovery. */
  config?: string;
  /** Over the settings file, lowest precedence first (plugin parameters, env, flags). */
  overrides: SettingsLayer[];
  /** Under the settings file (the Argo CD Application's destination namespace). */
  defaults?: SettingsLayer;
  /** Directories never read as input (the output directory). */
  exclude?: string[];
  /**
   * The empty-render guard: when input files were read and this many objects would be
   * emitted is zero, fail unless `allowEmpty` (`kagent` counts rendered objects; `all` adds
   * the pass-through objects, as `argocd generate` emits them).
   */
  guardEmpty?: 'kagent' | 'all';
}

export interface EffectiveSettings {
  settings: Settings;
  sources: Record<string, string>;
  /** The settings file read, as shown in diagnostics; undefined when none. */
  file?: string;
  diagnostics: Diagnostic[];
}

export interface RenderedTree extends EffectiveSettings {
  /** Input files read (the settings file not counted). */
  inputFiles: number;
  result: RenderResult;
  /** Other Kubernetes objects of the input, as written (only with guardEmpty 'all'). */
  passThrough: K8sObject[];
  /** Every diagnostic of the run (settings, read, render, guard), sorted. */
  diagnostics: Diagnostic[];
  failed: boolean;
}

/** The settings a run uses: profile defaults < settings file < overrides, each key's source kept. */
export function effectiveSettings(
  req: Pick<RenderRequest, 'cwd' | 'paths' | 'config' | 'overrides' | 'defaults'>,
): EffectiveSettings {
  const file = req.config !== undefined ? configFile(req.cwd, req.config) : findSettingsFile(req.cwd, req.paths);
  const escapes = req.config === undefined && file ? leavesRepository(file.abs) : undefined;
  const fromFile = escapes
    ? {
        settings: {},
        diagnostics: [
          {
            rule: 'settings-invalid' as const,
            severity: 'error' as const,
            message: `not reading a settings file that is a symlink out of ${escapes}; copy the file or name it with --config`,
            file: file!.shown,
            line: 1,
            col: 1,
          },
        ],
      }
    : file
      ? loadSettingsFile(file.abs, file.shown)
      : { settings: {}, diagnostics: [] };
  const layers: SettingsLayer[] = [
    ...(req.defaults ? [req.defaults] : []),
    {
      settings: fromFile.settings,
      sources: Object.fromEntries(Object.keys(fromFile.settings).map((k) => [k, file!.shown])),
    },
    ...req.overrides,
  ];
  const merged: Partial<Settings> = {};
  const sources: Record<string, string> = {};
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer.settings)) {
      if (v === undefined) continue;
      (merged as Record<string, unknown>)[k] = v;
      sources[k] = layer.sources[k] ?? 'unknown';
    }
  }
  const settings = resolveSettings(merged);
  const base = profileDefaults('gitops');
  const seeded = profileDefaults(settings.profile);
  for (const k of Object.keys(settings) as Array<keyof Settings>) {
    if (sources[k]) continue;
    sources[k] = JSON.stringify(seeded[k]) !== JSON.stringify(base[k]) ? `profile ${settings.profile}` : 'default';
  }
  return { settings, sources, file: file?.shown, diagnostics: fromFile.diagnostics };
}

/** `--print-settings`: the effective settings as YAML a `kagent-render.yaml` may hold, each with its source. */
export function formatSettings(eff: EffectiveSettings): string {
  const lines = [`# settings file: ${eff.file ?? 'none'}`];
  for (const [k, v] of Object.entries(eff.settings)) lines.push(`${k}: ${JSON.stringify(v)}  # ${eff.sources[k]}`);
  return `${lines.join('\n')}\n`;
}

export async function renderTree(req: RenderRequest): Promise<RenderedTree> {
  const eff = effectiveSettings(req);
  const { files, diagnostics: readDiagnostics } = await readInputs(req);
  const result = render(files, eff.settings);
  const bag = new DiagnosticBag();
  bag.addAll([...eff.diagnostics, ...readDiagnostics, ...result.diagnostics]);
  const passThrough = req.guardEmpty === 'all' && result.ok ? passThroughObjects(result.inputs) : [];
  if (passThrough.length > 0) bag.addAll(passThroughClashes(result));
  // The settings file is not an input file: a directory holding only it renders nothing by design.
  const inputs = files.filter((f) => path.posix.basename(f.path) !== SETTINGS_FILE).length;
  if (req.guardEmpty && !bag.hasErrors() && inputs > 0 && !eff.settings.allowEmpty) {
    const count = result.rendered.reduce((n, r) => n + r.objects.length, 0) + passThrough.length;
    if (count === 0) bag.add(emptyRender(req.paths, inputs, req.guardEmpty));
  }
  return { ...eff, inputFiles: inputs, result, passThrough, diagnostics: bag.sorted(), failed: bag.hasErrors() };
}

async function readInputs(req: RenderRequest): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const paths = req.paths.filter((p) => p !== STDIN);
  const fromDisk =
    paths.length > 0 || req.paths.length === 0
      ? await discover(paths, { cwd: req.cwd, exclude: req.exclude })
      : { files: [], diagnostics: [] };
  if (!req.paths.includes(STDIN)) return fromDisk;
  const decoded = decodeSource('<stdin>', req.readStdin?.() ?? new Uint8Array());
  return {
    files: [...(decoded.file ? [decoded.file] : []), ...fromDisk.files],
    diagnostics: [...decoded.diagnostics, ...fromDisk.diagnostics],
  };
}

function emptyRender(paths: string[], fileCount: number, what: 'kagent' | 'all'): Diagnostic {
  const where = paths.length > 0 ? paths.join(' ') : '.';
  const consequence =
    what === 'all'
      ? 'an empty manifest set would make Argo CD prune every object of the application'
      : 'no Agent or MCPServer was found to render';
  return {
    rule: 'render-empty',
    severity: 'error',
    message:
      `${fileCount} input file(s) under ${where} render to nothing: ${consequence}; ` +
      'pass --allow-empty (setting allowEmpty: true) if that is intended',
    file: where,
    line: 1,
    col: 1,
  };
}

/** kagent kinds whose objects are replaced by what they render to (the KRM function's rule). */
const REPLACED_KINDS = new Set(['Agent', 'ModelConfig', 'RemoteMCPServer', 'MCPServer']);

/**
 * Every input object that is not a kagent object this tool replaces: other Kubernetes objects
 * (a `web` Deployment, the Secrets the agents mount), passed through as read — what the KRM
 * function keeps and what Argo CD would have applied without the plugin. Tool configuration
 * (a Kustomization, a KagentRender, a Kptfile, `config.kubernetes.io/local-config`) is not.
 */
export function passThroughObjects(inputs: readonly InputObject[]): K8sObject[] {
  return passThroughInputs(inputs).map((o) => o.body as unknown as K8sObject);
}

/** Configuration of the tools around (kustomize, kpt, our KRM functionConfig): never applied to a cluster. */
const TOOL_GROUPS = [
  'kustomize.config.k8s.io/',
  'render.kagent.dev/',
  'kpt.dev/',
  'fn.kpt.dev/',
  'config.kubernetes.io/',
];

function passThroughInputs(inputs: readonly InputObject[]): InputObject[] {
  return inputs.filter((o) => {
    if (REPLACED_KINDS.has(o.kind) && o.apiVersion.startsWith('kagent.dev/')) return false;
    if (TOOL_GROUPS.some((g) => o.apiVersion.startsWith(g))) return false;
    const annotations = (o.body.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
    return annotations?.['config.kubernetes.io/local-config'] !== 'true'; // kpt's "not for the cluster"
  });
}

/** A passed-through object that a rendered one would collide with (same kind, namespace, name). */
function passThroughClashes(result: RenderResult): Diagnostic[] {
  const generated = new Map<string, string>();
  for (const r of result.rendered) {
    for (const o of r.objects)
      generated.set(
        `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
        `${r.source.kind} ${r.source.namespace}/${r.source.name}`,
      );
  }
  const out: Diagnostic[] = [];
  for (const o of passThroughInputs(result.inputs)) {
    const by = generated.get(`${o.kind}/${o.namespace}/${o.name}`);
    if (!by) continue;
    const p = o.origin.at(['metadata', 'name']);
    const message =
      `${o.kind} ${o.namespace}/${o.name} is in the input and is also generated by ${by}; ` +
      'rename one (Argo CD would apply both)';
    out.push({ rule: 'output-duplicate-object', severity: 'error', message, file: p.file, line: p.line, col: p.col });
  }
  return out;
}

function configFile(cwd: string, config: string): { abs: string; shown: string } {
  const abs = path.resolve(cwd, config);
  if (!isFile(abs)) throw new UsageError(`--config ${config}: no such file`);
  return { abs, shown: config };
}

/** The nearest kagent-render.yaml above every input path; one file for all of them or none. */
export function findSettingsFile(cwd: string, paths: string[]): { abs: string; shown: string } | undefined {
  const starts = paths.filter((p) => p !== STDIN).map((p) => path.resolve(cwd, p));
  if (starts.length === 0) starts.push(path.resolve(cwd));
  const found = new Map<string, string>(); // settings file (or '') → first input that found it
  for (const start of starts) {
    const file = nearest(isDirectory(start) ? start : path.dirname(start)) ?? '';
    if (!found.has(file)) found.set(file, path.relative(cwd, start));
  }
  if (found.size > 1) {
    const list = [...found]
      .map(([file, input]) => `${input || '.'} → ${file ? display(cwd, file) : 'none'}`)
      .join(', ');
    throw new UsageError(
      `the inputs have different settings files (${list}); render them separately or name one with --config FILE`,
    );
  }
  const [file] = found.keys();
  return file ? { abs: file, shown: display(cwd, file) } : undefined;
}

/**
 * A discovered settings file whose real path leaves its repository (a committed symlink to
 * /etc/… or ~/.kube/config on the CI or Argo CD host): the repository root it leaves, shown.
 */
function leavesRepository(abs: string): string | undefined {
  let root: string | undefined;
  for (let d = path.dirname(abs); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) {
      root = d;
      break;
    }
    if (path.dirname(d) === d) return undefined;
  }
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync.native(abs);
    realRoot = realpathSync.native(root);
  } catch {
    return undefined;
  }
  return real === realRoot || real.startsWith(realRoot + path.sep) ? undefined : 'the repository';
}

function nearest(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, SETTINGS_FILE);
    if (isFile(candidate)) return candidate;
    if (existsSync(path.join(d, '.git')) || path.dirname(d) === d) return undefined;
  }
}

function loadSettingsFile(abs: string, shown: string): { settings: Partial<Settings>; diagnostics: Diagnostic[] } {
  // Within the input limit, like every input file; unreadable is a diagnostic, not a crash.
  const read = readFileCapped(abs, shown);
  if (!read.ok) {
    const rule = read.problem.includes('input limit') ? 'read-file-too-large' : 'read-unreadable';
    return {
      settings: {},
      diagnostics: [{ rule, severity: 'error', message: read.problem, file: shown, line: 1, col: 1 }],
    };
  }
  const decoded = decodeSource(shown, Buffer.from(read.text, 'utf8'));
  if (!decoded.file) return { settings: {}, diagnostics: decoded.diagnostics };
  const parsed = parseSingleDocument({ path: shown, text: decoded.file.text });
  if (parsed.diagnostics.length > 0) return { settings: {}, diagnostics: parsed.diagnostics };
  return parseSettings(parsed.value, shown, parsed.origin);
}

function display(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join('/') || '.';
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
