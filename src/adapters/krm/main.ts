/**
 * KRM function (KRM Functions Specification v1; SPEC §7): ResourceList in, ResourceList out.
 * kagent objects are replaced by what they expand to (unless keepInputs); every other item is
 * passed through unchanged (its comments restored by the orchestrator); generated items carry our marker annotation so
 * re-running over our own output replaces instead of duplicating, plus path/index annotations
 * so kpt writes them to files. Diagnostics become `results`; any error → exit 1.
 */
import { isAlias, isMap, isNode, isSeq, parseDocument, visit, YAMLSeq, type Node } from 'yaml';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { visible } from '../../diagnostics/format.js';
import { fileNameOf } from '../../emit/files.js';
import { toYaml } from '../../emit/yaml.js';
import type { K8sObject } from '../../model/k8s.js';
import { KNOWN_KAGENT_KINDS } from '../../model/kinds.js';
import { formatKey, type SourceFile } from '../../model/source.js';
import { render } from '../../pipeline.js';
import { entryFor } from '../../read/compose.js';
import { readOneDocument } from '../../read/parse.js';
import { parseSettings } from '../../settings/parse.js';
import { resolveSettings, type Settings } from '../../settings/settings.js';
import { settingsFromStringMap } from './function-config.js';
import { readRawList, type RawList } from './raw-list.js';

export const GENERATED_BY = 'render.kagent.dev/generated-by';
const PATH = 'internal.config.kubernetes.io/path';
const INDEX = 'internal.config.kubernetes.io/index';
const LEGACY_PATH = 'config.kubernetes.io/path';
const LEGACY_INDEX = 'config.kubernetes.io/index';
const ITEM_WITHOUT_PATH = 'items[';
const KAGENT_KINDS = new Set(['Agent', 'ModelConfig', 'RemoteMCPServer', 'MCPServer']);
const MAX_ALIASES = 100;

type Obj = Record<string, any>;

export interface KrmResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface KrmOptions {
  /** `reference` forces the `yaml` Document path (tests prove both paths agree). */
  reader?: 'fast' | 'reference';
}

export function runKrm(stdin: string, options: KrmOptions = {}): KrmResult {
  if (stdin.trim() === '')
    return failure('kagent-render krm: empty input; expected a config.kubernetes.io/v1 ResourceList on stdin');
  const input = (options.reader !== 'reference' ? readRawList(stdin) : undefined) ?? readDocumentList(stdin);
  if (typeof input === 'string') return failure(`kagent-render krm: ${input}`);
  const list = input.list;
  const items: Obj[] = Array.isArray(list.items) ? list.items : [];

  const config = functionConfigSettings(list.functionConfig);
  if (config.diagnostics.length > 0)
    return finish(
      input,
      items.map((_, i) => i),
      [],
      config.diagnostics,
      true,
    );
  const settings = resolveSettings(config.settings);

  // Secrets, ConfigMaps, Services and SandboxAgents matter only as what kagent objects refer to.
  const hasKagent = items.some((item) => isKagentItem(item) && !item?.metadata?.annotations?.[GENERATED_BY]);
  const keep: number[] = [];
  const previous: Array<{ index: number; path: string }> = [];
  const files: SourceFile[] = [];
  items.forEach((item, i) => {
    const ann: Obj = item?.metadata?.annotations ?? {};
    if (ann[GENERATED_BY]) {
      previous.push({ index: i, path: String(ann[PATH] ?? ann[LEGACY_PATH] ?? '') });
      return;
    }
    const isKagent = isKagentItem(item);
    if (!isKagent || settings.keepInputs) keep.push(i);
    // An unknown kagent.dev kind (`Agnet`) is read too, so the typo is reported (input-unknown-kind).
    const referenced = hasKagent && ['Secret', 'ConfigMap', 'Service', 'SandboxAgent'].includes(item?.kind);
    if (isKagent || isUnknownKagentKind(item) || referenced) {
      files.push({
        path: String(ann[PATH] ?? ann[LEGACY_PATH] ?? `${ITEM_WITHOUT_PATH}${i}]`),
        text: toYaml(withoutOrchestratorAnnotations(item)),
      });
    }
  });
  // Several items may come from one file: keep display paths unique per item.
  const seen = new Map<string, number>();
  for (const f of files) {
    const n = seen.get(f.path) ?? 0;
    seen.set(f.path, n + 1);
    if (n > 0) f.path = `${f.path}#${n}`;
  }
  const result = render(files, settings);
  const legacy = items.some(
    (it) => it?.metadata?.annotations?.[LEGACY_PATH] !== undefined && it?.metadata?.annotations?.[PATH] === undefined,
  );
  const generated: K8sObject[] = [];
  for (const r of result.rendered) {
    const path = `${fileNameOf(r.source)}`;
    r.objects.forEach((o, index) => generated.push(annotate(o, path, index, legacy)));
  }
  // Idempotence: our earlier output is replaced where we regenerate it. With keepInputs every
  // earlier item is stale (its inputs are here); without, an item whose input was replaced by
  // an earlier run has nothing to regenerate it, so it stays.
  const regenerated = new Set(generated.map((g) => g.metadata.annotations?.[PATH]));
  for (const p of previous) if (!settings.keepInputs && !regenerated.has(p.path)) keep.push(p.index);
  keep.sort((a, b) => a - b);
  return finish(input, keep, generated, result.diagnostics, !result.ok);
}

function isKagentItem(item: Obj): boolean {
  return KAGENT_KINDS.has(item?.kind) && String(item?.apiVersion ?? '').startsWith('kagent.dev/');
}

function isUnknownKagentKind(item: Obj): boolean {
  const kagent = String(item?.apiVersion ?? '').startsWith('kagent.dev/');
  return kagent && typeof item?.kind === 'string' && !KNOWN_KAGENT_KINDS.has(item.kind);
}

/** kpt/kustomize bookkeeping must not reach the objects we derive from an item (Agent annotations are copied). */
function withoutOrchestratorAnnotations(item: Obj): Obj {
  const ann: Obj | undefined = item?.metadata?.annotations;
  if (!ann) return item;
  const cleaned: Obj = {};
  for (const [k, v] of Object.entries(ann)) {
    if (
      k.startsWith('internal.config.kubernetes.io/') ||
      k.startsWith('config.kubernetes.io/') ||
      k.startsWith('config.k8s.io/') ||
      k.startsWith('kustomize.config.k8s.io/')
    )
      continue;
    cleaned[k] = v;
  }
  const metadata: Obj = { ...item.metadata };
  if (Object.keys(cleaned).length > 0) metadata.annotations = cleaned;
  else delete metadata.annotations;
  return { ...item, metadata };
}

function functionConfigSettings(fc: Obj | undefined): { settings: Partial<Settings>; diagnostics: Diagnostic[] } {
  if (!fc) return { settings: {}, diagnostics: [] };
  if (fc.kind === 'ConfigMap')
    return settingsFromStringMap((fc.data ?? {}) as Record<string, string>, 'functionConfig');
  if (fc.kind === 'KagentRender' && fc.apiVersion === 'render.kagent.dev/v1alpha1')
    return parseSettings(fc.spec ?? {}, 'functionConfig');
  return {
    settings: {},
    diagnostics: [
      {
        rule: 'settings-invalid',
        severity: 'error',
        message: `unknown functionConfig ${fc.apiVersion}/${fc.kind}; expected render.kagent.dev/v1alpha1 KagentRender or a v1 ConfigMap`,
        file: 'functionConfig',
        line: 1,
        col: 1,
      },
    ],
  };
}

function annotate(o: K8sObject, path: string, index: number, legacy: boolean): K8sObject {
  const annotations: Record<string, string> = {
    ...(o.metadata.annotations ?? {}),
    [GENERATED_BY]: 'kagent-render',
    [PATH]: path,
    [INDEX]: String(index),
  };
  if (legacy) Object.assign(annotations, { [LEGACY_PATH]: path, [LEGACY_INDEX]: String(index) });
  return { ...o, metadata: { ...o.metadata, annotations } };
}

function finish(
  input: RawList,
  keep: number[],
  generated: K8sObject[],
  diagnostics: Diagnostic[],
  failed: boolean,
): KrmResult {
  // kustomize shows stderr but never `results`, so the errors are readable there too.
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const stderr = failed
    ? `${errors.map((d) => `${formatKrmText(d)}\n`).join('')}kagent-render krm: ${errors.length} error(s)\n`
    : '';
  return { stdout: input.write(keep, generated, diagnostics.map(toResult)), stderr, exitCode: failed ? 1 : 0 };
}

/**
 * The reference path: the list read as kubectl reads YAML (1.1, as the fast path; JSON when it
 * starts with `{`), or why it is not a ResourceList. The output is written from a failsafe
 * `yaml` Document of the same text, so kept items keep their scalars' text (`0440`, `yes`).
 */
function readDocumentList(stdin: string): RawList | string {
  const read = readOneDocument(stdin);
  if ('problem' in read) {
    const { rule, message } = read.problem;
    // The alias limit keeps its own words (as for files); anything else: what a ResourceList is.
    if (rule === 'yaml-alias-limit')
      return `input expands more than ${MAX_ALIASES} aliases (yaml-alias-limit); remove the alias chain`;
    return `input is not a ResourceList: ${message} (${rule})`;
  }
  const list = read.value as Obj | null;
  const doc = parseDocument(stdin, { prettyErrors: false, uniqueKeys: false, schema: 'failsafe' });
  if (
    doc.errors.length > 0 ||
    !list ||
    typeof list !== 'object' ||
    list.kind !== 'ResourceList' ||
    !isMap(doc.contents)
  ) {
    return 'input is not a ResourceList (apiVersion config.kubernetes.io/v1, kind ResourceList, items: [...])';
  }
  const entry = entryFor(doc, doc.contents, 'items');
  const itemsNode = isAlias(entry?.value) ? entry.value.resolve(doc) : entry?.value;
  if (list.items !== undefined && list.items !== null && !isSeq(itemsNode)) return 'ResourceList.items must be a list';
  return {
    list,
    write(keep, generated, results) {
      // Pass-through items go out as data: kpt copies their comments back by
      // internal.config.kubernetes.io/id (emitting them ourselves duplicates them), kustomize drops comments.
      const kept = isSeq(itemsNode) ? keep.map((i) => withoutComments(itemsNode.items[i])) : [];
      const seq = new YAMLSeq();
      // Generated items and results as the direct writer quotes them, kept as text by the failsafe Document.
      seq.items = [...kept, ...generated.map((g) => textNodes(toYaml(g)))];
      doc.set('items', seq);
      doc.delete('results');
      if (results.length > 0) doc.set('results', textNodes(toYaml(results)));
      return doc.toString({ lineWidth: 0 });
    },
  };
}

/** YAML we wrote, as failsafe nodes: every scalar written back as toYaml quoted it. */
function textNodes(yaml: string): unknown {
  return parseDocument(yaml, { schema: 'failsafe' }).contents;
}

/** The item's node as parsed (flow/block style, quoting kept) minus its comments. */
function withoutComments(item: unknown): unknown {
  if (!isNode(item)) return item;
  const copy = item.clone();
  visit(copy as Node, (_key, node) => {
    if (isNode(node)) {
      node.comment = null;
      node.commentBefore = null;
    }
  });
  copy.comment = null;
  copy.commentBefore = null;
  return copy;
}

function toResult(d: Diagnostic): Obj {
  const r: Obj = { message: d.message, severity: d.severity };
  if (d.object)
    r.resourceRef = {
      apiVersion: d.object.apiVersion,
      kind: d.object.kind,
      name: d.object.name,
      namespace: d.object.namespace,
    };
  if (d.field && d.object) r.field = { path: d.field };
  const file = sourceFileOf(d);
  if (file) r.file = { path: file };
  r.tags = { rule: d.rule };
  return r;
}

/** `agents.yaml Agent ns/name: error[rule]: message`, for orchestrators that show only stderr. */
export function formatKrmText(d: Diagnostic): string {
  const where =
    [sourceFileOf(d), d.object ? formatKey(d.object) : undefined].filter(Boolean).join(' ') || 'ResourceList';
  return `${visible(where)}: ${d.severity}[${d.rule}]: ${visible(d.message)}`;
}

/** The item's path annotation, or undefined when the orchestrator gave none (kustomize). */
function sourceFileOf(d: Diagnostic): string | undefined {
  return d.file.startsWith(ITEM_WITHOUT_PATH) ? undefined : d.file.replace(/#\d+$/, '');
}

/** A ResourceList that could not be read: one error result, exit 1 (the adapter's stdin limit uses it too). */
export function failure(message: string): KrmResult {
  const out = {
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items: [],
    results: [{ message: message.replace(/^kagent-render krm: /, ''), severity: 'error' }],
  };
  return { stdout: toYaml(out), stderr: `${message}\n`, exitCode: 1 };
}
