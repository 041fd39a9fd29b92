/**
 * The API server's validation of what this tool emits (reference apiserver.md §4: ObjectMeta,
 * Deployment, pod template and PodSpec, Service, ConfigMap, Secret, ServiceAccount), the
 * checks that can fail for objects built from user fields, worded as the API server words
 * them (`<path>: <Type>: <value>: <detail>`). Defaults the API server applies before
 * validating (protocol TCP, defaultMode 420, ...) make some checks unreachable; they are left out.
 */
import type { RuleId } from '../diagnostics/rules.js';
import type { K8sObject } from '../model/k8s.js';
import { compareQuantities, isWholeQuantity } from './quantity-compare.js';
import {
  configKey,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  errorBody,
  type ErrorType,
  FILE_MODE_MSG,
  labelValue,
  portName,
  portNumber,
  qualifiedName,
  relaxedEnvVarName,
} from './k8s-validation.js';

type Obj = Record<string, any>;

/** A map key in a field path: printed `[key]`, unquoted (field.Path.Key). */
export class Key {
  constructor(readonly key: string) {}
}
export type OutPath = ReadonlyArray<string | number | Key>;

export interface ApiProblem {
  rule: RuleId;
  /** Output path of the offending field. */
  path: OutPath;
  /** `<path>: <Type>[: value][: detail]`. */
  message: string;
  /** For label/annotation problems (reported without the key), the key, to find the input line. */
  key?: string;
  /** Where the field really is, when the API server reports another path (template labels). */
  at?: OutPath;
}

export function formatPath(path: OutPath): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (p instanceof Key) s += `[${p.key}]`;
    else s += s === '' ? p : `.${p}`;
  }
  return s === '' ? '[]' : s;
}

class Problems {
  readonly list: ApiProblem[] = [];
  /** Where the fields being checked really are, when it differs from the reported path (see `at`). */
  realPath: OutPath | undefined;
  add(rule: RuleId, path: OutPath, type: ErrorType, value?: unknown, detail?: string, key?: string): void {
    const p: ApiProblem = { rule, path, message: `${formatPath(path)}: ${errorBody(type, value, detail)}` };
    if (key !== undefined) p.key = key;
    if (this.realPath) p.at = this.realPath;
    this.list.push(p);
  }
  invalid(rule: RuleId, path: OutPath, value: unknown, messages: string[], key?: string): void {
    for (const m of messages) this.add(rule, path, 'Invalid value', value, m, key);
  }
  /** How many problems the API server itself would report (not the product's lints). */
  apiServerErrors(): number {
    return this.list.filter((p) => p.rule.startsWith('apiserver-')).length;
  }
  /** Runs `check` with problems located at `real` while reported as the API server reports them. */
  reportedElsewhere(real: OutPath, check: () => void): void {
    this.realPath = real;
    check();
    this.realPath = undefined;
  }
}

const ANNOTATIONS_MAX = 256 * 1024;
const DATA_MAX = 1024 * 1024;

export function apiServerProblems(o: K8sObject): ApiProblem[] {
  const ps = new Problems();
  const name = o.metadata.name;
  const nameProblems = o.kind === 'Service' ? dns1035Label(name) : dns1123Subdomain(name);
  ps.invalid('apiserver-name', ['metadata', 'name'], name, nameProblems);
  labels(ps, o.metadata.labels, ['metadata', 'labels']);
  annotations(ps, o.metadata.annotations, ['metadata', 'annotations']);
  const spec: Obj | undefined = (o as Obj).spec;
  if (o.kind === 'Deployment' && spec) deployment(ps, spec);
  if (o.kind === 'Service' && spec) service(ps, spec);
  if (o.kind === 'ConfigMap' || o.kind === 'Secret') data(ps, o as Obj);
  return ps.list;
}

function labels(ps: Problems, m: Record<string, string> | undefined, path: OutPath): void {
  for (const [k, v] of Object.entries(m ?? {})) {
    ps.invalid('apiserver-labels', path, k, qualifiedName(k), k);
    ps.invalid('apiserver-labels', path, v, labelValue(String(v)), k);
  }
}

function annotations(ps: Problems, m: Record<string, string> | undefined, path: OutPath): void {
  let size = 0;
  for (const [k, v] of Object.entries(m ?? {})) {
    // Checked lowercased: an upper-case prefix is allowed in annotation keys.
    ps.invalid('apiserver-annotations', path, k, qualifiedName(k.toLowerCase()), k);
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > ANNOTATIONS_MAX) {
    // Point at the largest entry: the one to shorten.
    const largest = Object.entries(m ?? {}).sort(
      (a, b) => b[1].length + b[0].length - (a[1].length + a[0].length),
    )[0]?.[0];
    ps.add(
      'apiserver-annotations',
      path,
      'Too long',
      undefined,
      `may not be more than ${ANNOTATIONS_MAX} bytes`,
      largest,
    );
  }
}

function deployment(ps: Problems, spec: Obj): void {
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    ps.add(
      'apiserver-replicas',
      ['spec', 'replicas'],
      'Invalid value',
      spec.replicas,
      'must be greater than or equal to 0',
    );
  }
  const selector: Record<string, string> = spec.selector?.matchLabels ?? {};
  labels(ps, selector, ['spec', 'selector', 'matchLabels']);
  const template: Obj = spec.template ?? {};
  const templateLabels: Record<string, string> = template.metadata?.labels ?? {};
  if (Object.entries(selector).some(([k, v]) => templateLabels[k] !== v)) {
    const key = Object.keys(selector).find((k) => templateLabels[k] !== selector[k]);
    ps.add(
      'apiserver-labels',
      ['spec', 'template', 'metadata', 'labels'],
      'Invalid value',
      templateLabels,
      '`selector` does not match template `labels`',
      key,
    );
  }
  // Quirk of ValidatePodTemplateSpec: template labels and annotations are reported without `.metadata`.
  ps.reportedElsewhere(['spec', 'template', 'metadata', 'labels'], () =>
    labels(ps, templateLabels, ['spec', 'template', 'labels']),
  );
  ps.reportedElsewhere(['spec', 'template', 'metadata', 'annotations'], () =>
    annotations(ps, template.metadata?.annotations, ['spec', 'template', 'annotations']),
  );
  if (template.spec) podSpec(ps, template.spec, ['spec', 'template', 'spec']);
}

function podSpec(ps: Problems, spec: Obj, P: OutPath): void {
  const volumes = podVolumes(ps, asList(spec.volumes), [...P, 'volumes']);
  const names = new Set<string>();
  containers(ps, asList(spec.containers), [...P, 'containers'], volumes, names);
  containers(ps, asList(spec.initContainers), [...P, 'initContainers'], volumes, names);
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') {
    ps.invalid(
      'apiserver-service-account-name',
      [...P, 'serviceAccountName'],
      spec.serviceAccountName,
      dns1123Subdomain(spec.serviceAccountName),
    );
  }
  labels(ps, spec.nodeSelector, [...P, 'nodeSelector']);
  podSecurityContext(ps, spec.securityContext, [...P, 'securityContext']);
  tolerations(ps, asList(spec.tolerations), [...P, 'tolerations']);
}

/** IsValidUserID / IsValidGroupID. */
const ID_RANGE_MSG = 'must be between 0 and 2147483647, inclusive';
function id(ps: Problems, v: unknown, at: OutPath): void {
  if (typeof v === 'number' && (v < 0 || v > 2147483647))
    ps.add('apiserver-security-context', at, 'Invalid value', v, ID_RANGE_MSG);
}

/** The pod-level ids of validatePodSpecSecurityContext. */
function podSecurityContext(ps: Problems, sc: Obj | undefined, at: OutPath): void {
  if (!sc || typeof sc !== 'object') return;
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) id(ps, sc[f], [...at, f]);
  asList(sc.supplementalGroups).forEach((_, i) => id(ps, sc.supplementalGroups[i], [...at, 'supplementalGroups', i]));
}

/** ValidateSecurityContext (container level): ids, and allowPrivilegeEscalation false with privileged or CAP_SYS_ADMIN. */
function securityContext(ps: Problems, sc: Obj | undefined, at: OutPath): void {
  if (!sc || typeof sc !== 'object') return;
  id(ps, sc.runAsUser, [...at, 'runAsUser']);
  id(ps, sc.runAsGroup, [...at, 'runAsGroup']);
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      ps.add(
        'apiserver-security-context',
        at,
        'Invalid value',
        sc,
        'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
      );
    }
    for (const cap of Array.isArray(sc.capabilities?.add) ? sc.capabilities.add : []) {
      if (cap === 'CAP_SYS_ADMIN') {
        ps.add(
          'apiserver-security-context',
          at,
          'Invalid value',
          sc,
          'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
        );
      }
    }
  }
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const supported = (values: string[]) => `supported values: ${values.map((v) => `"${v}"`).join(', ')}`;

/** ValidateTolerations. */
function tolerations(ps: Problems, list: Obj[], path: OutPath): void {
  list.forEach((t, i) => {
    const at = [...path, i];
    const key = typeof t.key === 'string' ? t.key : '';
    const operator = typeof t.operator === 'string' ? t.operator : '';
    const value = typeof t.value === 'string' ? t.value : '';
    const effect = typeof t.effect === 'string' ? t.effect : '';
    if (key !== '') ps.invalid('apiserver-tolerations', [...at, 'key'], key, qualifiedName(key));
    if (key === '' && operator !== 'Exists') {
      ps.add(
        'apiserver-tolerations',
        [...at, 'operator'],
        'Invalid value',
        operator,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      );
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      ps.add(
        'apiserver-tolerations',
        [...at, 'effect'],
        'Invalid value',
        effect,
        "effect must be 'NoExecute' when `tolerationSeconds` is set",
      );
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = labelValue(value);
      if (msgs.length > 0) ps.add('apiserver-tolerations', [...at, 'operator'], 'Invalid value', value, msgs.join(';'));
    } else if (operator === 'Exists') {
      if (value !== '')
        ps.add(
          'apiserver-tolerations',
          [...at, 'operator'],
          'Invalid value',
          t,
          "value must be empty when `operator` is 'Exists'",
        );
    } else
      ps.add(
        'apiserver-tolerations',
        [...at, 'operator'],
        'Unsupported value',
        operator,
        supported(['Equal', 'Exists']),
      );
    if (effect !== '' && !TAINT_EFFECTS.includes(effect))
      ps.add('apiserver-tolerations', [...at, 'effect'], 'Unsupported value', effect, supported(TAINT_EFFECTS));
  });
}

/** Volume sources in validateVolumeSource's order, with the path names it uses (`downwarAPI` sic). */
const VOLUME_TYPES: Array<[string, string]> = [
  ['hostPath', 'hostPath'],
  ['emptyDir', 'emptyDir'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flexVolume', 'flexVolume'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['configMap', 'configMap'],
  ['scaleIO', 'scaleIO'],
  ['projected', 'projected'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

/** ValidateVolumes; returns the names registered (a volume with any error is not). */
function podVolumes(ps: Problems, volumes: Obj[], path: OutPath): Set<string> {
  const registered = new Set<string>();
  volumes.forEach((v, i) => {
    const at = [...path, i];
    const before = ps.apiServerErrors();
    volumeSource(ps, v, at);
    const name = typeof v.name === 'string' ? v.name : '';
    if (name === '') ps.add('apiserver-volume-name', [...at, 'name'], 'Required value');
    else ps.invalid('apiserver-volume-name', [...at, 'name'], name, dns1123Label(name));
    if (registered.has(name)) ps.add('apiserver-volume-name', [...at, 'name'], 'Duplicate value', name);
    if (ps.apiServerErrors() === before) registered.add(name);
  });
  return registered;
}

function volumeSource(ps: Problems, v: Obj, at: OutPath): void {
  let types = 0;
  for (const [field, pathName] of VOLUME_TYPES) {
    if (v[field] === undefined || v[field] === null) continue;
    types++;
    if (types > 1)
      ps.add(
        'apiserver-volume-source',
        [...at, pathName],
        'Forbidden',
        undefined,
        'may not specify more than 1 volume type',
      );
  }
  if (v.secret) {
    if (!v.secret.secretName) ps.add('apiserver-volume-source', [...at, 'secret', 'secretName'], 'Required value');
    else refName(ps, 'Secret', v.secret.secretName, [...at, 'secret', 'secretName']);
    modeAndItems(ps, v.secret, [...at, 'secret']);
  }
  if (v.configMap) {
    if (!v.configMap.name) ps.add('apiserver-volume-source', [...at, 'configMap', 'name'], 'Required value');
    else refName(ps, 'ConfigMap', v.configMap.name, [...at, 'configMap', 'name']);
    modeAndItems(ps, v.configMap, [...at, 'configMap']);
  }
  if (v.emptyDir && v.emptyDir.sizeLimit !== undefined && v.emptyDir.sizeLimit !== null) {
    const sign = compareQuantities(String(v.emptyDir.sizeLimit), '0');
    if (sign !== undefined && sign < 0)
      ps.add(
        'apiserver-volume-source',
        [...at, 'emptyDir', 'sizeLimit'],
        'Forbidden',
        undefined,
        'SizeLimit field must be a valid resource quantity',
      );
  }
  if (v.downwardAPI) fileMode(ps, v.downwardAPI.defaultMode, [...at, 'downwardAPI', 'defaultMode']);
  if (v.projected) {
    fileMode(ps, v.projected.defaultMode, [...at, 'projected', 'defaultMode']);
    asList(v.projected.sources).forEach((s, j) => {
      const sp = [...at, 'projected', 'sources', j];
      for (const kind of ['secret', 'configMap'] as const) {
        if (!s[kind]) continue;
        if (!s[kind].name) ps.add('apiserver-volume-source', [...sp, kind, 'name'], 'Required value');
        else refName(ps, kind === 'secret' ? 'Secret' : 'ConfigMap', s[kind].name, [...sp, kind, 'name']);
        items(ps, s[kind].items, [...sp, kind, 'items']);
      }
      const token: Obj | undefined = s.serviceAccountToken;
      if (token && typeof token === 'object') {
        // expirationSeconds is defaulted to 3600 only when absent.
        const tp = [...sp, 'serviceAccountToken', 'expirationSeconds'];
        const exp = token.expirationSeconds;
        if (typeof exp === 'number' && exp < 600)
          ps.add(
            'apiserver-volume-source',
            tp,
            'Invalid value',
            exp,
            'may not specify a duration less than 10 minutes',
          );
        if (typeof exp === 'number' && exp > 2 ** 32)
          ps.add(
            'apiserver-volume-source',
            tp,
            'Invalid value',
            exp,
            'may not specify a duration larger than 2^32 seconds',
          );
        // Reported at projected.path (sic), as upstream passes the volume's path.
        if (!token.path) ps.add('apiserver-volume-source', [...at, 'projected', 'path'], 'Required value');
      }
    });
  }
}

/**
 * Product lint (not the API server's: it checks only that the name is set): a Secret or
 * ConfigMap that a volume names must be able to exist, so its name must be a DNS-1123 subdomain.
 */
function refName(ps: Problems, kind: 'Secret' | 'ConfigMap', name: unknown, at: OutPath): void {
  const msgs = dns1123Subdomain(String(name));
  if (msgs.length > 0)
    ps.add('ref-name-invalid', at, 'Invalid value', String(name), `${msgs.join('; ')}; no ${kind} can have this name`);
}

function modeAndItems(ps: Problems, source: Obj, at: OutPath): void {
  fileMode(ps, source.defaultMode, [...at, 'defaultMode']);
  items(ps, source.items, [...at, 'items']);
}

function items(ps: Problems, list: unknown, at: OutPath): void {
  asList(list).forEach((kp, i) => {
    const ip = [...at, i];
    if (!kp.key) ps.add('apiserver-volume-source', [...ip, 'key'], 'Required value');
    const p = typeof kp.path === 'string' ? kp.path : '';
    if (p === '') ps.add('apiserver-volume-source', [...ip, 'path'], 'Required value');
    else {
      localPath(ps, 'apiserver-volume-source', p, [...ip, 'path']);
      if (p.startsWith('..') && !p.startsWith('../'))
        ps.add('apiserver-volume-source', [...ip, 'path'], 'Invalid value', p, "must not start with '..'");
    }
    fileMode(ps, kp.mode, [...ip, 'mode']);
  });
}

function fileMode(ps: Problems, mode: unknown, at: OutPath): void {
  if (typeof mode === 'number' && (mode < 0 || mode > 0o777))
    ps.add('apiserver-volume-source', at, 'Invalid value', mode, FILE_MODE_MSG);
}

/** validateLocalDescendingPath: relative, no `..` element. */
function localPath(ps: Problems, rule: RuleId, p: string, at: OutPath): void {
  if (p.startsWith('/')) ps.add(rule, at, 'Invalid value', p, 'must be a relative path');
  if (p.split('/').includes('..')) ps.add(rule, at, 'Invalid value', p, "must not contain '..'");
}

function containers(ps: Problems, list: Obj[], path: OutPath, volumes: Set<string>, names: Set<string>): void {
  list.forEach((c, i) => {
    const at = [...path, i];
    const name = typeof c.name === 'string' ? c.name : '';
    if (name === '') ps.add('apiserver-container-name', [...at, 'name'], 'Required value');
    else ps.invalid('apiserver-container-name', [...at, 'name'], name, dns1123Label(name));
    if (name !== '' && names.has(name)) ps.add('apiserver-container-name', [...at, 'name'], 'Duplicate value', name);
    names.add(name);
    if (!c.image) ps.add('apiserver-container-image', [...at, 'image'], 'Required value');
    if (
      typeof c.imagePullPolicy === 'string' &&
      c.imagePullPolicy !== '' &&
      !PULL_POLICIES.includes(c.imagePullPolicy)
    ) {
      ps.add(
        'apiserver-container-image',
        [...at, 'imagePullPolicy'],
        'Unsupported value',
        c.imagePullPolicy,
        `supported values: ${PULL_POLICIES.map((v) => `"${v}"`).join(', ')}`,
      );
    }
    for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'])
      if (c[kind]) probe(ps, c[kind], kind, [...at, kind]);
    containerPorts(ps, asList(c.ports), [...at, 'ports']);
    env(ps, asList(c.env), [...at, 'env']);
    envFrom(ps, asList(c.envFrom), [...at, 'envFrom']);
    mounts(ps, asList(c.volumeMounts), [...at, 'volumeMounts'], volumes);
    if (c.resources) resources(ps, c.resources, [...at, 'resources']);
    securityContext(ps, c.securityContext, [...at, 'securityContext']);
  });
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** validateProbe and validateHandler, with the liveness/startup and readiness rules of validateContainerCommon. */
function probe(ps: Problems, p: Obj, kind: string, at: OutPath): void {
  const handlers = PROBE_HANDLERS.filter((h) => p[h]);
  if (handlers.length === 0) ps.add('apiserver-probe', at, 'Required value', undefined, 'must specify a handler type');
  for (const h of handlers.slice(1))
    ps.add('apiserver-probe', [...at, h], 'Forbidden', undefined, 'may not specify more than 1 handler type');
  for (const field of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    if (typeof p[field] === 'number' && p[field] < 0)
      ps.add('apiserver-probe', [...at, field], 'Invalid value', p[field], 'must be greater than or equal to 0');
  }
  if (
    kind !== 'readinessProbe' &&
    typeof p.successThreshold === 'number' &&
    p.successThreshold !== 0 &&
    p.successThreshold !== 1
  ) {
    ps.add('apiserver-probe', [...at, 'successThreshold'], 'Invalid value', p.successThreshold, 'must be 1');
  }
  if (
    kind === 'readinessProbe' &&
    p.terminationGracePeriodSeconds !== undefined &&
    p.terminationGracePeriodSeconds !== null
  ) {
    ps.add(
      'apiserver-probe',
      [...at, 'terminationGracePeriodSeconds'],
      'Invalid value',
      p.terminationGracePeriodSeconds,
      'must not be set for readinessProbes',
    );
  }
  const grace = p.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0)
    ps.add(
      'apiserver-probe',
      [...at, 'terminationGracePeriodSeconds'],
      'Invalid value',
      grace,
      'must be greater than 0',
    );
  for (const h of ['httpGet', 'tcpSocket', 'grpc']) {
    const port = p[h]?.port;
    if (typeof port === 'number') ps.invalid('apiserver-probe', [...at, h, 'port'], port, portNumber(port));
    else if (typeof port === 'string') ps.invalid('apiserver-probe', [...at, h, 'port'], port, portName(port));
  }
}

function containerPorts(ps: Problems, ports: Obj[], path: OutPath): void {
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = [...path, i];
    if (typeof p.name === 'string' && p.name !== '') {
      const msgs = portName(p.name);
      if (msgs.length > 0) ps.invalid('apiserver-container-port', [...at, 'name'], p.name, msgs);
      else if (names.has(p.name)) ps.add('apiserver-container-port', [...at, 'name'], 'Duplicate value', p.name);
      else names.add(p.name);
    }
    if (!p.containerPort) ps.add('apiserver-container-port', [...at, 'containerPort'], 'Required value');
    else ps.invalid('apiserver-container-port', [...at, 'containerPort'], p.containerPort, portNumber(p.containerPort));
    if (p.hostPort) ps.invalid('apiserver-container-port', [...at, 'hostPort'], p.hostPort, portNumber(p.hostPort));
    // An empty protocol is defaulted to TCP.
    if (typeof p.protocol === 'string' && p.protocol !== '' && !PORT_PROTOCOLS.includes(p.protocol)) {
      ps.add(
        'apiserver-container-port',
        [...at, 'protocol'],
        'Unsupported value',
        p.protocol,
        supported(PORT_PROTOCOLS),
      );
    }
  });
}

function env(ps: Problems, vars: Obj[], path: OutPath): void {
  vars.forEach((e, i) => {
    const at = [...path, i];
    const name = typeof e.name === 'string' ? e.name : '';
    if (name === '') ps.add('apiserver-env', [...at, 'name'], 'Required value');
    else ps.invalid('apiserver-env', [...at, 'name'], name, relaxedEnvVarName(name));
    const from: Obj | undefined = e.valueFrom;
    if (!from) return;
    const vp = [...at, 'valueFrom'];
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => from[k]);
    if (sources.length === 0)
      ps.add(
        'apiserver-env',
        vp,
        'Invalid value',
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      );
    else if (typeof e.value === 'string' && e.value !== '')
      ps.add('apiserver-env', vp, 'Invalid value', '', 'may not be specified when `value` is not empty');
    else if (sources.length > 1)
      ps.add('apiserver-env', vp, 'Invalid value', '', 'may not have more than one field specified at a time');
    for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
      const ref: Obj | undefined = from[kind];
      if (!ref) continue;
      const refName = typeof ref.name === 'string' ? ref.name : '';
      ps.invalid('apiserver-env', [...vp, kind, 'name'], refName, dns1123Subdomain(refName));
      if (!ref.key) ps.add('apiserver-env', [...vp, kind, 'key'], 'Required value');
      else ps.invalid('apiserver-env', [...vp, kind, 'key'], ref.key, configKey(String(ref.key)));
    }
  });
}

function envFrom(ps: Problems, list: Obj[], path: OutPath): void {
  list.forEach((e, i) => {
    const at = [...path, i];
    if (typeof e.prefix === 'string' && e.prefix !== '')
      ps.invalid('apiserver-env', [...at, 'prefix'], e.prefix, relaxedEnvVarName(e.prefix));
    const refs = (['configMapRef', 'secretRef'] as const).filter((k) => e[k]);
    for (const kind of refs) {
      const n = typeof e[kind].name === 'string' ? (e[kind].name as string) : '';
      // A trailing '-' is tolerated here (the name is checked as a prefix).
      const masked = n.length > 1 && n.endsWith('-') ? `${n.slice(0, -1)}a` : n;
      if (n === '') ps.add('apiserver-env', [...at, kind, 'name'], 'Required value');
      else ps.invalid('apiserver-env', [...at, kind, 'name'], n, dns1123Subdomain(masked));
    }
    if (refs.length === 0)
      ps.add('apiserver-env', path, 'Invalid value', '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (refs.length > 1)
      ps.add('apiserver-env', path, 'Invalid value', '', 'may not have more than one field specified at a time');
  });
}

function mounts(ps: Problems, list: Obj[], path: OutPath, volumes: Set<string>): void {
  const points = new Set<string>();
  list.forEach((m, i) => {
    const at = [...path, i];
    const name = typeof m.name === 'string' ? m.name : '';
    if (name === '') ps.add('apiserver-volume-mount', [...at, 'name'], 'Required value');
    if (!volumes.has(name)) ps.add('apiserver-volume-mount', [...at, 'name'], 'Not found', name);
    const mountPath = typeof m.mountPath === 'string' ? m.mountPath : '';
    if (mountPath === '') ps.add('apiserver-volume-mount', [...at, 'mountPath'], 'Required value');
    if (points.has(mountPath))
      ps.add('apiserver-volume-mount', [...at, 'mountPath'], 'Invalid value', mountPath, 'must be unique');
    points.add(mountPath);
    // The subPath errors carry the list path without an index (upstream passes fldPath).
    if (typeof m.subPath === 'string' && m.subPath !== '') {
      ps.reportedElsewhere([...at, 'subPath'], () =>
        localPath(ps, 'apiserver-volume-mount', m.subPath, [...path, 'subPath']),
      );
    }
    if (typeof m.subPathExpr === 'string' && m.subPathExpr !== '') {
      if (typeof m.subPath === 'string' && m.subPath !== '') {
        ps.add(
          'apiserver-volume-mount',
          [...at, 'subPathExpr'],
          'Invalid value',
          m.subPathExpr,
          'subPathExpr and subPath are mutually exclusive',
        );
      }
      ps.reportedElsewhere([...at, 'subPathExpr'], () =>
        localPath(ps, 'apiserver-volume-mount', m.subPathExpr, [...path, 'subPathExpr']),
      );
    }
  });
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (r: string) => r.startsWith('hugepages-');
const isNative = (r: string) => !r.includes('/') || r.includes('kubernetes.io/');
/** IsOvercommitAllowed: native resources except huge pages. */
const overcommitAllowed = (r: string) => isNative(r) && !isHugePages(r);

/** ValidateContainerResourceRequirements; quantities are already in canonical form. */
function resources(ps: Problems, r: Obj, path: OutPath): void {
  const limits: Record<string, unknown> = r.limits ?? {};
  const requests: Record<string, unknown> = r.requests ?? {};
  const quantity = (list: Record<string, unknown>, kind: string, res: string) => {
    const at = [...path, kind, new Key(res)];
    if (!res.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(res) && !isHugePages(res)) {
      ps.add('apiserver-resources', at, 'Invalid value', res, 'must be a standard resource for containers');
    }
    const q = String(list[res]);
    const sign = compareQuantities(q, '0');
    if (sign !== undefined && sign < 0)
      ps.add('apiserver-resources', at, 'Invalid value', q, 'must be greater than or equal to 0');
    else if (!isNative(res) && isWholeQuantity(q) === false) {
      ps.add('apiserver-resources', at, 'Invalid value', q, 'must be an integer');
    }
  };
  for (const res of Object.keys(limits)) quantity(limits, 'limits', res);
  for (const res of Object.keys(requests)) {
    quantity(requests, 'requests', res);
    const req = String(requests[res]);
    if (res in limits) {
      const lim = String(limits[res]);
      const c = compareQuantities(req, lim);
      if (c === undefined) continue;
      if (c !== 0 && !overcommitAllowed(res))
        ps.add(
          'apiserver-resources',
          [...path, 'requests'],
          'Invalid value',
          req,
          `must be equal to ${res} limit of ${lim}`,
        );
      else if (c > 0)
        ps.add(
          'apiserver-resources',
          [...path, 'requests'],
          'Invalid value',
          req,
          `must be less than or equal to ${res} limit of ${lim}`,
        );
    } else if (!overcommitAllowed(res)) {
      ps.add(
        'apiserver-resources',
        [...path, 'limits'],
        'Required value',
        undefined,
        'Limit must be set for non overcommitable resources',
      );
    }
  }
}

function service(ps: Problems, spec: Obj): void {
  const ports = asList(spec.ports);
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const at = ['spec', 'ports', i];
    const name = typeof p.name === 'string' ? p.name : '';
    if (ports.length > 1 && name === '') ps.add('apiserver-service-port', [...at, 'name'], 'Required value');
    if (name !== '') {
      ps.invalid('apiserver-service-port', [...at, 'name'], name, dns1123Label(name));
      if (names.has(name)) ps.add('apiserver-service-port', [...at, 'name'], 'Duplicate value', name);
      names.add(name);
    }
    ps.invalid('apiserver-service-port', [...at, 'port'], p.port, portNumber(Number(p.port)));
    const target = p.targetPort;
    if (typeof target === 'number' && target !== 0)
      ps.invalid('apiserver-service-port', [...at, 'targetPort'], target, portNumber(target));
    if (typeof target === 'string' && target !== '')
      ps.invalid('apiserver-service-port', [...at, 'targetPort'], target, portName(target));
    const key = `${p.protocol ?? 'TCP'}/${p.port}`;
    if (seen.has(key))
      ps.add('apiserver-service-port', at, 'Duplicate value', { port: p.port, protocol: p.protocol ?? 'TCP' });
    seen.add(key);
  });
  labels(ps, spec.selector, ['spec', 'selector']);
}

function data(ps: Problems, o: Obj): void {
  let size = 0;
  // A Secret's stringData is merged into data before validation: every key is reported as data[key].
  for (const field of ['data', 'stringData', 'binaryData']) {
    const m: Record<string, unknown> = o[field] ?? {};
    for (const [k, v] of Object.entries(m)) {
      const reported = o.kind === 'Secret' ? 'data' : field;
      ps.invalid('apiserver-data', [reported, new Key(k)], k, configKey(k));
      const text = String(v);
      size +=
        field === 'stringData' || (field === 'data' && o.kind === 'ConfigMap')
          ? Buffer.byteLength(text)
          : Math.floor((text.length * 3) / 4);
    }
  }
  if (size > DATA_MAX)
    ps.add(
      'apiserver-data',
      o.kind === 'Secret' ? ['data'] : [],
      'Too long',
      undefined,
      `may not be more than ${DATA_MAX} bytes`,
    );
}

function asList(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map((x) => (x !== null && typeof x === 'object' ? (x as Obj) : {})) : [];
}
