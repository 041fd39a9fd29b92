import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/k8s.js';
import { markFrom, markItemsFrom } from '../model/provenance.js';
import type { FieldPath, InputObject, Origin } from '../model/source.js';
import { Key, type OutPath } from './apiserver.js';
import { locate } from './locate.js';

/** An origin whose positions spell the path they were asked for, in a file named after it. */
const origin = (file: string): Origin => ({
  file,
  index: 0,
  at: (p: FieldPath) => ({ file: `${file}:${p.join('.')}`, line: 1, col: 1 }),
});
const where = (o: K8sObject, path: OutPath, source: InputObject, key?: string) => locate(o, path, source, key).file;

function agent(body: Record<string, unknown> = {}): InputObject {
  return {
    apiVersion: 'kagent.dev/v1alpha2',
    kind: 'Agent',
    namespace: 'ns',
    name: 'a',
    origin: origin('agent'),
    body: { metadata: { name: 'a' }, spec: { type: 'Declarative', declarative: {} }, ...body },
  };
}

describe('locate: the input line of an output field', () => {
  it('follows the deepest mark and appends the rest of the path to a copy', () => {
    const volumes = markItemsFrom([{ name: 'x' }, { name: 'y' }], origin('agent'), [
      'spec',
      'declarative',
      'deployment',
      'volumes',
    ])!;
    const o = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a' },
      spec: { template: { spec: { volumes: [{ name: 'config' }, ...volumes] } } },
    } as K8sObject;
    expect(where(o, ['spec', 'template', 'spec', 'volumes', 2, 'name'], agent())).toBe(
      'agent:spec.declarative.deployment.volumes.1.name',
    );
  });

  it('points at the field a derived node was made from, not below it', () => {
    const volume = markFrom({ name: 'mcp-tls-x', secret: { secretName: 'X' } }, origin('server'), [
      'spec',
      'httpTransport',
      'tls',
      'secretRef',
    ]);
    const o = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a' },
      spec: { template: { spec: { volumes: [volume] } } },
    } as K8sObject;
    expect(where(o, ['spec', 'template', 'spec', 'volumes', 0, 'secret', 'secretName'], agent())).toBe(
      'server:spec.httpTransport.tls.secretRef',
    );
  });

  it('finds a label key in the input, or metadata.name when the value is the object name', () => {
    const o = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'a', labels: { 'bad key': 'v', kagent: 'a' } },
    } as K8sObject;
    const source = agent({
      metadata: { name: 'a', annotations: {} },
      spec: { type: 'Declarative', declarative: { deployment: { labels: { 'bad key': 'v' } } } },
    });
    expect(where(o, ['metadata', 'labels'], source, 'bad key')).toBe(
      'agent:spec.declarative.deployment.labels.bad key',
    );
    expect(where(o, ['metadata', 'labels'], source, 'kagent')).toBe('agent:metadata.name');
  });

  it('falls back to the field the controller copies, then to the deployment block', () => {
    const o = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a' },
      spec: { replicas: -1 },
    } as K8sObject;
    expect(where(o, ['spec', 'replicas'], agent())).toBe('agent:spec.declarative.deployment.replicas');
    expect(where(o, ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, new Key('x')], agent())).toBe(
      'agent:spec.declarative.deployment',
    );
  });
});
