/**
 * MCPServer → MCPServerPlan: read and check the input (kmcp transportadapter_translator.go's
 * validation), convert the user's pod and container structures as Go writes them, and mark
 * what comes from the user for output checks. build.ts turns the plan into objects.
 */
import type { RuleId } from '../../diagnostics/rules.js';
import { at, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { MCPServer, MCPServerDeployment, MCPServerSpec } from '../../model/input.js';
import type { OwnerReference } from '../../model/k8s.js';
import { markFrom, markItemsFrom } from '../../model/provenance.js';
import { keyOf, type FieldPath, type InputObject } from '../../model/source.js';
import type { Settings } from '../../settings/settings.js';
import { emitsOwnerReferences } from '../profile.js';
import { goField, quantityMessage, type QuantityProblem } from '../../go/k8s-types.js';
import { localYaml } from './configmap.js';

const DEFAULT_IMAGES: Record<string, string> = { uvx: 'ghcr.io/astral-sh/uv:debian', npx: 'node:24-alpine3.21' };

/** A Kubernetes structure after the Go-type normalisation (goField): JSON, no longer the input's shape. */
type GoValue = Record<string, any>;

/** Everything build.ts needs, resolved; the user's structures already in Go's JSON form. */
export interface MCPServerPlan {
  name: string;
  namespace: string;
  stdio: boolean;
  image: string;
  port: number;
  /** The adapter's `local.yaml` (configmap.ts). */
  config: string;
  /** The main container's command and args when it runs the user's server directly (http). */
  command: string[] | undefined;
  args: string[] | undefined;
  env: GoValue[] | undefined;
  envFrom: GoValue[];
  /** configMapRefs and the user's volumes (mounts), after the generated ones. */
  volumes: GoValue[];
  mounts: GoValue[];
  resources: GoValue | undefined;
  securityContext: GoValue | undefined;
  imagePullPolicy: string;
  /** The `copy-binary` init container of the stdio transport. */
  init: {
    image: string | undefined;
    imagePullPolicy: string | undefined;
    resources: GoValue | undefined;
    securityContext: GoValue | undefined;
  };
  sidecars: GoValue[];
  replicas: number | undefined;
  nodeSelector: Record<string, string> | undefined;
  serviceAccountName: string | undefined;
  podSecurityContext: GoValue | undefined;
  imagePullSecrets: GoValue[] | undefined;
  affinity: GoValue | undefined;
  tolerations: GoValue[] | undefined;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  serviceAccount: MCPServerDeployment['serviceAccount'];
  owners: OwnerReference[] | undefined;
}

export function compileMCPServer(
  server: InputObject,
  settings: Settings,
): { plan?: MCPServerPlan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fail = (path: FieldPath, rule: RuleId, message: string) =>
    diagnostics.push(at(server.origin, path, 'error', rule, message, keyOf(server)));
  const { name, namespace } = server;
  const body = server.body as MCPServer;
  const spec: Partial<MCPServerSpec> = body.spec ?? {};
  const d: Partial<MCPServerDeployment> = spec.deployment ?? {};
  const transport: string | undefined = spec.transportType;

  const image = d.image || (d.cmd === undefined ? undefined : DEFAULT_IMAGES[d.cmd]);
  if (!image)
    fail(
      ['spec', 'deployment'],
      'mcpserver-image-required',
      `image must be specified for MCPServer ${name} or the command must be 'uvx' or 'npx'`,
    );
  const port = Number(d.port ?? 0);
  if (!port)
    fail(
      ['spec', 'deployment', 'port'],
      'mcpserver-port-required',
      `deployment port must be specified for MCPServer ${name}`,
    );
  if (transport !== undefined && transport !== 'stdio' && transport !== 'http') {
    fail(
      ['spec', 'transportType'],
      'mcpserver-transport-unsupported',
      `unsupported transport type: ${String(transport)}; use 'stdio' or 'http'`,
    );
  }
  const targetPort = Number(spec.httpTransport?.targetPort ?? 0);
  if (transport === 'http' && !targetPort)
    fail(
      ['spec', 'httpTransport'],
      'mcpserver-target-port-required',
      'HTTP transport requires a target port: set spec.httpTransport.targetPort',
    );
  if (diagnostics.length > 0 || !image || (transport !== 'stdio' && transport !== 'http')) return { diagnostics };

  const owners: OwnerReference[] | undefined = emitsOwnerReferences(settings)
    ? [{ apiVersion: 'kagent.dev/v1alpha1', kind: 'MCPServer', name, uid: String(body.metadata?.uid ?? '') }]
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

  // The user's pod and container structures, as Go writes them (omitempty, quantities: reference apiserver.md §2-3).
  const dPath = ['spec', 'deployment'];
  const quantityProblem: QuantityProblem = (path, value, error) =>
    fail(path, 'quantity-invalid', quantityMessage(value, error));
  const go = (key: string, goType: string, from: object | undefined = d, path: FieldPath = dPath) =>
    goField(from as GoValue | undefined, key, goType, path, quantityProblem);
  const init = d.initContainer ?? {};
  const initPath = [...dPath, 'initContainer'];
  // All of them before any check, so that every invalid quantity is reported in one run.
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
  if (diagnostics.length > 0) return { diagnostics };

  // Provenance of what comes from the user's fields, for output checks reported at the input line.
  const mark = <T>(node: T, ...path: (string | number)[]) => markFrom(node, server.origin, [...dPath, ...path]);
  const volumes: GoValue[] = [];
  const mounts: GoValue[] = [];
  (d.configMapRefs ?? []).forEach((r, i) => {
    if (!r?.name) return;
    const cm = r.name;
    volumes.push(mark({ name: `cm-${cm}`, configMap: { name: cm } }, 'configMapRefs', i));
    mounts.push(mark({ name: `cm-${cm}`, readOnly: true, mountPath: `/configmaps/${cm}` }, 'configMapRefs', i));
  });
  volumes.push(...(markItemsFrom<GoValue>(user.volumes, server.origin, [...dPath, 'volumes']) ?? []));
  mounts.push(...(markItemsFrom<GoValue>(user.volumeMounts, server.origin, [...dPath, 'volumeMounts']) ?? []));
  const userEnv = d.env;
  const env =
    userEnv && Object.keys(userEnv).length > 0
      ? Object.keys(userEnv)
          .sort()
          .map((k) => mark({ name: k, value: String(userEnv[k]) }, 'env', k))
      : undefined;
  const envFrom = (d.secretRefs ?? []).flatMap((r, i) =>
    r?.name ? [mark({ secretRef: { name: r.name } }, 'secretRefs', i)] : [],
  );

  const plan: MCPServerPlan = {
    name,
    namespace,
    stdio,
    image,
    port,
    config,
    command: stdio ? undefined : d.cmd ? [d.cmd] : undefined,
    args: stdio ? undefined : user.args,
    env,
    envFrom,
    volumes,
    mounts,
    resources: user.resources,
    securityContext: user.securityContext,
    imagePullPolicy: d.imagePullPolicy || 'IfNotPresent',
    init: {
      image: init.image,
      imagePullPolicy: init.imagePullPolicy,
      resources: user.initResources,
      securityContext: init.securityContext != null ? user.initSecurityContext : user.securityContext,
    },
    sidecars: markItemsFrom<GoValue>(user.sidecars, server.origin, [...dPath, 'sidecars']) ?? [],
    replicas: d.replicas,
    nodeSelector: d.nodeSelector,
    serviceAccountName: d.serviceAccountName,
    podSecurityContext: user.podSecurityContext,
    imagePullSecrets: user.imagePullSecrets,
    affinity: user.affinity,
    tolerations: user.tolerations,
    podLabels: d.labels ?? {},
    podAnnotations: d.annotations ?? {},
    serviceAccount: d.serviceAccount,
    owners,
  };
  return { plan, diagnostics };
}
