/**
 * `--format json`: the report as a stable machine schema (documented in docs/reviewing-changes.md).
 * `schemaVersion` changes only when a field changes meaning or goes away; new fields may be added.
 */
import type { DiffReport, FieldChange } from './model.js';
import { pathString } from './show.js';

export const JSON_SCHEMA_VERSION = 1;

export function formatJson(r: DiffReport): string {
  const out = {
    schemaVersion: JSON_SCHEMA_VERSION,
    base: r.base,
    head: r.head,
    summary: r.summary,
    objects: r.objects.map((o) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      namespace: o.namespace,
      name: o.name,
      status: o.status,
      rollout: o.rollout ?? null,
      pickedUpBy: o.pickedUpBy ?? [],
      changes: o.changes.map(change),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function change(c: FieldChange): Record<string, unknown> {
  const out: Record<string, unknown> = { op: c.op, path: pathString(c.path) };
  if (c.document) out.document = { field: pathString(c.document.field), name: c.document.name };
  if ('old' in c) out.old = c.old;
  if ('new' in c) out.new = c.new;
  if (c.redacted) out.redacted = true;
  if (c.consequenceOf) out.consequenceOf = c.consequenceOf;
  return out;
}
