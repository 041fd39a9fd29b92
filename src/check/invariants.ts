/** SPEC §3 invariants of one emitted object. */
import type { RuleId } from '../diagnostics/rules.js';
import type { K8sObject } from '../model/k8s.js';
import { isDnsLabel, isDnsSubdomain } from '../expand/k8s/names.js';

type Obj = Record<string, any>;

export interface Problem {
  rule: RuleId;
  message: string;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function invariantProblems(o: K8sObject): Problem[] {
  const out: Problem[] = [];
  const name = o.metadata.name;
  const needsLabel = o.kind === 'Service' || o.kind === 'Deployment';
  if (needsLabel ? !isDnsLabel(name) : !isDnsSubdomain(name)) {
    out.push({ rule: 'output-name-invalid', message: `name '${name}' is not a valid DNS-1123 ${needsLabel ? 'label (≤ 63 chars)' : 'subdomain'}` });
  }
  const pod: Obj | undefined = (o.spec as Obj)?.template;
  for (const labels of [o.metadata.labels, pod?.metadata?.labels]) {
    for (const [k, v] of Object.entries((labels ?? {}) as Record<string, string>)) {
      if (!validLabelKey(k) || v.length > 63 || !LABEL_VALUE.test(v)) out.push({ rule: 'output-label-invalid', message: `label ${k}=${v} is not a valid Kubernetes label` });
    }
  }
  if (pod?.spec) out.push(...podProblems(pod.spec));
  return out;
}

/** Label keys repeat on every object (`app.kubernetes.io/name`, ...): each is checked once per run. */
const validLabelKeys = new Set<string>();

function validLabelKey(k: string): boolean {
  if (validLabelKeys.has(k)) return true;
  const slash = k.indexOf('/');
  // A key has at most one '/': the name after it cannot hold another (LABEL_NAME refuses it).
  const [prefix, name] = slash >= 0 ? [k.slice(0, slash), k.slice(slash + 1)] : [undefined, k];
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return false;
  const valid = name.length <= 63 && LABEL_NAME.test(name);
  if (valid && validLabelKeys.size < 10_000) validLabelKeys.add(k);
  return valid;
}

function podProblems(spec: Obj): Problem[] {
  const out: Problem[] = [];
  const volumes = new Set<string>();
  for (const v of (spec.volumes ?? []) as Obj[]) {
    if (!isDnsLabel(String(v.name))) out.push({ rule: 'output-volume-name-invalid', message: `volume name '${v.name}' is not a DNS-1123 label of ≤ 63 chars` });
    if (volumes.has(v.name)) out.push({ rule: 'output-volume-duplicate', message: `volume '${v.name}' is defined twice in the pod` });
    volumes.add(v.name);
    if (v.secret && !v.secret.secretName) out.push({ rule: 'output-ref-unnamed', message: `volume '${v.name}' refers to a Secret without a name` });
    if (v.configMap && !v.configMap.name) out.push({ rule: 'output-ref-unnamed', message: `volume '${v.name}' refers to a ConfigMap without a name` });
  }
  for (const c of [...((spec.initContainers ?? []) as Obj[]), ...((spec.containers ?? []) as Obj[])]) {
    for (const m of (c.volumeMounts ?? []) as Obj[]) {
      if (!volumes.has(m.name)) out.push({ rule: 'output-mount-unknown-volume', message: `container '${c.name}' mounts '${m.name}', which is not a volume of the pod` });
    }
    for (const e of (c.env ?? []) as Obj[]) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (ref && !ref.name) out.push({ rule: 'output-ref-unnamed', message: `env ${e.name} of container '${c.name}' refers to a Secret/ConfigMap without a name` });
    }
  }
  return out;
}
