/**
 * ObjectIndex: the in-memory store every lookup goes through (shaped like the controller's
 * client cache, minus the client). Duplicated objects are diagnostics naming every place.
 */
import { at, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatKey, keyOf, type InputObject } from '../model/source.js';

export interface ObjectIndex {
  /** Look up by kind, namespace and name. Kind is the bare kind (`Secret`, `MCPServer`, ...). */
  get(kind: string, namespace: string, name: string): InputObject | undefined;
  /** All objects of a kind, in input order. */
  list(kind: string): readonly InputObject[];
}

const INDEXED_KINDS = new Set([
  'Agent',
  'SandboxAgent', // agent tool targets only; not rendered
  'ModelConfig',
  'RemoteMCPServer',
  'MCPServer',
  'Secret',
  'ConfigMap',
  'Service',
  'Namespace', // its labels, for allowedNamespaces selectors
]);

export function buildIndex(objects: readonly InputObject[]): { index: ObjectIndex; diagnostics: Diagnostic[] } {
  const byKey = new Map<string, InputObject[]>();
  const byKind = new Map<string, InputObject[]>();
  for (const o of objects) {
    if (!INDEXED_KINDS.has(o.kind)) continue;
    const k = `${o.kind}\0${o.namespace}\0${o.name}`;
    const same = byKey.get(k);
    if (same) same.push(o);
    else byKey.set(k, [o]);
    const kind = byKind.get(o.kind);
    if (kind) kind.push(o);
    else byKind.set(o.kind, [o]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const o of group) {
      const others = group.filter((x) => x !== o).map((x) => x.origin.at([]));
      const where = others.map((p) => `${p.file}:${p.line}:${p.col}`).join(', ');
      diagnostics.push(
        at(
          o.origin,
          ['metadata', 'name'],
          'error',
          'ref-duplicate',
          `${formatKey(o)} is defined more than once (also at ${where}); keep one definition`,
          keyOf(o),
          others,
        ),
      );
    }
  }
  return {
    index: {
      get: (kind, namespace, name) => byKey.get(`${kind}\0${namespace}\0${name}`)?.[0],
      list: (kind) => byKind.get(kind) ?? [],
    },
    diagnostics,
  };
}
