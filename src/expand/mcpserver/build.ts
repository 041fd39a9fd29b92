/**
 * MCPServerPlan → what the kmcp v0.3.0 controller creates, in its order (kmcp.md §2;
 * kmcp pkg/controller/transportadapter/transportadapter_translator.go):
 * Deployment, Service, ConfigMap, then a ServiceAccount unless `serviceAccountName` is set.
 */
import type { K8sObject } from '../../model/k8s.js';
import { compact, objectMeta, sortedMap } from '../k8s/meta.js';
import { goPodField } from '../../go/k8s-types.js';
import { localConfigHash } from './configmap.js';
import type { MCPServerPlan } from './compile.js';

/** The transport adapter that a stdio server runs behind (copied into the pod by an init container). */
const ADAPTER_IMAGE = 'ghcr.io/agentgateway/agentgateway:0.9.0-musl';

export function buildMCPServerObjects(p: MCPServerPlan): K8sObject[] {
  const { name, namespace, owners } = p;
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const volumes: object[] = [{ name: 'config', configMap: { name } }];
  const mounts: object[] = [{ name: 'config', mountPath: '/config' }];
  if (p.stdio) {
    volumes.push({ name: 'binary', emptyDir: {} });
    mounts.push({ name: 'binary', mountPath: '/adapterbin' });
  }
  volumes.push(...p.volumes);
  mounts.push(...p.mounts);

  const main = compact({
    name: 'mcp-server',
    image: p.image,
    command: p.stdio ? ['/adapterbin/agentgateway'] : p.command,
    args: p.stdio ? ['-f', '/config/local.yaml'] : p.args,
    envFrom: p.envFrom.length > 0 ? p.envFrom : undefined,
    env: p.env,
    resources: p.resources ?? {},
    volumeMounts: mounts,
    imagePullPolicy: p.imagePullPolicy,
    securityContext: p.securityContext,
  });
  const initContainers = p.stdio
    ? [
        compact({
          name: 'copy-binary',
          image: p.init.image || ADAPTER_IMAGE,
          args: ['--copy-self', '/adapterbin/agentgateway'],
          resources: p.init.resources ?? {},
          volumeMounts: [{ name: 'binary', mountPath: '/adapterbin' }],
          imagePullPolicy: p.init.imagePullPolicy || 'IfNotPresent',
          securityContext: p.init.securityContext,
        }),
      ]
    : undefined;

  const podSpec = compact({
    volumes: goPodField(volumes, '[]Volume'),
    initContainers: initContainers && goPodField(initContainers, '[]Container'),
    containers: goPodField([main, ...p.sidecars], '[]Container'),
    nodeSelector: sortedMap(p.nodeSelector),
    serviceAccountName: p.serviceAccountName || name,
    securityContext: p.podSecurityContext,
    imagePullSecrets: p.imagePullSecrets,
    affinity: p.affinity,
    tolerations: p.tolerations,
  });

  const podLabels = { ...selector, 'app.kubernetes.io/managed-by': 'kmcp', ...p.podLabels };
  const podAnnotations = { ...p.podAnnotations, 'kmcp.kagent.dev/mcpserver-config-hash': localConfigHash(p.config) };

  const deployment: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(name, namespace, undefined, undefined, owners),
    spec: compact({
      replicas: p.replicas,
      selector: { matchLabels: sortedMap(selector) },
      template: { metadata: { labels: sortedMap(podLabels), annotations: sortedMap(podAnnotations) }, spec: podSpec },
    }),
  };
  const service: K8sObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(name, namespace, undefined, undefined, owners),
    spec: {
      ports: [{ name: 'http', protocol: 'TCP', appProtocol: 'kgateway.dev/mcp', port: p.port, targetPort: p.port }],
      selector: sortedMap(selector),
    },
  };
  const configMap: K8sObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: objectMeta(name, namespace, undefined, undefined, owners),
    data: { 'local.yaml': p.config },
  };
  const objects = [deployment, service, configMap];
  if (!p.serviceAccountName) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: objectMeta(name, namespace, p.serviceAccount?.labels, p.serviceAccount?.annotations, owners),
    });
  }
  return objects;
}
