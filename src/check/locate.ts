/**
 * Where to report a problem found in an emitted object: the input line that produced the
 * field. In order: the provenance an expander recorded for the field or its nearest marked
 * ancestor (src/model/provenance.ts), then — for labels and annotations, which are merged
 * from several inputs — the input mapping that holds the key, then the input field the
 * controllers copy to that output path, then the source object's deployment block.
 */
import type { K8sObject } from '../model/k8s.js';
import type { FieldPath, InputObject, Position } from '../model/source.js';
import { provenanceOf } from '../model/provenance.js';
import { formatPath, Key, type OutPath } from './apiserver.js';

type Obj = Record<string, any>;

export function locate(o: K8sObject, path: OutPath, source: InputObject, key?: string): Position {
  let node: unknown = o;
  let best: { at: FieldPath; origin: InputObject['origin'] } | undefined;
  for (let i = 0; i < path.length && node !== null && typeof node === 'object'; i++) {
    const step = path[i]!;
    node = (node as Obj)[step instanceof Key ? step.key : step];
    const mark = provenanceOf(node);
    if (mark)
      best = {
        origin: mark.origin,
        at: mark.copy ? [...mark.path, ...path.slice(i + 1).map((p) => (p instanceof Key ? p.key : p))] : mark.path,
      };
  }
  if (best) return best.origin.at(best.at);
  if (key !== undefined) {
    const map = valueAt(o, path);
    if (map && typeof map === 'object' && (map as Obj)[key] === source.name)
      return source.origin.at(['metadata', 'name']);
    const found = findKey(source.body, key);
    if (found) return source.origin.at(found);
  }
  return source.origin.at(inputPathFor(source, `${o.kind} ${formatPath(path)}`, path));
}

/** Output subtrees copied from one input field, the rest of the path kept (Deployment pod spec). */
const MOVED: Array<[OutPath, FieldPath]> = [
  [['spec', 'template', 'spec', 'tolerations'], ['tolerations']],
  [['spec', 'template', 'spec', 'securityContext'], ['podSecurityContext']],
  [['spec', 'template', 'spec', 'containers', 0, 'securityContext'], ['securityContext']],
];

/** Output paths (`<Kind> <path>`) the controllers fill from one input field, relative to the deployment block. */
const COPIED: Array<[RegExp, FieldPath]> = [
  [/^Deployment spec\.replicas/, ['replicas']],
  [/^Deployment spec\.template\.(metadata\.)?labels/, ['labels']],
  [/^Deployment spec\.template\.(metadata\.)?annotations/, ['annotations']],
  [/^Deployment spec\.template\.spec\.containers\[0\]\.resources/, ['resources']],
  [/^Deployment spec\.template\.spec\.initContainers\[0\]\.resources/, ['initContainer', 'resources']],
  [/^Deployment spec\.template\.spec\.serviceAccountName/, ['serviceAccountName']],
  [/^Deployment spec\.template\.spec\.nodeSelector/, ['nodeSelector']],
  [/^Service spec\.ports/, ['port']],
  [/^ServiceAccount metadata\.(labels|annotations)/, ['serviceAccount']],
];

function inputPathFor(source: InputObject, outPath: string, path: OutPath): FieldPath {
  if (/^\w+ metadata\.name/.test(outPath)) return ['metadata', 'name'];
  const spec: Obj = (source.body.spec as Obj) ?? {};
  const block: FieldPath =
    source.kind === 'MCPServer'
      ? ['spec', 'deployment']
      : ['spec', spec.type === 'BYO' ? 'byo' : 'declarative', 'deployment'];
  if (outPath.startsWith('Deployment ')) {
    for (const [prefix, rel] of MOVED) {
      if (prefix.every((p, i) => path[i] === p)) {
        return [...block, ...rel, ...path.slice(prefix.length).map((p) => (p instanceof Key ? p.key : p))];
      }
    }
  }
  for (const [re, rel] of COPIED) if (re.test(outPath)) return [...block, ...rel];
  return block;
}

function valueAt(o: unknown, path: OutPath): unknown {
  let node = o;
  for (const p of path)
    node = node && typeof node === 'object' ? (node as Obj)[p instanceof Key ? p.key : p] : undefined;
  return node;
}

/** Path of the first mapping entry named `key` in the input, depth first in document order. */
function findKey(body: unknown, key: string, at: Array<string | number> = []): FieldPath | undefined {
  if (Array.isArray(body)) {
    for (let i = 0; i < body.length; i++) {
      const f = findKey(body[i], key, [...at, i]);
      if (f) return f;
    }
  } else if (body !== null && typeof body === 'object') {
    if (Object.hasOwn(body, key)) return [...at, key];
    for (const [k, v] of Object.entries(body)) {
      const f = findKey(v, key, [...at, k]);
      if (f) return f;
    }
  }
  return undefined;
}
