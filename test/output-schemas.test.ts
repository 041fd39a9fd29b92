/**
 * Every object of every golden fixture's expected output is valid under BOTH our strict
 * output schemas (schemas/output) and the upstream strict schemas in ../shared (SPEC §3),
 * and ours reject what the upstream ones reject for the samples below.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './harness/golden.js';
import { validateAgainstUpstream } from './harness/upstream-schemas.js';
import { schemaProblems } from '../src/check/schema.js';
import type { K8sObject } from '../src/model/k8s.js';
// @ts-expect-error plain ESM script without types
import { outputSchemas } from '../scripts/gen-output-schemas.mjs';

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml') && e.name !== 'kustomization.yaml')
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

const outputs = readdirSync(fixturesDir).flatMap((c) => yamlFiles(path.join(fixturesDir, c, 'expected')));

describe('rendered objects pass our output schemas and the upstream strict Kubernetes schemas', () => {
  it('has fixture outputs to check', () => {
    expect(outputs.length).toBeGreaterThan(25);
  });

  it.each(outputs.map((f) => [path.relative(fixturesDir, f), f]))('%s', (_name, file) => {
    const problems: string[] = [];
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const obj = doc.toJS() as { apiVersion: string; kind: string; metadata: { name: string } };
      for (const p of validateAgainstUpstream(obj)) problems.push(`upstream: ${obj.kind} ${obj.metadata.name}: ${p}`);
      for (const p of schemaProblems(obj as K8sObject))
        problems.push(`ours: ${obj.kind} ${obj.metadata.name}: ${p.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('the upstream schemas reject what they should (unknown field, wrong type), so the check can fail', () => {
    expect(
      validateAgainstUpstream({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'x' },
        spec: { portz: [] },
      } as never),
    ).not.toEqual([]);
    expect(
      validateAgainstUpstream({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x' },
        data: { a: 1 },
      } as never),
    ).not.toEqual([]);
  });
});

describe('our output schemas', () => {
  const meta = { name: 'x', namespace: 'ns' };
  const samples: Array<[string, Record<string, unknown>]> = [
    ['unknown top-level field', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, datta: {} }],
    ['unknown metadata field', { apiVersion: 'v1', kind: 'Secret', metadata: { ...meta, nam: 'y' } }],
    ['non-string ConfigMap value', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { a: 1 } }],
    [
      'unknown Service spec field',
      { apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { ports: [{ port: 80 }], portz: [] } },
    ],
    ['string port', { apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { ports: [{ port: '80' }] } }],
    [
      'unknown container field',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta,
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: { spec: { containers: [{ name: 'c', imagee: 'x' }] } },
        },
      },
    ],
    [
      'unknown volume field',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta,
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: { spec: { containers: [{ name: 'c' }], volumes: [{ name: 'v', secret: { secretNam: 'x' } }] } },
        },
      },
    ],
    [
      'container without name',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta,
        spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ image: 'x' }] } } },
      },
    ],
  ];

  it.each(samples)('reject what the upstream schemas reject: %s', (_name, obj) => {
    expect(validateAgainstUpstream(obj as never)).not.toEqual([]);
    expect(schemaProblems(obj as unknown as K8sObject)).not.toEqual([]);
  });

  it.each(Object.keys(outputSchemas()))(
    'schemas/output/%s is what scripts/gen-output-schemas.mjs writes today',
    (file) => {
      const fresh = `${JSON.stringify(outputSchemas()[file])}\n`;
      expect(readFileSync(path.join(fixturesDir, '..', 'schemas/output', file), 'utf8')).toBe(fresh);
    },
  );
});
