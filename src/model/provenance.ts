/**
 * Where a node of the output came from in the input, so that a check of the output (the
 * API-server layer of src/check) can report at the input line that produced the field.
 * Expanders mark the nodes they copy from, or derive from, a user's field (the items of
 * `deployment.volumes`, a TLS volume made from `httpTransport.tls.secretRef`, ...); the check
 * walks an output path down to the deepest marked node and appends the rest of the path.
 * Keyed by identity and weak: marking costs one map entry, nothing outlives the objects.
 */
import type { FieldPath, Origin } from './source.js';

export interface Provenance {
  origin: Origin;
  path: FieldPath;
  /** A copy of the input node: a field below it is at the same relative path in the input. */
  copy: boolean;
}

const marks = new WeakMap<object, Provenance>();

/** Marks `node` (an object or array placed in the output) as made from the field at `path` in the object of `origin`. */
export function markFrom<T>(node: T, origin: Origin, path: FieldPath, copy = false): T {
  if (node !== null && typeof node === 'object') marks.set(node, { origin, path, copy });
  return node;
}

/** Marks a copy of an input list and each of its items (`path[i]`); returns the list. */
export function markItemsFrom<T>(list: T[] | undefined, origin: Origin, path: FieldPath): T[] | undefined {
  if (!Array.isArray(list)) return list;
  markFrom(list, origin, path, true);
  list.forEach((item, i) => markFrom(item, origin, [...path, i], true));
  return list;
}

/** Gives `to`, a rewritten copy of `from` (Go field order, omitempty), the mark `from` has, if any. */
export function carryMark<T>(from: unknown, to: T): T {
  const mark = provenanceOf(from);
  if (mark && to !== null && typeof to === 'object') marks.set(to, mark);
  return to;
}

export function provenanceOf(node: unknown): Provenance | undefined {
  return node !== null && typeof node === 'object' ? marks.get(node) : undefined;
}
