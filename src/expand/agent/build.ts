/**
 * AgentPlan → objects, in the controller's order: Secret, ServiceAccount?, Deployment,
 * Service (kagent manifest_builder.go BuildManifest; reference §3).
 */
import type { K8sObject, OwnerReference } from '../../model/k8s.js';
import { clone, compact, objectMeta, sortedMap } from '../k8s/meta.js';
import { configHash } from '../k8s/hash.js';
import { goPodField } from '../../go/k8s-types.js';

type Obj = Record<string, any>;

export interface AgentPlan {
  name: string;
  namespace: string;
  runtime: 'python' | 'go';
  configJson: string;
  cardJson: string;
  /** `srt-settings.json` of the config Secret, when the sandbox runtime needs it (reference §3.7). */
  srtSettingsJson: string | undefined;
  /** The skills-init ConfigMap and init container (reference §3.7). */
  skills: { configMapName: string; configJson: string; initContainer: Obj } | undefined;
  /** Concatenated hex-decoded status.secretHash contributions (reference §3.9). */
  secretHashBytes: Uint8Array;
  labels: Record<string, string>;
  selectorLabels: Record<string, string>;
  annotations: Record<string, string>;
  deploymentAnnotations: Record<string, string>;
  podAnnotations: Record<string, string>;
  serviceAccountName: string;
  emitServiceAccount: boolean;
  serviceAccountLabels: Record<string, string>;
  serviceAccountAnnotations: Record<string, string>;
  image: string;
  /** BYO only: the user's command; the kagent runtime has none. */
  command: string[] | undefined;
  args: string[] | undefined;
  workingDir: string | undefined;
  imagePullPolicy: string;
  imagePullSecrets: Obj[];
  env: Obj[];
  envFrom: Obj[];
  volumes: Obj[];
  mounts: Obj[];
  resources: Obj | undefined;
  securityContext: Obj | undefined;
  podSecurityContext: Obj | undefined;
  extraContainers: Obj[];
  replicas: number | undefined;
  tolerations: Obj[] | undefined;
  affinity: Obj | undefined;
  nodeSelector: Record<string, string> | undefined;
  a2a: boolean;
  owners: OwnerReference[] | undefined;
}

/** The agent container's resources when the Agent names none; the skills-init container's too. */
export const DEFAULT_RESOURCES = { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '384Mi' } };

export function buildAgentObjects(p: AgentPlan): K8sObject[] {
  const hash = configHash([
    p.configJson,
    p.cardJson,
    p.secretHashBytes,
    p.srtSettingsJson ?? '',
    p.skills?.configJson ?? '',
  ]);
  const objects: K8sObject[] = [];
  objects.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: objectMeta(p.name, p.namespace, p.labels, p.annotations, p.owners),
    stringData: compact({
      'agent-card.json': p.cardJson,
      'config.json': p.configJson,
      'srt-settings.json': p.srtSettingsJson,
    }),
  });
  if (p.emitServiceAccount) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: objectMeta(p.name, p.namespace, p.serviceAccountLabels, p.serviceAccountAnnotations, p.owners),
    });
  }
  if (p.skills) {
    // Upstream sets neither labels nor annotations on it (reference §3.2); owners as every object.
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: objectMeta(p.skills.configMapName, p.namespace, undefined, undefined, p.owners),
      data: { 'config.json': p.skills.configJson },
    });
  }
  const probeTimings = p.runtime === 'go' ? [1, 5, 1] : [15, 15, 15];
  const container = compact({
    name: 'kagent',
    image: p.image,
    command: p.command,
    args: p.args,
    workingDir: p.workingDir,
    ports: [{ name: 'http', containerPort: 8080 }],
    envFrom: p.envFrom.length > 0 ? p.envFrom : undefined,
    env: p.env,
    resources: p.resources ?? clone(DEFAULT_RESOURCES),
    volumeMounts: p.mounts,
    readinessProbe: {
      httpGet: { path: '/.well-known/agent-card.json', port: 'http' },
      initialDelaySeconds: probeTimings[0],
      timeoutSeconds: probeTimings[1],
      periodSeconds: probeTimings[2],
    },
    imagePullPolicy: p.imagePullPolicy,
    securityContext: p.securityContext,
  });
  const podSpec = compact({
    volumes: goPodField(p.volumes, '[]Volume'),
    initContainers: p.skills ? goPodField([p.skills.initContainer], '[]Container') : undefined,
    containers: goPodField([container, ...p.extraContainers], '[]Container'),
    nodeSelector: p.nodeSelector,
    serviceAccountName: p.serviceAccountName,
    securityContext: p.podSecurityContext,
    imagePullSecrets: p.imagePullSecrets.length > 0 ? p.imagePullSecrets : undefined,
    affinity: p.affinity,
    tolerations: p.tolerations,
  });
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(p.name, p.namespace, p.labels, { ...p.annotations, ...p.deploymentAnnotations }, p.owners),
    spec: compact({
      replicas: p.replicas,
      selector: { matchLabels: sortedMap(p.selectorLabels) },
      template: {
        metadata: {
          labels: sortedMap(p.labels),
          annotations: sortedMap({ ...p.podAnnotations, 'kagent.dev/config-hash': hash }),
        },
        spec: podSpec,
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    }),
  });
  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(p.name, p.namespace, p.labels, p.annotations, p.owners),
    spec: {
      ports: [
        compact({ name: 'http', appProtocol: p.a2a ? 'kgateway.dev/a2a' : undefined, port: 8080, targetPort: 8080 }),
      ],
      selector: sortedMap(p.selectorLabels),
      type: 'ClusterIP',
    },
  });
  return objects;
}
