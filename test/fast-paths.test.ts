/**
 * The fast paths (fast-yaml reader, direct YAML writer) against the reference paths (`yaml`
 * parse and stringify): every fixture, and a generated repository, rendered both ways must
 * give the same bytes — output files and diagnostics alike.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error plain ESM script without types
import { generateRepo } from '../bench/generate.mjs';

type Harness = typeof import('./harness/golden.js');

async function harness(reference: boolean): Promise<Harness> {
  vi.resetModules();
  if (reference) {
    vi.doMock('../src/read/fast-yaml.js', () => ({ fastParseDocuments: () => undefined }));
    vi.doMock('../src/emit/yaml.js', async (original) => {
      const real = await original<typeof import('../src/emit/yaml.js')>();
      return {
        ...real,
        toYaml: real.toYamlReference,
        toYamlStream: (objects: unknown[]) => objects.map((o) => `---\n${real.toYamlReference(o)}`).join(''),
      };
    });
  } else {
    vi.doUnmock('../src/read/fast-yaml.js');
    vi.doUnmock('../src/emit/yaml.js');
  }
  return import('./harness/golden.js');
}

describe('fast paths write the same bytes as the reference paths', () => {
  it('for every fixture and a generated repository of 100 Agents', async () => {
    const fast = await harness(false);
    const cases = fast.listCases();
    const bench = mkdtempSync(path.join(tmpdir(), 'kagent-render-fast-paths-'));
    generateRepo(path.join(bench, 'input'), 100);
    const runAll = async (h: Harness) => [
      ...(await Promise.all(cases.map((c) => h.runCase(c)))),
      await h.runDirectory(bench),
    ];
    const fastResults = await runAll(fast);
    const referenceResults = await runAll(await harness(true));
    expect(fastResults.length).toBe(cases.length + 1);
    expect(fastResults.at(-1)!.tree.size).toBeGreaterThan(100);
    expect(fastResults).toEqual(referenceResults);
  });
});
