/**
 * What Go's encoding/json writes for the core/v1 and apps/v1 structures that the renderer copies
 * from user fields into its output (reference apiserver.md §3): one table, Go type → JSON field →
 * the field's Go type and whether its tag says `omitempty`, read from k8s.io/api core/v1 types.go.
 *
 * `normalizeGo` applies the table where user structures enter the output (`omitempty` fields that
 * are empty are dropped, fields without it stay even when empty, pointers are dropped only when nil,
 * struct fields never) and writes every `resource.Quantity` in its canonical form, reporting one that
 * does not parse at its input path. Field order is the input's; Go map keys come out sorted.
 *
 * Field types: `string`, `int`, `bool`, `Quantity`, `IntOrString`, `any` (copied as is), a struct
 * name of this table, `*T` (pointer), `[]T`, `map[string]T`.
 */
import type { FieldPath } from '../model/source.js';
import { parseQuantity, roundUpMilli } from './quantity.js';
import { carryMark } from '../model/provenance.js';

type Fields = Record<string, string>;

/** The inline ProbeHandler of Probe. */
const PROBE_HANDLER: Fields = {
  exec: '*ExecAction,omitempty',
  httpGet: '*HTTPGetAction,omitempty',
  tcpSocket: '*TCPSocketAction,omitempty',
  grpc: '*GRPCAction,omitempty',
};

/** The inline VolumeSource of Volume (types.go:59-220): every source is an optional pointer. */
const VOLUME_SOURCE: Fields = {
  hostPath: '*HostPathVolumeSource,omitempty',
  emptyDir: '*EmptyDirVolumeSource,omitempty',
  gcePersistentDisk: '*any,omitempty',
  awsElasticBlockStore: '*any,omitempty',
  gitRepo: '*any,omitempty',
  secret: '*SecretVolumeSource,omitempty',
  nfs: '*any,omitempty',
  iscsi: '*any,omitempty',
  glusterfs: '*any,omitempty',
  persistentVolumeClaim: '*PersistentVolumeClaimVolumeSource,omitempty',
  rbd: '*any,omitempty',
  flexVolume: '*any,omitempty',
  cinder: '*any,omitempty',
  cephfs: '*any,omitempty',
  flocker: '*any,omitempty',
  downwardAPI: '*DownwardAPIVolumeSource,omitempty',
  fc: '*any,omitempty',
  azureFile: '*any,omitempty',
  configMap: '*ConfigMapVolumeSource,omitempty',
  vsphereVolume: '*any,omitempty',
  quobyte: '*any,omitempty',
  azureDisk: '*any,omitempty',
  photonPersistentDisk: '*any,omitempty',
  projected: '*ProjectedVolumeSource,omitempty',
  portworxVolume: '*any,omitempty',
  scaleIO: '*any,omitempty',
  storageos: '*any,omitempty',
  csi: '*CSIVolumeSource,omitempty',
  ephemeral: '*EphemeralVolumeSource,omitempty',
  image: '*ImageVolumeSource,omitempty',
};

export const GO_TYPES: Record<string, Fields> = {
  Container: {
    name: 'string',
    image: 'string,omitempty',
    command: '[]string,omitempty',
    args: '[]string,omitempty',
    workingDir: 'string,omitempty',
    ports: '[]ContainerPort,omitempty',
    envFrom: '[]EnvFromSource,omitempty',
    env: '[]EnvVar,omitempty',
    resources: 'ResourceRequirements,omitempty',
    resizePolicy: '[]ContainerResizePolicy,omitempty',
    restartPolicy: '*string,omitempty',
    restartPolicyRules: '[]any,omitempty',
    volumeMounts: '[]VolumeMount,omitempty',
    volumeDevices: '[]VolumeDevice,omitempty',
    livenessProbe: '*Probe,omitempty',
    readinessProbe: '*Probe,omitempty',
    startupProbe: '*Probe,omitempty',
    lifecycle: '*Lifecycle,omitempty',
    terminationMessagePath: 'string,omitempty',
    terminationMessagePolicy: 'string,omitempty',
    imagePullPolicy: 'string,omitempty',
    securityContext: '*SecurityContext,omitempty',
    stdin: 'bool,omitempty',
    stdinOnce: 'bool,omitempty',
    tty: 'bool,omitempty',
  },
  ContainerPort: {
    name: 'string,omitempty',
    hostPort: 'int,omitempty',
    containerPort: 'int',
    protocol: 'string,omitempty',
    hostIP: 'string,omitempty',
  },
  ContainerResizePolicy: { resourceName: 'string', restartPolicy: 'string' },
  VolumeDevice: { name: 'string', devicePath: 'string' },
  EnvVar: { name: 'string', value: 'string,omitempty', valueFrom: '*EnvVarSource,omitempty' },
  EnvVarSource: {
    fieldRef: '*ObjectFieldSelector,omitempty',
    resourceFieldRef: '*ResourceFieldSelector,omitempty',
    configMapKeyRef: '*KeySelector,omitempty',
    secretKeyRef: '*KeySelector,omitempty',
    fileKeyRef: '*any,omitempty',
  },
  ObjectFieldSelector: { apiVersion: 'string,omitempty', fieldPath: 'string' },
  ResourceFieldSelector: { containerName: 'string,omitempty', resource: 'string', divisor: 'Quantity,omitempty' },
  /** ConfigMapKeySelector and SecretKeySelector (inline LocalObjectReference). */
  KeySelector: { name: 'string,omitempty', key: 'string', optional: '*bool,omitempty' },
  EnvFromSource: {
    prefix: 'string,omitempty',
    configMapRef: '*EnvSource,omitempty',
    secretRef: '*EnvSource,omitempty',
  },
  /** ConfigMapEnvSource and SecretEnvSource. */
  EnvSource: { name: 'string,omitempty', optional: '*bool,omitempty' },
  /** Entries of a ResourceList are stored rounded up to milli (StoredQuantity, below). */
  ResourceRequirements: {
    limits: 'map[string]StoredQuantity,omitempty',
    requests: 'map[string]StoredQuantity,omitempty',
    claims: '[]ResourceClaim,omitempty',
  },
  ResourceClaim: { name: 'string', request: 'string,omitempty' },
  VolumeMount: {
    name: 'string',
    readOnly: 'bool,omitempty',
    recursiveReadOnly: '*string,omitempty',
    mountPath: 'string',
    subPath: 'string,omitempty',
    mountPropagation: '*string,omitempty',
    subPathExpr: 'string,omitempty',
  },
  Probe: {
    ...PROBE_HANDLER,
    initialDelaySeconds: 'int,omitempty',
    timeoutSeconds: 'int,omitempty',
    periodSeconds: 'int,omitempty',
    successThreshold: 'int,omitempty',
    failureThreshold: 'int,omitempty',
    terminationGracePeriodSeconds: '*int,omitempty',
  },
  ExecAction: { command: '[]string,omitempty' },
  HTTPGetAction: {
    path: 'string,omitempty',
    port: 'IntOrString',
    host: 'string,omitempty',
    scheme: 'string,omitempty',
    httpHeaders: '[]HTTPHeader,omitempty',
  },
  HTTPHeader: { name: 'string', value: 'string' },
  TCPSocketAction: { port: 'IntOrString', host: 'string,omitempty' },
  GRPCAction: { port: 'int', service: '*string' },
  Lifecycle: {
    postStart: '*LifecycleHandler,omitempty',
    preStop: '*LifecycleHandler,omitempty',
    stopSignal: '*string,omitempty',
  },
  LifecycleHandler: {
    exec: '*ExecAction,omitempty',
    httpGet: '*HTTPGetAction,omitempty',
    tcpSocket: '*TCPSocketAction,omitempty',
    sleep: '*SleepAction,omitempty',
  },
  SleepAction: { seconds: 'int' },
  SecurityContext: {
    capabilities: '*Capabilities,omitempty',
    privileged: '*bool,omitempty',
    seLinuxOptions: '*SELinuxOptions,omitempty',
    windowsOptions: '*WindowsSecurityContextOptions,omitempty',
    runAsUser: '*int,omitempty',
    runAsGroup: '*int,omitempty',
    runAsNonRoot: '*bool,omitempty',
    readOnlyRootFilesystem: '*bool,omitempty',
    allowPrivilegeEscalation: '*bool,omitempty',
    procMount: '*string,omitempty',
    seccompProfile: '*SeccompProfile,omitempty',
    appArmorProfile: '*SeccompProfile,omitempty',
  },
  Capabilities: { add: '[]string,omitempty', drop: '[]string,omitempty' },
  SELinuxOptions: {
    user: 'string,omitempty',
    role: 'string,omitempty',
    type: 'string,omitempty',
    level: 'string,omitempty',
  },
  WindowsSecurityContextOptions: {
    gmsaCredentialSpecName: '*string,omitempty',
    gmsaCredentialSpec: '*string,omitempty',
    runAsUserName: '*string,omitempty',
    hostProcess: '*bool,omitempty',
  },
  /** SeccompProfile and AppArmorProfile. */
  SeccompProfile: { type: 'string', localhostProfile: '*string,omitempty' },
  PodSecurityContext: {
    seLinuxOptions: '*SELinuxOptions,omitempty',
    windowsOptions: '*WindowsSecurityContextOptions,omitempty',
    runAsUser: '*int,omitempty',
    runAsGroup: '*int,omitempty',
    runAsNonRoot: '*bool,omitempty',
    supplementalGroups: '[]int,omitempty',
    supplementalGroupsPolicy: '*string,omitempty',
    fsGroup: '*int,omitempty',
    sysctls: '[]Sysctl,omitempty',
    fsGroupChangePolicy: '*string,omitempty',
    seccompProfile: '*SeccompProfile,omitempty',
    appArmorProfile: '*SeccompProfile,omitempty',
    seLinuxChangePolicy: '*string,omitempty',
  },
  Sysctl: { name: 'string', value: 'string' },
  Volume: { name: 'string', ...VOLUME_SOURCE },
  HostPathVolumeSource: { path: 'string', type: '*string,omitempty' },
  EmptyDirVolumeSource: { medium: 'string,omitempty', sizeLimit: '*Quantity,omitempty' },
  SecretVolumeSource: {
    secretName: 'string,omitempty',
    items: '[]KeyToPath,omitempty',
    defaultMode: '*int,omitempty',
    optional: '*bool,omitempty',
  },
  ConfigMapVolumeSource: {
    name: 'string,omitempty',
    items: '[]KeyToPath,omitempty',
    defaultMode: '*int,omitempty',
    optional: '*bool,omitempty',
  },
  KeyToPath: { key: 'string', path: 'string', mode: '*int,omitempty' },
  PersistentVolumeClaimVolumeSource: { claimName: 'string', readOnly: 'bool,omitempty' },
  DownwardAPIVolumeSource: { items: '[]DownwardAPIVolumeFile,omitempty', defaultMode: '*int,omitempty' },
  DownwardAPIVolumeFile: {
    path: 'string',
    fieldRef: '*ObjectFieldSelector,omitempty',
    resourceFieldRef: '*ResourceFieldSelector,omitempty',
    mode: '*int,omitempty',
  },
  ProjectedVolumeSource: { sources: '[]VolumeProjection', defaultMode: '*int,omitempty' },
  VolumeProjection: {
    secret: '*ProjectionSource,omitempty',
    downwardAPI: '*DownwardAPIProjection,omitempty',
    configMap: '*ProjectionSource,omitempty',
    serviceAccountToken: '*ServiceAccountTokenProjection,omitempty',
    clusterTrustBundle: '*any,omitempty',
    podCertificate: '*any,omitempty',
  },
  /** SecretProjection and ConfigMapProjection. */
  ProjectionSource: { name: 'string,omitempty', items: '[]KeyToPath,omitempty', optional: '*bool,omitempty' },
  DownwardAPIProjection: { items: '[]DownwardAPIVolumeFile,omitempty' },
  ServiceAccountTokenProjection: {
    audience: 'string,omitempty',
    expirationSeconds: '*int,omitempty',
    path: 'string',
  },
  CSIVolumeSource: {
    driver: 'string',
    readOnly: '*bool,omitempty',
    fsType: '*string,omitempty',
    volumeAttributes: 'map[string]string,omitempty',
    nodePublishSecretRef: '*LocalObjectReference,omitempty',
  },
  EphemeralVolumeSource: { volumeClaimTemplate: '*PersistentVolumeClaimTemplate,omitempty' },
  PersistentVolumeClaimTemplate: { metadata: 'any', spec: 'PersistentVolumeClaimSpec' }, // metadata: a struct
  PersistentVolumeClaimSpec: {
    accessModes: '[]string,omitempty',
    selector: '*LabelSelector,omitempty',
    resources: 'ResourceRequirements,omitempty',
    volumeName: 'string,omitempty',
    storageClassName: '*string,omitempty',
    volumeMode: '*string,omitempty',
    dataSource: '*any,omitempty',
    dataSourceRef: '*any,omitempty',
    volumeAttributesClassName: '*string,omitempty',
  },
  ImageVolumeSource: { reference: 'string,omitempty', pullPolicy: 'string,omitempty' },
  LocalObjectReference: { name: 'string,omitempty' },
  Toleration: {
    key: 'string,omitempty',
    operator: 'string,omitempty',
    value: 'string,omitempty',
    effect: 'string,omitempty',
    tolerationSeconds: '*int,omitempty',
  },
  Affinity: {
    nodeAffinity: '*NodeAffinity,omitempty',
    podAffinity: '*PodAffinity,omitempty',
    podAntiAffinity: '*PodAffinity,omitempty',
  },
  NodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: '*NodeSelector,omitempty',
    preferredDuringSchedulingIgnoredDuringExecution: '[]PreferredSchedulingTerm,omitempty',
  },
  NodeSelector: { nodeSelectorTerms: '[]NodeSelectorTerm' },
  NodeSelectorTerm: {
    matchExpressions: '[]NodeSelectorRequirement,omitempty',
    matchFields: '[]NodeSelectorRequirement,omitempty',
  },
  NodeSelectorRequirement: { key: 'string', operator: 'string', values: '[]string,omitempty' },
  PreferredSchedulingTerm: { weight: 'int', preference: 'NodeSelectorTerm' },
  /** PodAffinity and PodAntiAffinity. */
  PodAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm,omitempty',
    preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm,omitempty',
  },
  PodAffinityTerm: {
    labelSelector: '*LabelSelector,omitempty',
    namespaces: '[]string,omitempty',
    topologyKey: 'string',
    namespaceSelector: '*LabelSelector,omitempty',
    matchLabelKeys: '[]string,omitempty',
    mismatchLabelKeys: '[]string,omitempty',
  },
  WeightedPodAffinityTerm: { weight: 'int', podAffinityTerm: 'PodAffinityTerm' },
  LabelSelector: {
    matchLabels: 'map[string]string,omitempty',
    matchExpressions: '[]LabelSelectorRequirement,omitempty',
  },
  LabelSelectorRequirement: { key: 'string', operator: 'string', values: '[]string,omitempty' },
};

/** A quantity that resource.Quantity cannot parse: its input path, the value, and the API server's words. */
export type QuantityProblem = (path: FieldPath, value: unknown, error: string) => void;

/**
 * `value` (a user structure of Go type `type`, read from `path` in the input) as Go's
 * encoding/json would write it. Returns undefined where Go would omit the whole value
 * (an empty `omitempty` field); a top-level call uses omitempty = false.
 */
export function normalizeGo(
  value: unknown,
  type: string,
  path: FieldPath,
  problem: QuantityProblem,
  omitempty = false,
): any {
  if (type.startsWith('*')) {
    if (value === null || value === undefined) return omitempty ? undefined : null;
    return normalizeGo(value, type.slice(1), path, problem, false);
  }
  if (type.startsWith('[]')) {
    if (value === null || value === undefined) return omitempty ? undefined : null;
    if (!Array.isArray(value)) return value; // wrong type: the schema check reports it
    if (value.length === 0) return omitempty ? undefined : [];
    const item = type.slice(2);
    return carryMark(
      value,
      value.map((v, i) => normalizeGo(v, item, [...path, i], problem, false)),
    );
  }
  if (type.startsWith('map[string]')) {
    if (value === null || value === undefined) return omitempty ? undefined : null;
    if (typeof value !== 'object' || Array.isArray(value)) return value;
    const keys = Object.keys(value).sort(byteOrder);
    if (keys.length === 0) return omitempty ? undefined : {};
    const item = type.slice('map[string]'.length);
    const out: Record<string, unknown> = {};
    for (const k of keys)
      out[k] = normalizeGo((value as Record<string, unknown>)[k], item, [...path, k], problem, false);
    return carryMark(value, out);
  }
  switch (type) {
    case 'any':
      return value === null && omitempty ? undefined : value;
    case 'string':
      if (value === null || value === undefined) return omitempty ? undefined : '';
      return omitempty && value === '' ? undefined : value;
    case 'int':
      if (value === null || value === undefined) return omitempty ? undefined : 0;
      return omitempty && value === 0 ? undefined : value;
    case 'bool':
      if (value === null || value === undefined) return omitempty ? undefined : false;
      return omitempty && value === false ? undefined : value;
    case 'IntOrString':
      // A struct: omitempty never drops it; null reads as the int 0.
      return value ?? 0;
    case 'Quantity':
      return quantity(value, path, problem);
    case 'StoredQuantity':
      return quantity(value, path, problem, true);
  }
  const fields = GO_TYPES[type];
  if (!fields) throw new Error(`normalizeGo: unknown Go type ${type}`);
  // A struct: never dropped (omitempty does not apply to structs); null is its zero value.
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  // Go writes struct fields in declaration order (the table's); keys Go does not know stay, after them.
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, tag] of Object.entries(fields)) {
    if (!(k in input)) continue;
    const [fieldType, option] = tag.split(',');
    const n = normalizeGo(input[k], fieldType!, [...path, k], problem, option === 'omitempty');
    if (n !== undefined) out[k] = n;
  }
  for (const [k, v] of Object.entries(input)) if (!(k in fields)) out[k] = v; // the schema check reports them
  return carryMark(input, out);
}

/** The message of a quantity that does not parse: the value and the API server's words (reference §2.4). */
export function quantityMessage(value: unknown, error: string): string {
  return `invalid quantity ${JSON.stringify(String(value))}: ${error}`;
}

/**
 * A quantity as Go writes it; `stored`: a ResourceList entry, which the API server rounds up to
 * milli before storing (so the rendered object is what the cluster keeps, and shows no drift).
 */
function quantity(value: unknown, path: FieldPath, problem: QuantityProblem, stored = false): unknown {
  if (value === undefined) return '0';
  if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
    return value; // wrong type: the schema check reports it
  }
  const p = parseQuantity(value);
  if (p.ok) return stored ? roundUpMilli(p.value).canonical : p.canonical;
  problem(path, value, p.error);
  return value;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Field `key` of the user structure `obj` (at `path` in the input), of Go type `type`, as Go
 * writes it in an `omitempty` field: undefined when absent or empty. A copy: the input is not shared.
 */
export function goField(
  obj: Record<string, any> | undefined,
  key: string,
  type: string,
  path: FieldPath,
  problem: QuantityProblem,
): any {
  const v = obj?.[key];
  if (v === undefined) return undefined;
  return normalizeGo(structuredClone(v), type, [...path, key], problem, true);
}

/**
 * A list of the pod spec as built (generated entries and user entries already checked by
 * `goField`), written as Go writes it: the last step before the object is emitted, so that
 * no empty `omitempty` field gets out, whoever made it.
 */
export function goPodField<T>(items: T[], type: '[]Volume' | '[]Container'): T[] {
  return normalizeGo(items, type, [], () => {});
}
