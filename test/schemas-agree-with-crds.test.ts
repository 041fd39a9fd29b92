/**
 * Our input schemas (schemas/input/*.json) against the upstream CRDs in ../shared/crds, read
 * by path: every property path the CRD declares is in our schema with the same type, enum and
 * default, unknown fields are rejected wherever the CRD declares properties, and the committed
 * files are what scripts/gen-input-schemas.mjs derives today.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { SOURCES, schemaFor } from '../scripts/gen-input-schemas.mjs';

const root = path.resolve(new URL('..', import.meta.url).pathname);
type S = Record<string, any>;

function walk(crd: S, ours: S, at: string, problems: string[]): number {
  let checked = 1;
  const crdType = crd['x-kubernetes-int-or-string'] ? ['integer', 'string'] : crd.type;
  if (crdType !== undefined && JSON.stringify(ours.type) !== JSON.stringify(crdType))
    problems.push(`${at}: type ${JSON.stringify(ours.type)} ≠ CRD ${JSON.stringify(crdType)}`);
  if (crd.enum && JSON.stringify(ours.enum) !== JSON.stringify(crd.enum)) problems.push(`${at}: enum differs`);
  if (crd.default !== undefined && JSON.stringify(ours.default) !== JSON.stringify(crd.default))
    problems.push(`${at}: default ${JSON.stringify(ours.default)} ≠ CRD ${JSON.stringify(crd.default)}`);
  if (crd.required && JSON.stringify(ours.required) !== JSON.stringify(crd.required))
    problems.push(`${at}: required differs`);
  if (crd.properties) {
    if (!crd['x-kubernetes-preserve-unknown-fields'] && ours.additionalProperties !== false)
      problems.push(`${at}: unknown fields are not rejected`);
    for (const [k, v] of Object.entries(crd.properties as S)) {
      if (!ours.properties?.[k]) problems.push(`${at}.${k}: missing from our schema`);
      else checked += walk(v, ours.properties[k], `${at}.${k}`, problems);
    }
  }
  if (crd.items)
    checked += ours.items
      ? walk(crd.items, ours.items, `${at}[]`, problems)
      : (problems.push(`${at}[]: items missing`), 0);
  if (crd.additionalProperties && typeof crd.additionalProperties === 'object') {
    checked += walk(crd.additionalProperties, ours.additionalProperties ?? {}, `${at}{}`, problems);
  }
  return checked;
}

describe.each(SOURCES as Array<[string, string, string]>)('schemas/input/%s', (file, crdFile, version) => {
  const ours = JSON.parse(readFileSync(path.join(root, 'schemas/input', file), 'utf8'));
  const crd = parse(readFileSync(path.join(root, '../shared/crds', crdFile), 'utf8'));
  const upstream = crd.spec.versions.find((v: S) => v.name === version).schema.openAPIV3Schema;

  it(`declares every property path, type, enum and default of ${crdFile} ${version}`, () => {
    const problems: string[] = [];
    const spec = walk(upstream.properties.spec, ours.properties.spec, 'spec', problems);
    expect(problems).toEqual([]);
    expect(spec).toBeGreaterThan(5);
  });

  it('is what scripts/gen-input-schemas.mjs derives from the CRD today (run it when this fails)', () => {
    expect(readFileSync(path.join(root, 'schemas/input', file), 'utf8')).toBe(
      `${JSON.stringify(schemaFor(crdFile, version))}\n`,
    );
  });
});

describe('src/validate/validators.generated.mjs', () => {
  it('is what scripts/gen-validators.mjs compiles from schemas/input today (run it when this fails)', async () => {
    // @ts-expect-error plain ESM script without types
    const { OUT, generate } = await import('../scripts/gen-validators.mjs');
    expect(readFileSync(OUT, 'utf8') === generate()).toBe(true);
  });
});
