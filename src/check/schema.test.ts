import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/k8s.js';
import { schemaProblems } from './schema.js';

const deployment = (spec: Record<string, unknown>): K8sObject =>
  ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'ns' }, spec }) as K8sObject;

describe('schemaProblems (rule output-schema)', () => {
  it('accepts a well-formed object', () => {
    const ok = deployment({
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
    });
    expect(schemaProblems(ok)).toEqual([]);
  });

  it('reports a wrong type, an unknown field and an unknown kind as output-schema', () => {
    const bad = deployment({
      replicas: 'one',
      selector: { matchLabels: {} },
      template: { spec: { containers: [{ name: 'c', image: 'i', colour: 'red' }] } },
    });
    const problems = schemaProblems(bad);
    expect(problems.map((p) => p.rule)).toEqual(problems.map(() => 'output-schema'));
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/spec\/replicas must be integer/),
        expect.stringMatching(/colour/),
      ]),
    );
    expect(schemaProblems({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } as K8sObject)).toEqual([
      { rule: 'output-schema', message: 'no output schema for v1 Pod' },
    ]);
  });
});
