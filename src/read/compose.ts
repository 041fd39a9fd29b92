/**
 * A `yaml` Document parsed with the failsafe schema (every scalar kept as its text) → the
 * JSON value kubectl would send (reference/apiserver.md §1): plain scalars resolved as
 * go-yaml v2 does (yaml11.ts), quoted and block scalars strings, keys converted as
 * sigs.k8s.io/yaml converts them, `<<` merged as go-yaml v2 merges (decode.go:786), aliases
 * expanded within the alias and depth limits. The same key and merge rules place positions.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { RuleId } from '../diagnostics/rules.js';
import { isProblem, isValueProblem, jsonKey, jsonValue, resolvePlain, resolveTagged, type GoScalar } from './yaml11.js';

export interface ComposeProblem {
  offset: number;
  rule: RuleId;
  message: string;
}

export interface ComposeLimits {
  maxAliasCount: number;
  maxDepth: number;
}

class Failed {
  constructor(readonly problem: ComposeProblem) {}
}

/**
 * The document's value, or every problem that stops kubectl or this reader (scalars and keys
 * all reported; an alias or depth limit stops at the first).
 */
export function composeDocument(doc: Document, limits: ComposeLimits): { value: unknown; problems: ComposeProblem[] } {
  const c = new Composer(doc, limits);
  try {
    const value = c.value(doc.contents as Node | null, 1);
    return { value, problems: c.problems };
  } catch (e) {
    if (e instanceof Failed) return { value: undefined, problems: [...c.problems, e.problem] };
    throw e;
  }
}

function fail(node: Node | null | undefined, rule: RuleId, message: string): never {
  throw new Failed({ offset: node?.range?.[0] ?? 0, rule, message });
}

/** The scalar as go-yaml types it: plain and untagged resolves, quoted/block is a string, a tag decides. */
export function goScalar(node: Scalar): GoScalar | ReturnType<typeof resolveTagged> {
  // `source`: the text before the library's own tag handling (it decodes `!!binary` itself).
  const text =
    typeof node.source === 'string'
      ? node.source
      : typeof node.value === 'string'
        ? node.value
        : String(node.value ?? '');
  if (node.tag) return resolveTagged(node.tag, text);
  return node.type === 'PLAIN' || node.type === undefined ? resolvePlain(text) : { kind: 'str', value: text };
}

/** `<<` unquoted and untagged (go-yaml's isMerge). */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && !key.tag && (key.type === 'PLAIN' || key.type === undefined) && key.value === '<<';
}

const MERGE_WANTS_MAP =
  'a merge key (<<) needs a map, an alias of a map, or a list of those (kubectl: map merge requires map or sequence of maps as the value)';

class Composer {
  private aliases = 0;
  readonly problems: ComposeProblem[] = [];

  constructor(
    private readonly doc: Document,
    private readonly limits: ComposeLimits,
  ) {}

  value(node: Node | null, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.value(this.deref(node), depth);
    if (isScalar(node)) {
      const s = goScalar(node);
      const v = isProblem(s) ? s : jsonValue(s);
      if (!isValueProblem(v)) return v;
      this.problems.push({ offset: node.range?.[0] ?? 0, rule: v.rule, message: v.message });
      return null;
    }
    if (depth > this.limits.maxDepth)
      fail(node, 'yaml-too-deep', `document nests deeper than ${this.limits.maxDepth} levels`);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      this.fill(node, out, depth);
      return out;
    }
    if (isSeq(node)) return node.items.map((item) => this.value(item as Node, depth + 1));
    return null;
  }

  private deref(node: Node): Node {
    if (++this.aliases > this.limits.maxAliasCount) {
      // Reported at the document: the alias that crosses the limit is not the one to fix.
      fail(
        this.doc.contents as Node,
        'yaml-alias-limit',
        `document expands more than ${this.limits.maxAliasCount} aliases; remove the alias chain`,
      );
    }
    const target = isAlias(node) ? node.resolve(this.doc) : node;
    // Never name the alias: `*Hunter2` may be an unquoted password.
    if (!target)
      fail(
        node,
        'yaml-syntax',
        'a value starting with * is an alias, and no anchor (&) of that name comes before it; quote the value if it is text',
      );
    return target as Node;
  }

  /** The pairs of `map` written into `out` in order; `<<` writes the merged map's pairs at its place. */
  private fill(map: YAMLMap, out: Record<string, unknown>, depth: number): void {
    for (const pair of map.items) {
      if (isMergeKey(pair.key)) {
        this.merge(pair.value as Node | null, out, depth);
        continue;
      }
      const key = this.key(pair.key as Node | null, (pair.value as Node | null) ?? map);
      const value = this.value(pair.value as Node | null, depth + 1);
      if (key !== undefined) define(out, key, value);
    }
  }

  private merge(node: Node | null, out: Record<string, unknown>, depth: number): void {
    const target = isAlias(node) ? this.deref(node) : node;
    if (isMap(target)) return this.fill(target, out, depth);
    if (!isSeq(target) || isAlias(node)) fail(node, 'yaml-unsupported', MERGE_WANTS_MAP);
    // Last to first: the earlier maps take precedence.
    for (let i = target.items.length - 1; i >= 0; i--) {
      const item = target.items[i] as Node | null;
      const m = isAlias(item) ? this.deref(item) : item;
      if (!isMap(m)) fail(item ?? node, 'yaml-unsupported', MERGE_WANTS_MAP);
      this.fill(m, out, depth);
    }
  }

  /** The JSON key, or undefined (and a problem) where kubectl has none. */
  private key(node: Node | null, near: Node): string | undefined {
    const target = isAlias(node) ? this.deref(node) : node;
    let problem: { rule: RuleId; message: string };
    if (isScalar(target)) {
      const s = goScalar(target);
      const k = isProblem(s) ? s : jsonKey(s);
      if (typeof k === 'string') return k;
      problem = k;
    } else if (target === null || target === undefined) {
      problem = {
        rule: 'yaml-unsupported',
        message: 'an empty key cannot be sent as JSON (kubectl: unsupported map key); write the key',
      };
    } else {
      problem = {
        rule: 'yaml-unsupported',
        message: 'a list or map used as a key cannot be sent as JSON (kubectl: invalid map key)',
      };
    }
    this.problems.push({ offset: (node ?? near).range?.[0] ?? 0, ...problem });
    return undefined;
  }
}

/** `obj[key] = value`, also for `__proto__` (an own property, never the prototype). */
export function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/** The JSON key of a key node (aliases followed once), or undefined where it has none. */
export function keyString(doc: Document, key: unknown): string | undefined {
  const target = isAlias(key) ? key.resolve(doc) : key;
  if (!isScalar(target)) return undefined;
  const s = goScalar(target);
  if (isProblem(s)) return undefined;
  const k = jsonKey(s);
  return typeof k === 'string' ? k : undefined;
}

/**
 * The pair that gives `map` its value for `key`, as the merge rules decide: the last write in
 * document order, where `<<` writes at its place and a list of maps is applied last to first.
 */
export function entryFor(doc: Document, map: YAMLMap, key: string, guard = 0): Pair | undefined {
  if (guard > 20) return undefined;
  let found: Pair | undefined;
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    if (isMergeKey(pair.key)) {
      const merged = mergedEntry(doc, pair.value, key, guard + 1);
      if (merged) found = merged;
    } else if (keyString(doc, pair.key) === key) found = pair;
  }
  return found;
}

function mergedEntry(doc: Document, value: unknown, key: string, guard: number): Pair | undefined {
  const target = isAlias(value) ? value.resolve(doc) : value;
  if (isMap(target)) return entryFor(doc, target, key, guard);
  if (!isSeq(target)) return undefined;
  let found: Pair | undefined;
  for (let i = target.items.length - 1; i >= 0; i--) {
    const item = target.items[i];
    const m = isAlias(item) ? item.resolve(doc) : item;
    const e = isMap(m) ? entryFor(doc, m, key, guard) : undefined;
    if (e) found = e;
  }
  return found;
}
