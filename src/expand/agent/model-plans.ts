/**
 * The pod wiring of every model an agent uses (its own, the summarizer, the embedding
 * model) merged into one (reference §3.3): env vars by name, volumes by name, mounts by
 * name and path, the first one winning, so a Secret shared by two models is mounted once.
 */
import type { ModelPlan } from './model.js';

type Obj = Record<string, any>;

export type PodWiring = Pick<ModelPlan, 'env' | 'volumes' | 'mounts'>;

export function mergeModelWiring(plans: ReadonlyArray<PodWiring | undefined>): PodWiring {
  const merged: PodWiring = { env: [], volumes: [], mounts: [] };
  for (const p of plans) {
    if (!p) continue;
    addNew(merged.env, p.env, (e) => e.name);
    addNew(merged.volumes, p.volumes, (v) => v.name);
    addNew(merged.mounts, p.mounts, (m) => `${m.name}\u0000${m.mountPath}`);
  }
  return merged;
}

function addNew(into: Obj[], items: Obj[], key: (x: Obj) => string): void {
  const seen = new Set(into.map(key));
  for (const x of items) {
    if (seen.has(key(x))) continue;
    seen.add(key(x));
    into.push(x);
  }
}
