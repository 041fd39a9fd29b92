import { describe, expect, it } from 'vitest';
import { GO_TYPES, goField, goPodField, normalizeGo, quantityMessage } from './k8s-types.js';
import { QUANTITY_ERRORS } from './quantity.js';

const none = () => {
  throw new Error('no quantity problem expected');
};

describe('normalizeGo: omitempty as the Go types declare it (reference apiserver.md §3)', () => {
  it('drops an empty env value, keeps the name (no omitempty)', () => {
    expect(
      normalizeGo(
        [
          { name: 'A', value: '' },
          { name: '', value: 'x' },
        ],
        '[]EnvVar',
        [],
        none,
      ),
    ).toEqual([{ name: 'A' }, { name: '', value: 'x' }]);
  });

  it('drops empty args, command, env, ports of a container; keeps resources: {} (a struct)', () => {
    const c = {
      name: 'side',
      image: 'busybox',
      command: [],
      args: [],
      env: [],
      ports: [],
      resources: {},
      stdin: false,
      tty: false,
    };
    expect(normalizeGo(c, 'Container', [], none)).toEqual({ name: 'side', image: 'busybox', resources: {} });
  });

  it('keeps fields without omitempty even when empty: mount name and path, key, containerPort, probe port', () => {
    expect(normalizeGo({ name: '', mountPath: '', readOnly: false, subPath: '' }, 'VolumeMount', [], none)).toEqual({
      name: '',
      mountPath: '',
    });
    expect(normalizeGo({ secretKeyRef: { name: '', key: '' } }, 'EnvVarSource', [], none)).toEqual({
      secretKeyRef: { key: '' },
    });
    expect(normalizeGo({ containerPort: 0, hostPort: 0, name: '' }, 'ContainerPort', [], none)).toEqual({
      containerPort: 0,
    });
    expect(normalizeGo({ httpGet: { port: 0, path: '' }, initialDelaySeconds: 0 }, 'Probe', [], none)).toEqual({
      httpGet: { port: 0 },
    });
  });

  it('keeps a pointer to a zero value, drops a nil pointer', () => {
    expect(
      normalizeGo({ secretName: 's', optional: false, defaultMode: 0, items: [] }, 'SecretVolumeSource', [], none),
    ).toEqual({
      secretName: 's',
      defaultMode: 0,
      optional: false,
    });
    expect(
      normalizeGo(
        { runAsUser: 0, privileged: null, capabilities: { add: [], drop: ['ALL'] } },
        'SecurityContext',
        [],
        none,
      ),
    ).toEqual({
      capabilities: { drop: ['ALL'] },
      runAsUser: 0,
    });
    expect(normalizeGo({ name: 'v', emptyDir: {} }, 'Volume', [], none)).toEqual({ name: 'v', emptyDir: {} });
  });

  it('writes a non-omitempty slice that is null as null, and a nil pointer without omitempty as null', () => {
    expect(normalizeGo({ sources: null }, 'ProjectedVolumeSource', [], none)).toEqual({ sources: null });
    expect(normalizeGo({ port: 9000, service: null }, 'GRPCAction', [], none)).toEqual({ port: 9000, service: null });
  });

  it('reads null in a scalar field without omitempty as the zero value', () => {
    expect(normalizeGo({ key: null, path: 'p' }, 'KeyToPath', [], none)).toEqual({ key: '', path: 'p' });
    expect(normalizeGo({ resources: null, name: 'c' }, 'Container', [], none)).toEqual({ name: 'c', resources: {} });
  });

  it('writes struct fields in Go declaration order, unknown keys after them', () => {
    const out = normalizeGo({ mountPath: '/m', zzz: 1, readOnly: true, name: 'n' }, 'VolumeMount', [], none);
    expect(Object.keys(out)).toEqual(['name', 'readOnly', 'mountPath', 'zzz']);
  });

  it('canonicalises every quantity: resources, emptyDir sizeLimit, divisor; map keys sorted', () => {
    const c = normalizeGo(
      {
        name: 'c',
        resources: { requests: { memory: '1.5Gi', cpu: 0.5 }, limits: { 'ephemeral-storage': '2048Mi', cpu: 2 } },
      },
      'Container',
      [],
      none,
    );
    expect(JSON.stringify(c.resources)).toBe(
      '{"limits":{"cpu":"2","ephemeral-storage":"2Gi"},"requests":{"cpu":"500m","memory":"1536Mi"}}',
    );
    expect(normalizeGo({ name: 'v', emptyDir: { sizeLimit: '1000Mi', medium: '' } }, 'Volume', [], none)).toEqual({
      name: 'v',
      emptyDir: { sizeLimit: '1000Mi' },
    });
    expect(normalizeGo({ name: 'v', emptyDir: { sizeLimit: '1024Mi' } }, 'Volume', [], none).emptyDir.sizeLimit).toBe(
      '1Gi',
    );
    const env = normalizeGo(
      { name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1048576' } } },
      'EnvVar',
      [],
      none,
    );
    expect(env.valueFrom.resourceFieldRef.divisor).toBe('1048576');
    const env2 = normalizeGo(
      { name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0.001' } } },
      'EnvVar',
      [],
      none,
    );
    expect(env2.valueFrom.resourceFieldRef.divisor).toBe('1m');
  });

  it('reports an invalid quantity at its input path with the API server words, and keeps the value', () => {
    const problems: unknown[] = [];
    const out = goField(
      { resources: { limits: { cpu: '1Gb', memory: '1K' } } },
      'resources',
      'ResourceRequirements',
      ['spec', 'deployment'],
      (p, v, e) => problems.push([p, v, e]),
    );
    expect(out.limits).toEqual({ cpu: '1Gb', memory: '1K' });
    expect(problems).toEqual([
      [['spec', 'deployment', 'resources', 'limits', 'cpu'], '1Gb', QUANTITY_ERRORS.format],
      [['spec', 'deployment', 'resources', 'limits', 'memory'], '1K', QUANTITY_ERRORS.suffix],
    ]);
    expect(quantityMessage('1Gb', QUANTITY_ERRORS.format)).toBe(
      `invalid quantity "1Gb": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });

  it('goField: absent or empty is undefined; the input is not shared', () => {
    expect(goField({}, 'env', '[]EnvVar', [], none)).toBeUndefined();
    expect(goField({ args: [] }, 'args', '[]string', [], none)).toBeUndefined();
    const input = { env: [{ name: 'A', value: 'x' }] };
    const out = goField(input, 'env', '[]EnvVar', [], none);
    out[0].value = 'changed';
    expect(input.env[0]!.value).toBe('x');
  });

  it('every field type in the table names a known type', () => {
    const scalars = new Set(['string', 'int', 'bool', 'Quantity', 'StoredQuantity', 'IntOrString', 'any']);
    for (const [type, fields] of Object.entries(GO_TYPES)) {
      for (const [field, tag] of Object.entries(fields)) {
        const [t, option] = tag.split(',');
        expect(option === undefined || option === 'omitempty', `${type}.${field}`).toBe(true);
        const base = t!.replace(/^(\*|\[\]|map\[string\])+/, '');
        expect(scalars.has(base) || base in GO_TYPES, `${type}.${field}: ${t}`).toBe(true);
      }
    }
  });

  it('goPodField: the pod lists as built, generated entries included, lose their empty fields', () => {
    const containers = goPodField(
      [{ name: 'kagent', image: 'i', env: [{ name: 'KAGENT_URL', value: '' }], securityContext: null, args: [] }],
      '[]Container',
    );
    expect(containers).toEqual([{ name: 'kagent', image: 'i', env: [{ name: 'KAGENT_URL' }] }]);
    expect(goPodField([{ name: 'v', secret: { secretName: 's', items: [] } }], '[]Volume')).toEqual([
      { name: 'v', secret: { secretName: 's' } },
    ]);
  });
});

describe('container resources as stored', () => {
  it('limits and requests below milli are rounded up as the API server stores them; sizeLimit is not a ResourceList', () => {
    const container = goPodField(
      [{ name: 'c', image: 'i', resources: { limits: { cpu: '100u', memory: '1Gi' }, requests: { cpu: '0.5m' } } }],
      '[]Container',
    );
    expect(container[0]!.resources).toEqual({ limits: { cpu: '1m', memory: '1Gi' }, requests: { cpu: '1m' } });
    const volumes = goPodField([{ name: 'v', emptyDir: { sizeLimit: '100u' } }], '[]Volume');
    expect(volumes[0]!.emptyDir).toEqual({ sizeLimit: '100u' });
  });
});
