/**
 * What a change does in the cluster: a Deployment whose pod template changes rolls out, and the
 * reasons are the template's own changes plus, behind a changed config-hash annotation, the
 * changes of the Secrets and ConfigMaps its pods mount. Those objects are "picked up by" the
 * rollout; every other changed object changes without a restart.
 */
import type { K8sObject } from '../model/k8s.js';
import type { FieldChange, ObjectDiff, ObjectRef } from './model.js';
import { refString } from './model.js';
import { describeChange, pathString } from './show.js';

/** Annotations whose only job is to roll pods when a mounted config changes. */
export const HASH_ANNOTATIONS: ReadonlySet<string> = new Set([
  'kagent.dev/config-hash',
  'kmcp.kagent.dev/mcpserver-config-hash',
]);

/** Reasons listed per rollout before "and N more". */
const MAX_REASONS = 8;

export function isHashAnnotation(c: FieldChange): boolean {
  const p = c.path;
  return (
    !c.document &&
    p.length === 5 &&
    p[0] === 'spec' &&
    p[1] === 'template' &&
    p[2] === 'metadata' &&
    p[3] === 'annotations' &&
    HASH_ANNOTATIONS.has(String(p[4]))
  );
}

export function impactOf(objects: ObjectDiff[], head: Map<string, K8sObject>, base: Map<string, K8sObject>): void {
  const byRef = new Map(objects.map((o) => [refKey(o), o]));
  for (const d of objects) {
    if (d.status !== 'changed' || d.kind !== 'Deployment') continue;
    const template = d.changes.filter((c) => !c.document && c.path[0] === 'spec' && c.path[1] === 'template');
    if (template.length === 0) continue;
    const key = `${d.apiVersion}\0${d.kind}\0${d.namespace}\0${d.name}`;
    const mounted = [...new Set([...mountedConfigs(head.get(key)), ...mountedConfigs(base.get(key))])].sort();
    const changedConfigs = mounted.map((k) => byRef.get(`${k}\0${d.namespace}`)).filter((o): o is ObjectDiff => !!o);
    const reasons: string[] = [];
    for (const c of template) {
      if (isHashAnnotation(c)) {
        c.consequenceOf =
          changedConfigs.length > 0
            ? changedConfigs.map(refString)
            : ['inputs outside the rendered objects (a referenced status.secretHash)'];
        continue;
      }
      reasons.push(describeChange(c, pathString(c.path.slice(c.path[2] === 'spec' ? 3 : 2))));
    }
    for (const cfg of changedConfigs) {
      (cfg.pickedUpBy ??= []).push(refString(d));
      if (cfg.status !== 'changed') {
        reasons.push(`${refString(cfg)} ${cfg.status}`);
        continue;
      }
      for (const c of cfg.changes)
        reasons.push(c.document ? describeChange(c) : `${refString(cfg)}: ${describeChange(c)}`);
    }
    const unique = [...new Set(reasons)];
    d.rollout = {
      reasons:
        unique.length > MAX_REASONS
          ? [...unique.slice(0, MAX_REASONS), `… and ${unique.length - MAX_REASONS} more`]
          : unique,
    };
  }
}

function refKey(o: Pick<ObjectRef, 'kind' | 'name' | 'namespace'>): string {
  return `${o.kind}\0${o.name}\0${o.namespace}`;
}

/** `Secret\0name` / `ConfigMap\0name` of every volume of a Deployment's pods (projected ones too). */
function mountedConfigs(o: K8sObject | undefined): string[] {
  const spec = (o?.spec as { template?: { spec?: { volumes?: unknown[] } } } | undefined)?.template?.spec;
  const out: string[] = [];
  for (const v of (spec?.volumes ?? []) as Array<Record<string, any>>) {
    if (typeof v?.secret?.secretName === 'string') out.push(`Secret\0${v.secret.secretName}`);
    if (typeof v?.configMap?.name === 'string') out.push(`ConfigMap\0${v.configMap.name}`);
    for (const s of (v?.projected?.sources ?? []) as Array<Record<string, any>>) {
      if (typeof s?.secret?.name === 'string') out.push(`Secret\0${s.secret.name}`);
      if (typeof s?.configMap?.name === 'string') out.push(`ConfigMap\0${s.configMap.name}`);
    }
  }
  return out;
}
