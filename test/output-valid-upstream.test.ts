/**
 * Every object of every golden fixture's expected output, and of the shipped examples,
 * is a valid Kubernetes object under the upstream strict schemas in ../shared (SPEC §3).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './harness/golden.js';
import { validateAgainstUpstream } from './harness/upstream-schemas.js';

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml') && e.name !== 'kustomization.yaml')
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

const outputs = readdirSync(fixturesDir).flatMap((c) => yamlFiles(path.join(fixturesDir, c, 'expected')));

describe('rendered objects pass the upstream strict Kubernetes schemas', () => {
  it('has fixture outputs to check', () => {
    expect(outputs.length).toBeGreaterThan(25);
  });

  it.each(outputs.map((f) => [path.relative(fixturesDir, f), f]))('%s', (_name, file) => {
    const problems: string[] = [];
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const obj = doc.toJS() as { apiVersion: string; kind: string; metadata: { name: string } };
      for (const p of validateAgainstUpstream(obj)) problems.push(`${obj.kind} ${obj.metadata.name}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it('the upstream schemas reject what they should (unknown field, wrong type), so the check can fail', () => {
    expect(validateAgainstUpstream({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { portz: [] } } as never)).not.toEqual([]);
    expect(validateAgainstUpstream({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 1 } } as never)).not.toEqual([]);
  });
});
