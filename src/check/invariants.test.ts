import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/k8s.js';
import { invariantProblems } from './invariants.js';

function configMapWithLabel(key: string, value = 'v'): K8sObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns', labels: { [key]: value } } };
}

describe('invariantProblems: label keys (Kubernetes IsQualifiedName)', () => {
  it.each(['app', 'app.kubernetes.io/name', 'kagent.dev/x_y.z', 'A-1'])('accepts %s, the first time and again', (key) => {
    expect(invariantProblems(configMapWithLabel(key))).toEqual([]);
    expect(invariantProblems(configMapWithLabel(key))).toEqual([]);
  });

  it.each(['a/b/c', '/name', 'Prefix.IO/name', 'name-', 'x'.repeat(64), `${'a'.repeat(254)}/n`, 'a/'])('refuses %s', (key) => {
    expect(invariantProblems(configMapWithLabel(key)).map((p) => p.rule)).toEqual(['output-label-invalid']);
  });

  it('refuses a bad value under a key it has already accepted', () => {
    expect(invariantProblems(configMapWithLabel('app', 'ok'))).toEqual([]);
    expect(invariantProblems(configMapWithLabel('app', 'not ok')).map((p) => p.rule)).toEqual(['output-label-invalid']);
  });
});
