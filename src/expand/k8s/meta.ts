/** Shared shapes of emitted metadata. Go marshals maps with sorted keys, so every emitted string map is sorted. */
import type { K8sObject, OwnerReference } from '../../model/k8s.js';

export function sortedMap(m: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!m) return undefined;
  const keys = Object.keys(m);
  if (keys.length === 0) return undefined;
  // Maps built in key order (selectors, most annotations) need no sort: a spread is V8's fastest copy.
  if (isSorted(keys)) return { ...m };
  keys.sort();
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = m[k]!;
  return out;
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** ObjectMeta in Go field order: name, namespace, labels, annotations, ownerReferences. */
export function objectMeta(
  name: string,
  namespace: string,
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
  ownerReferences?: OwnerReference[],
): K8sObject['metadata'] {
  const meta: K8sObject['metadata'] = { name, namespace };
  const l = sortedMap(labels);
  if (l) meta.labels = l;
  const a = sortedMap(annotations);
  if (a) meta.annotations = a;
  if (ownerReferences && ownerReferences.length > 0) meta.ownerReferences = ownerReferences;
  return meta;
}

/**
 * Drop keys whose value is undefined, keeping order: builders may write optional fields inline.
 * A new object rather than `delete`, which turns an object into a slow dictionary for V8.
 */
export function compact<T extends Record<string, unknown>>(o: T): T {
  let anyUndefined = false;
  for (const k in o) {
    if (o[k] === undefined) {
      anyUndefined = true;
      break;
    }
  }
  if (!anyUndefined) return o;
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as T;
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (structuredClone(v) as T);
}
