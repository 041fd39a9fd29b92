import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/k8s.js';
import { apiServerProblems, formatPath, Key } from './apiserver.js';
import { labelValue, qualifiedName } from './k8s-validation.js';
import { compareQuantities, isWholeQuantity } from './quantity-compare.js';

type Obj = Record<string, any>;
const messages = (o: Obj) => apiServerProblems(o as K8sObject).map((p) => `${p.rule} ${p.message}`);
const deployment = (pod: Obj, extra: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'ns' },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    template: { metadata: { labels: { app: 'x' } }, spec: pod },
    ...extra,
  },
});

describe('apiServerProblems (reference apiserver.md §4, exact messages)', () => {
  it('accepts a plain Deployment', () => {
    expect(messages(deployment({ containers: [{ name: 'c', image: 'i' }] }))).toEqual([]);
  });

  it('refuses ConfigMap and Secret keys and data over 1 MiB (rule apiserver-data)', () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { 'config.json': big } };
    expect(apiServerProblems(secret as K8sObject)).toEqual([
      { rule: 'apiserver-data', path: ['data'], message: 'data: Too long: may not be more than 1048576 bytes' },
    ]);
    expect(
      messages({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        stringData: { 'config.json': big, 'bad/key': '' },
      }),
    ).toEqual([
      "apiserver-data data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'apiserver-data data: Too long: may not be more than 1048576 bytes',
    ]);
    expect(
      messages({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { '..x': 'v', big } }),
    ).toEqual([
      'apiserver-data data[..x]: Invalid value: "..x": must not start with \'..\'',
      'apiserver-data []: Too long: may not be more than 1048576 bytes',
    ]);
  });

  it('refuses annotations over 256 KiB in total, and names the largest key for the position', () => {
    const o = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'sa', annotations: { small: 'x', large: 'y'.repeat(262144) } },
    };
    expect(apiServerProblems(o as K8sObject)).toEqual([
      {
        rule: 'apiserver-annotations',
        path: ['metadata', 'annotations'],
        message: 'metadata.annotations: Too long: may not be more than 262144 bytes',
        key: 'large',
      },
    ]);
  });

  it('checks container names across containers and init containers', () => {
    const pod = {
      containers: [
        { name: 'a', image: 'i' },
        { name: 'a', image: 'i' },
      ],
      initContainers: [{ name: 'a', image: 'i' }],
    };
    expect(messages(deployment(pod))).toEqual([
      'apiserver-container-name spec.template.spec.containers[1].name: Duplicate value: "a"',
      'apiserver-container-name spec.template.spec.initContainers[0].name: Duplicate value: "a"',
    ]);
  });

  it('does not register a volume with an error, so its mounts are Not found', () => {
    const pod = {
      volumes: [{ name: 'v', secret: { secretName: 's', defaultMode: -1 } }],
      containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
    };
    expect(messages(deployment(pod))).toEqual([
      'apiserver-volume-source spec.template.spec.volumes[0].secret.defaultMode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive',
      'apiserver-volume-mount spec.template.spec.containers[0].volumeMounts[0].name: Not found: "v"',
    ]);
  });

  it('checks Service ports: names required beyond one port, DNS labels, duplicates, IANA target names', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        ports: [
          { name: 'http', port: 80, targetPort: 'a-very-long-port-name' },
          { port: 0 },
          { name: 'http', port: 81 },
        ],
      },
    };
    expect(messages(svc)).toEqual([
      'apiserver-service-port spec.ports[0].targetPort: Invalid value: "a-very-long-port-name": must be no more than 15 characters',
      'apiserver-service-port spec.ports[1].name: Required value',
      'apiserver-service-port spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'apiserver-service-port spec.ports[2].name: Duplicate value: "http"',
    ]);
  });

  it('refuses requests of a non-overcommitable resource that differ from the limit, and fractional extended resources', () => {
    const pod = {
      containers: [
        {
          name: 'c',
          image: 'i',
          resources: {
            limits: { 'example.com/gpu': '1500m', 'hugepages-2Mi': '2Mi' },
            requests: { 'hugepages-2Mi': '1Mi', memory: '-1' },
          },
        },
      ],
    };
    expect(messages(deployment(pod))).toEqual([
      'apiserver-resources spec.template.spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "1500m": must be an integer',
      'apiserver-resources spec.template.spec.containers[0].resources.requests: Invalid value: "1Mi": must be equal to hugepages-2Mi limit of 2Mi',
      'apiserver-resources spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });
});

describe('apimachinery string checks', () => {
  it('qualified names: prefix, name part, more than one slash', () => {
    expect(qualifiedName('example.com/MyName')).toEqual([]);
    expect(qualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(qualifiedName(`a/${'n'.repeat(64)}`)).toEqual(['name part must be no more than 63 bytes']);
    expect(qualifiedName('a/b/c')[0]).toMatch(
      /^a valid label key must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/,
    );
    expect(qualifiedName('')).toEqual([
      'name part must be non-empty',
      expect.stringMatching(/^name part must consist of/),
    ]);
  });

  it('label values: empty is valid, 64 bytes is not', () => {
    expect(labelValue('')).toEqual([]);
    expect(labelValue('v'.repeat(64))).toEqual(['must be no more than 63 bytes']);
  });

  it('paths print indexes and unquoted keys', () => {
    expect(formatPath(['data', new Key('my key')])).toBe('data[my key]');
    expect(formatPath(['spec', 'volumes', 2, 'name'])).toBe('spec.volumes[2].name');
    expect(formatPath([])).toBe('[]');
  });
});

describe('compareQuantities', () => {
  it.each([
    ['1', '1000m', 0],
    ['1Gi', '1073741824', 0],
    ['1.5Gi', '1536Mi', 0],
    ['2', '1', 1],
    ['100m', '0.2', -1],
    ['1e3', '1k', 0],
    ['1Ki', '1k', 1],
  ])('%s vs %s → %d', (a, b, want) => {
    expect(compareQuantities(a, b)).toBe(want);
  });

  it('gives undefined for text that is not a quantity, and tells whole numbers', () => {
    expect(compareQuantities('lots', '1')).toBeUndefined();
    expect(isWholeQuantity('2k')).toBe(true);
    expect(isWholeQuantity('1500m')).toBe(false);
  });
});

describe('apiServerProblems: pod policy fields (tolerations, security contexts, token volumes, protocols)', () => {
  const pod = (extra: Obj, container: Obj = {}) =>
    deployment({ containers: [{ name: 'c', image: 'i', ...container }], ...extra });

  it('accepts valid values of each (no false positives)', () => {
    const o = pod(
      {
        tolerations: [
          { operator: 'Exists' },
          { key: 'example.com/gpu', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
          { key: 'k', value: 'v', effect: 'PreferNoSchedule' },
        ],
        securityContext: { runAsUser: 0, fsGroup: 2147483647, supplementalGroups: [0, 1] },
        volumes: [
          { name: 'e', emptyDir: { sizeLimit: '0' } },
          { name: 't', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 600 } }] } },
        ],
      },
      {
        securityContext: { allowPrivilegeEscalation: false, privileged: false, capabilities: { add: ['NET_ADMIN'] } },
        ports: [
          { containerPort: 53, protocol: 'UDP' },
          { containerPort: 54, protocol: 'SCTP' },
        ],
        livenessProbe: { tcpSocket: { port: 53 }, terminationGracePeriodSeconds: 1 },
      },
    );
    expect(messages(o)).toEqual([]);
  });

  it('refuses what ValidateTolerations, ValidateSecurityContext and the token projection refuse', () => {
    const o = pod(
      {
        tolerations: [
          { key: '', operator: 'Equal' },
          { key: 'k', operator: 'Exists', value: 'v' },
          { key: 'k', tolerationSeconds: 5 },
          { key: 'k', operator: 'In' },
        ],
        securityContext: { runAsGroup: -1 },
        volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 2 ** 33 } }] } }],
      },
      {
        securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } },
        readinessProbe: { exec: { command: ['x'] }, terminationGracePeriodSeconds: 0 },
      },
    );
    expect(messages(o)).toEqual([
      'apiserver-volume-source spec.template.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 8589934592: may not specify a duration larger than 2^32 seconds',
      'apiserver-volume-source spec.template.spec.volumes[0].projected.path: Required value',
      'apiserver-probe spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 0: must not be set for readinessProbes',
      'apiserver-probe spec.template.spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0',
      'apiserver-security-context spec.template.spec.containers[0].securityContext: Invalid value: {"allowPrivilegeEscalation":false,"capabilities":{"add":["CAP_SYS_ADMIN"]}}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
      'apiserver-security-context spec.template.spec.securityContext.runAsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      'apiserver-tolerations spec.template.spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'apiserver-tolerations spec.template.spec.tolerations[1].operator: Invalid value: {"key":"k","operator":"Exists","value":"v"}: value must be empty when `operator` is \'Exists\'',
      'apiserver-tolerations spec.template.spec.tolerations[2].effect: Invalid value: "": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'apiserver-tolerations spec.template.spec.tolerations[3].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
    ]);
  });
});
