/** Output order of source objects (SPEC §6): by (namespace, kind, name), byte order. */
import type { InputObject } from '../model/source.js';

export function orderSources(objects: readonly InputObject[]): InputObject[] {
  return [...objects].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.kind, b.kind) || cmp(a.name, b.name));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
