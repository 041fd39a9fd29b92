/**
 * Two renders → a DiffReport. Pure: objects in, data out (the adapter reads git and runs the
 * pipeline twice). Objects are matched by (apiVersion, kind, namespace, name); a changed
 * object is compared field by field, in the object's own order; the documents kagent and kmcp
 * embed as strings (`config.json`, `agent-card.json`, `local.yaml`) are decoded and compared
 * by their own paths; Secret values are never carried into the report.
 */
import { parse as parseYaml } from 'yaml';
import type { K8sObject } from '../model/k8s.js';
import type { InputObject } from '../model/source.js';
import { impactOf } from './impact.js';
import type { DiffReport, FieldChange, KindCounts, ObjectDiff, ObjectRef, PathSegment } from './model.js';
import { decodeBase64, inputSecretValues, REDACTED, Redactor } from './redact.js';

export interface DiffSide {
  /** How the side is named in output (`HEAD`, `working tree`, a directory). */
  label: string;
  /** The rendered objects, in output order. */
  objects: readonly K8sObject[];
  /** The side's input objects: their Secrets' values are what must never be printed. */
  inputs: readonly InputObject[];
}

/** Secret keys holding a JSON document that kagent writes and reads. */
const SECRET_DOCUMENTS = new Set(['config.json', 'agent-card.json']);

export function diffRenders(base: DiffSide, head: DiffSide): DiffReport {
  const redactor = new Redactor([...inputSecretValues(base.inputs), ...inputSecretValues(head.inputs)]);
  const baseByKey = byKey(base.objects);
  const headByKey = byKey(head.objects);
  const order = mergeOrder([...baseByKey.keys()], [...headByKey.keys()]);
  const objects: ObjectDiff[] = [];
  const byKind: Record<string, KindCounts> = {};
  const count = (kind: string, what: keyof KindCounts) => {
    byKind[kind] ??= { created: 0, changed: 0, deleted: 0, unchanged: 0 };
    byKind[kind][what]++;
  };
  for (const key of order) {
    const a = baseByKey.get(key);
    const b = headByKey.get(key);
    const obj = (b ?? a)!;
    const ref = refOf(obj);
    if (a && b && deepEqual(a, b)) {
      count(ref.kind, 'unchanged');
      continue;
    }
    const status = !a ? 'created' : !b ? 'deleted' : 'changed';
    count(ref.kind, status);
    objects.push({ ...ref, status, changes: diffObject(ref.kind, a, b, redactor) });
  }
  impactOf(objects, headByKey, baseByKey);
  const total = (what: keyof KindCounts) => Object.values(byKind).reduce((n, c) => n + c[what], 0);
  const sortedKinds = Object.fromEntries(
    Object.keys(byKind)
      .sort()
      .map((k) => [k, byKind[k]]),
  );
  return {
    base: base.label,
    head: head.label,
    summary: {
      created: total('created'),
      changed: total('changed'),
      deleted: total('deleted'),
      unchanged: total('unchanged'),
      rollouts: objects.filter((o) => o.rollout).length,
      changedWithoutRestart: objects.filter((o) => o.status === 'changed' && !o.rollout && !o.pickedUpBy).length,
      byKind: sortedKinds,
    },
    objects,
  };
}

export function objectKey(o: ObjectRef): string {
  return `${o.apiVersion}\0${o.kind}\0${o.namespace}\0${o.name}`;
}

function refOf(o: K8sObject): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata?.namespace ?? '',
    name: o.metadata?.name ?? '',
  };
}

function byKey(objects: readonly K8sObject[]): Map<string, K8sObject> {
  const m = new Map<string, K8sObject>();
  for (const o of objects) m.set(objectKey(refOf(o)), o);
  return m;
}

/**
 * The union of two orders: head's order, each base-only item placed right after the item that
 * preceded it in base (a removed key or object shows where it was).
 */
export function mergeOrder(base: readonly string[], head: readonly string[]): string[] {
  const inHead = new Set(head);
  const baseIndex = new Map(base.map((k, i) => [k, i]));
  const out: string[] = [];
  let bi = 0;
  for (const k of head) {
    const pos = baseIndex.get(k);
    if (pos !== undefined && pos >= bi) {
      for (; bi < pos; bi++) if (!inHead.has(base[bi])) out.push(base[bi]);
      bi = pos + 1;
    }
    out.push(k);
  }
  for (; bi < base.length; bi++) if (!inHead.has(base[bi])) out.push(base[bi]);
  return out;
}

type Emit = (c: FieldChange) => void;

interface Walk {
  emit: Emit;
  /** A field this kind treats specially (Secret data, embedded documents); true when handled. */
  hook?: (path: PathSegment[], a: unknown, b: unknown) => boolean;
}

function diffObject(
  kind: string,
  a: K8sObject | undefined,
  b: K8sObject | undefined,
  redactor: Redactor,
): FieldChange[] {
  const changes: FieldChange[] = [];
  const emitRaw = (c: FieldChange, document?: FieldChange['document']) =>
    changes.push(redacted(document ? { ...c, document } : c, redactor));
  const walk: Walk = { emit: (c) => emitRaw(c) };
  const isSecret = kind === 'Secret';
  const isConfigMap = kind === 'ConfigMap';
  if (isSecret || isConfigMap) {
    walk.hook = (path, x, y) => {
      if (path.length === 1 && (path[0] === 'data' || path[0] === 'stringData')) {
        // Key by key even when the whole map comes or goes: a Secret's keys are listed, never its values.
        diffValue(asMap(x), asMap(y), path, walk);
        return true;
      }
      if (path.length !== 2 || (path[0] !== 'data' && path[0] !== 'stringData')) return false;
      const key = String(path[1]);
      const base64 = path[0] !== 'stringData';
      const documentKind = isSecret
        ? SECRET_DOCUMENTS.has(key)
          ? 'json'
          : undefined
        : /\.json$/.test(key)
          ? 'json'
          : /\.ya?ml$/.test(key)
            ? 'yaml'
            : undefined;
      if (documentKind) {
        const dx = decodeDocument(x, documentKind, isSecret && base64);
        const dy = decodeDocument(y, documentKind, isSecret && base64);
        if (dx.ok && dy.ok) {
          const document = { field: path, name: key };
          diffValue(dx.value, dy.value, [], { emit: (c) => emitRaw(c, document) });
          return true;
        }
      }
      if (isSecret) {
        // Any other Secret value: only that the key came, went or changed.
        if (x !== undefined && y !== undefined && x === y) return true;
        walk.emit({ op: x === undefined ? 'add' : y === undefined ? 'remove' : 'change', path, redacted: true });
        return true;
      }
      return false;
    };
  }
  diffValue(a ?? {}, b ?? {}, [], walk);
  return changes;
}

function asMap(v: unknown): Record<string, unknown> {
  return isMap(v) ? v : {};
}

function decodeDocument(v: unknown, kind: 'json' | 'yaml', base64: boolean): { ok: boolean; value?: unknown } {
  if (v === undefined) return { ok: true, value: undefined };
  if (typeof v !== 'string') return { ok: false };
  const text = base64 ? decodeBase64(v) : v;
  if (text === undefined) return { ok: false };
  try {
    return { ok: true, value: kind === 'json' ? JSON.parse(text) : parseYaml(text, { version: '1.1' }) };
  } catch {
    return { ok: false };
  }
}

/** A change as the report keeps it: secret strings out of `old`/`new`. */
function redacted(change: FieldChange, redactor: Redactor): FieldChange {
  // A map key or list item name can hold a Secret value too (a header named after a token).
  const hidden = (s: PathSegment): PathSegment =>
    typeof s === 'string'
      ? redactor.isSecret(s)
        ? REDACTED
        : s
      : typeof s === 'object' && redactor.isSecret(s.name)
        ? { name: REDACTED }
        : s;
  const c = change.path.some((s) => hidden(s) !== s) ? { ...change, path: change.path.map(hidden) } : change;
  if (c.redacted) {
    const { old: _o, new: _n, ...rest } = c;
    return rest;
  }
  const leafSecret = (v: unknown) => typeof v === 'string' && redactor.isSecret(v);
  if (leafSecret(c.old) || leafSecret(c.new)) {
    const { old: _o, new: _n, ...rest } = c;
    return { ...rest, redacted: true };
  }
  const out: FieldChange = { ...c };
  if ('old' in c) out.old = redactor.scrub(c.old).value;
  if ('new' in c) out.new = redactor.scrub(c.new).value;
  return out;
}

function diffValue(a: unknown, b: unknown, path: PathSegment[], walk: Walk): void {
  if (deepEqual(a, b)) return;
  if (a === undefined) return walk.emit({ op: 'add', path, new: b });
  if (b === undefined) return walk.emit({ op: 'remove', path, old: a });
  if (isMap(a) && isMap(b)) {
    for (const k of mergeOrder(Object.keys(a), Object.keys(b))) {
      const child = [...path, k];
      const x = Object.hasOwn(a, k) ? a[k] : undefined;
      const y = Object.hasOwn(b, k) ? b[k] : undefined;
      if (walk.hook?.(child, x, y)) continue;
      diffValue(x, y, child, walk);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) return diffList(a, b, path, walk);
  walk.emit({ op: 'change', path, old: a, new: b });
}

/** Lists of named items (containers, env, volumes, ports, …) are matched by name; others by content. */
function diffList(a: unknown[], b: unknown[], path: PathSegment[], walk: Walk): void {
  const na = names(a);
  const nb = names(b);
  if (na && nb) {
    const ia = new Map(na.map((n, i) => [n, a[i]]));
    const ib = new Map(nb.map((n, i) => [n, b[i]]));
    for (const n of mergeOrder(na, nb)) diffValue(ia.get(n), ib.get(n), [...path, { name: n }], walk);
    return;
  }
  const ka = a.map((x) => JSON.stringify(x));
  const kb = b.map((x) => JSON.stringify(x));
  const pairs = lcsPairs(ka, kb);
  let i = 0;
  let j = 0;
  const gap = (iEnd: number, jEnd: number) => {
    // Items replaced in place are compared field by field; the rest came or went.
    while (i < iEnd && j < jEnd) diffValue(a[i++], b[j], [...path, j++], walk);
    for (; i < iEnd; i++) walk.emit({ op: 'remove', path: [...path, i], old: a[i] });
    for (; j < jEnd; j++) walk.emit({ op: 'add', path: [...path, j], new: b[j] });
  };
  for (const [pi, pj] of pairs) {
    gap(pi, pj);
    i = pi + 1;
    j = pj + 1;
  }
  gap(a.length, b.length);
}

/** The `name` of every item, when every item is a map with a distinct string name. */
function names(list: unknown[]): string[] | undefined {
  if (list.length === 0) return [];
  const out: string[] = [];
  for (const x of list) {
    if (!isMap(x) || typeof x.name !== 'string') return undefined;
    out.push(x.name);
  }
  return new Set(out).size === out.length ? out : undefined;
}

/** Matched index pairs of a longest common subsequence (bounded: long lists fall back to prefix/suffix). */
function lcsPairs(a: string[], b: string[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pairs.push([pre, pre++]);
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  if (A.length > 0 && B.length > 0 && A.length * B.length <= 1_000_000) {
    const dp: Uint32Array[] = Array.from({ length: A.length + 1 }, () => new Uint32Array(B.length + 1));
    for (let x = A.length - 1; x >= 0; x--)
      for (let y = B.length - 1; y >= 0; y--)
        dp[x][y] = A[x] === B[y] ? dp[x + 1][y + 1] + 1 : Math.max(dp[x + 1][y], dp[x][y + 1]);
    let x = 0;
    let y = 0;
    while (x < A.length && y < B.length) {
      if (A[x] === B[y]) pairs.push([pre + x++, pre + y++]);
      else if (dp[x + 1][y] >= dp[x][y + 1]) x++;
      else y++;
    }
  }
  for (let k = suf; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Structural equality of JSON data (map key order does not count). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const bm = b as Record<string, unknown>;
  if (ka.length !== Object.keys(bm).length) return false;
  for (const k of ka) if (!Object.hasOwn(bm, k) || !deepEqual((a as Record<string, unknown>)[k], bm[k])) return false;
  return true;
}
