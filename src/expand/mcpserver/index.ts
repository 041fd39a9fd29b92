/**
 * MCPServer → what the kmcp v0.3.0 controller creates (kmcp.md §2;
 * kmcp pkg/controller/transportadapter/transportadapter_translator.go):
 * Deployment, Service, ConfigMap, then a ServiceAccount unless `serviceAccountName` is set.
 */
import type { RuleId } from '../../diagnostics/rules.js';
import { at, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { K8sObject, OwnerReference } from '../../model/k8s.js';
import { keyOf, type FieldPath, type InputObject } from '../../model/source.js';
import type { Settings } from '../../settings/settings.js';
import { emitsOwnerReferences } from '../profile.js';
import { compact, objectMeta, sortedMap } from '../k8s/meta.js';
import { goField, goPodField, quantityMessage, type QuantityProblem } from '../k8s/gotypes.js';
import { markFrom, markItemsFrom } from '../../model/provenance.js';
import { localConfigHash, localYaml } from './configmap.js';

const ADAPTER_IMAGE = 'ghcr.io/agentgateway/agentgateway:0.9.0-musl';
const DEFAULT_IMAGES: Record<string, string> = { uvx: 'ghcr.io/astral-sh/uv:debian', npx: 'node:24-alpine3.21' };

type Obj = Record<string, any>;

export function expandMCPServer(server: InputObject, settings: Settings): { objects: K8sObject[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fail = (path: FieldPath, rule: RuleId, message: string) =>
    diagnostics.push(at(server.origin, path, 'error', rule, message, keyOf(server)));
  const { name, namespace } = server;
  const spec: Obj = (server.body.spec as Obj) ?? {};
  const d: Obj = spec.deployment ?? {};
  const transport = spec.transportType;

  const image = d.image || DEFAULT_IMAGES[d.cmd as string];
  if (!image) fail(['spec', 'deployment'], 'mcpserver-image-required', `image must be specified for MCPServer ${name} or the command must be 'uvx' or 'npx'`);
  const port = Number(d.port ?? 0);
  if (!port) fail(['spec', 'deployment', 'port'], 'mcpserver-port-required', `deployment port must be specified for MCPServer ${name}`);
  if (transport !== undefined && transport !== 'stdio' && transport !== 'http') {
    fail(['spec', 'transportType'], 'mcpserver-transport-unsupported', `unsupported transport type: ${String(transport)}; use 'stdio' or 'http'`);
  }
  const targetPort = Number(spec.httpTransport?.targetPort ?? 0);
  if (transport === 'http' && !targetPort) fail(['spec', 'httpTransport'], 'mcpserver-target-port-required', 'HTTP transport requires a target port: set spec.httpTransport.targetPort');
  if (diagnostics.length > 0 || (transport !== 'stdio' && transport !== 'http')) return { objects: [], diagnostics };

  const owners: OwnerReference[] | undefined = emitsOwnerReferences(settings)
    ? [{ apiVersion: 'kagent.dev/v1alpha1', kind: 'MCPServer', name, uid: String((server.body.metadata as Obj)?.uid ?? '') }]
    : undefined;
  const stdio = transport === 'stdio';
  const config = localYaml({
    name,
    port,
    transport,
    cmd: d.cmd,
    args: d.args,
    env: d.env,
    targetPort,
    path: spec.httpTransport?.path,
  });
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };

  // The user's pod and container structures, as Go writes them (omitempty, quantities: reference apiserver.md §2-3).
  const dPath = ['spec', 'deployment'];
  const quantityProblem: QuantityProblem = (path, value, error) => fail(path, 'quantity-invalid', quantityMessage(value, error));
  const go = (key: string, goType: string, from: Obj = d, path: FieldPath = dPath) =>
    goField(from, key, goType, path, quantityProblem);
  const init = d.initContainer ?? {};
  const initPath = [...dPath, 'initContainer'];
  const user = {
    volumes: go('volumes', '[]Volume'),
    volumeMounts: go('volumeMounts', '[]VolumeMount'),
    args: go('args', '[]string'),
    resources: go('resources', 'ResourceRequirements'),
    securityContext: go('securityContext', '*SecurityContext'),
    initResources: go('resources', 'ResourceRequirements', init, initPath),
    initSecurityContext: go('securityContext', '*SecurityContext', init, initPath),
    sidecars: go('sidecars', '[]Container'),
    podSecurityContext: go('podSecurityContext', '*PodSecurityContext'),
    imagePullSecrets: go('imagePullSecrets', '[]LocalObjectReference'),
    affinity: go('affinity', '*Affinity'),
    tolerations: go('tolerations', '[]Toleration'),
  };
  if (diagnostics.length > 0) return { objects: [], diagnostics };
  const volumes: Obj[] = [{ name: 'config', configMap: { name } }];
  const mounts: Obj[] = [{ name: 'config', mountPath: '/config' }];
  if (stdio) {
    volumes.push({ name: 'binary', emptyDir: {} });
    mounts.push({ name: 'binary', mountPath: '/adapterbin' });
  }
  // Provenance of what comes from the user's fields, for output checks reported at the input line.
  const mark = <T>(node: T, ...path: (string | number)[]) => markFrom(node, server.origin, [...dPath, ...path]);
  (d.configMapRefs ?? []).forEach((r: Obj, i: number) => {
    if (!r?.name) return;
    const cm = r.name;
    volumes.push(mark({ name: `cm-${cm}`, configMap: { name: cm } }, 'configMapRefs', i));
    mounts.push(mark({ name: `cm-${cm}`, readOnly: true, mountPath: `/configmaps/${cm}` }, 'configMapRefs', i));
  });
  volumes.push(...(markItemsFrom<Obj>(user.volumes, server.origin, [...dPath, 'volumes']) ?? []));
  mounts.push(...(markItemsFrom<Obj>(user.volumeMounts, server.origin, [...dPath, 'volumeMounts']) ?? []));

  const env = d.env && Object.keys(d.env).length > 0
    ? Object.keys(d.env).sort().map((k) => mark({ name: k, value: String(d.env[k]) }, 'env', k))
    : undefined;
  const envFrom = (d.secretRefs ?? []).flatMap((r: Obj, i: number) => (r?.name ? [mark({ secretRef: { name: r.name } }, 'secretRefs', i)] : []));

  const main = compact({
    name: 'mcp-server',
    image,
    command: stdio ? ['/adapterbin/agentgateway'] : d.cmd ? [d.cmd] : undefined,
    args: stdio ? ['-f', '/config/local.yaml'] : user.args,
    envFrom: envFrom.length > 0 ? envFrom : undefined,
    env,
    resources: user.resources ?? {},
    volumeMounts: mounts,
    imagePullPolicy: d.imagePullPolicy || 'IfNotPresent',
    securityContext: user.securityContext,
  });
  const initContainers = stdio
    ? [
        compact({
          name: 'copy-binary',
          image: init.image || ADAPTER_IMAGE,
          args: ['--copy-self', '/adapterbin/agentgateway'],
          resources: user.initResources ?? {},
          volumeMounts: [{ name: 'binary', mountPath: '/adapterbin' }],
          imagePullPolicy: init.imagePullPolicy || 'IfNotPresent',
          securityContext: init.securityContext != null ? user.initSecurityContext : user.securityContext,
        }),
      ]
    : undefined;

  const podSpec = compact({
    volumes: goPodField(volumes, '[]Volume'),
    initContainers: initContainers && goPodField(initContainers, '[]Container'),
    containers: goPodField([main, ...(markItemsFrom(user.sidecars, server.origin, [...dPath, 'sidecars']) ?? [])], '[]Container'),
    nodeSelector: sortedMap(d.nodeSelector),
    serviceAccountName: d.serviceAccountName || name,
    securityContext: user.podSecurityContext,
    imagePullSecrets: user.imagePullSecrets,
    affinity: user.affinity,
    tolerations: user.tolerations,
  });

  const podLabels = { ...selector, 'app.kubernetes.io/managed-by': 'kmcp', ...(d.labels ?? {}) };
  const podAnnotations = { ...(d.annotations ?? {}), 'kmcp.kagent.dev/mcpserver-config-hash': localConfigHash(config) };

  const deployment: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(name, namespace, undefined, undefined, owners),
    spec: compact({
      replicas: d.replicas,
      selector: { matchLabels: sortedMap(selector) },
      template: { metadata: { labels: sortedMap(podLabels), annotations: sortedMap(podAnnotations) }, spec: podSpec },
    }),
  };
  const service: K8sObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(name, namespace, undefined, undefined, owners),
    spec: {
      ports: [{ name: 'http', protocol: 'TCP', appProtocol: 'kgateway.dev/mcp', port, targetPort: port }],
      selector: sortedMap(selector),
    },
  };
  const configMap: K8sObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: objectMeta(name, namespace, undefined, undefined, owners),
    data: { 'local.yaml': config },
  };
  const objects = [deployment, service, configMap];
  if (!d.serviceAccountName) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: objectMeta(name, namespace, d.serviceAccount?.labels, d.serviceAccount?.annotations, owners),
    });
  }
  return { objects, diagnostics };
}
