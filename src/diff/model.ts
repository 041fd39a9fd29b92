/**
 * What `kagent-render diff` computes: the rendered objects of two sides (base, head) matched
 * by (apiVersion, kind, namespace, name), each change located by field path. Plain data, so
 * the three formatters (text, markdown, json) print one result.
 */

/** One step of a field path: a map key, a list index, or a list item found by its `name`. */
export type PathSegment = string | number | { name: string };

export type ChangeOp = 'add' | 'remove' | 'change';

export interface FieldChange {
  op: ChangeOp;
  /**
   * The embedded document this path is inside (`config.json`, `agent-card.json`, `local.yaml`):
   * the change is located by the document's own paths, not as one opaque string.
   */
  document?: { field: PathSegment[]; name: string };
  path: PathSegment[];
  /** Base value (`change`, `remove`); strings from input Secrets already replaced. */
  old?: unknown;
  /** Head value (`change`, `add`). */
  new?: unknown;
  /** The value is a Secret value (from an input Secret, or an opaque key of a generated Secret): never printed. */
  redacted?: boolean;
  /** A hash annotation: what its change follows from (objects, as `Kind ns/name`), not noise of its own. */
  consequenceOf?: string[];
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export type ObjectStatus = 'created' | 'deleted' | 'changed';

export interface ObjectDiff extends ObjectRef {
  status: ObjectStatus;
  /** In object order; for created/deleted objects, the whole object as adds/removes. */
  changes: FieldChange[];
  /** A Deployment whose pod template changes: its pods restart, and why (one line per reason). */
  rollout?: { reasons: string[] };
  /** A changed object whose change a rollout already shows (a Deployment's config Secret). */
  pickedUpBy?: string[];
}

export interface KindCounts {
  created: number;
  changed: number;
  deleted: number;
  unchanged: number;
}

export interface DiffSummary extends KindCounts {
  /** Changed Deployments whose pods restart. */
  rollouts: number;
  /** Changed objects that neither roll out nor are picked up by a rollout. */
  changedWithoutRestart: number;
  /** Per kind, kinds sorted. */
  byKind: Record<string, KindCounts>;
}

export interface DiffReport {
  base: string;
  head: string;
  summary: DiffSummary;
  /** Objects that differ, in output order (deleted objects where they were in base). */
  objects: ObjectDiff[];
}

export function refString(o: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): string {
  return `${o.kind} ${o.namespace}/${o.name}`;
}
