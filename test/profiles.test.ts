/**
 * SPEC §4: the `gitops` and `controller` profiles differ only by the rows of the profile
 * table. Every fixture (those added later included) is rendered along a chain of settings
 * that flips one row at a time (test/harness/profile-diff.ts); each step may only show the
 * difference of its row, and the flag-less step (the profile name) is classified field by
 * field — any path it cannot explain is printed.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderResult } from '../src/pipeline.js';
import { applyCrdDefaults } from '../src/validate/defaults.js';
import { profileDefaults } from '../src/settings/settings.js';
import { fixturesDir, listCases } from './harness/golden.js';
import {
  crdDefaultsRowProblems,
  fieldDiff,
  loadCase,
  profileSwitchDeltas,
  renderChain,
  secretRowProblems,
  validateRowProblems,
  type Explained,
} from './harness/profile-diff.js';

const cases = listCases();
const totals: Explained & { bothRender: number; secretRow: number; validateRow: number; crdDefaultsRow: number } = {
  ownerReferences: 0,
  mcpUrlPaths: 0,
  configHashes: 0,
  kmcpRefusals: 0,
  bothRender: 0,
  secretRow: 0,
  validateRow: 0,
  crdDefaultsRow: 0,
};
const same = (a: RenderResult, b: RenderResult) =>
  JSON.stringify([a.rendered, a.diagnostics]) === JSON.stringify([b.rendered, b.diagnostics]);

describe('gitops vs controller profile (SPEC §4)', () => {
  it.each(cases)('%s differs between the profiles only by the documented rows', async (name) => {
    const loaded = await loadCase(path.join(fixturesDir, name));
    const chain = renderChain(loaded);

    expect(secretRowProblems(chain.gitops, chain.gitopsSecrets), 'row "Secret values"').toEqual([]);
    if (!same(chain.gitops, chain.gitopsSecrets)) totals.secretRow++;

    const { unexplained, explained } = profileSwitchDeltas(chain.gitopsSecrets, chain.controllerPinned);
    expect(
      unexplained,
      `rows "ownerReferences" / "MCP URL path": unexplained differences\n${unexplained.join('\n')}`,
    ).toEqual([]);
    totals.kmcpRefusals += explained.kmcpRefusals;
    if (chain.gitopsSecrets.ok) {
      totals.bothRender++;
      totals.ownerReferences += explained.ownerReferences;
      totals.mcpUrlPaths += explained.mcpUrlPaths;
      totals.configHashes += explained.configHashes;
      // Every rendered object carries an owner reference in the controller profile.
      const objects = chain.controllerPinned.rendered.reduce((n, s) => n + s.objects.length, 0);
      expect(explained.ownerReferences).toBe(objects);
    }

    expect(validateRowProblems(chain.controllerPinned, chain.controllerWarn), 'row "input validation"').toEqual([]);
    if (!same(chain.controllerPinned, chain.controllerWarn)) totals.validateRow++;
    if (!same(chain.controllerWarn, chain.controller)) totals.crdDefaultsRow++;

    const defaulted = chain.controllerWarn.inputs.some(
      (o) =>
        o.apiVersion.startsWith('kagent.dev/') &&
        JSON.stringify(applyCrdDefaults(o.kind, o.body)) !== JSON.stringify(o.body),
    );
    const inputsAsRead = chain.controller.inputs.some(
      (o) =>
        o.apiVersion.startsWith('kagent.dev/') &&
        JSON.stringify(applyCrdDefaults(o.kind, o.body)) !== JSON.stringify(o.body),
    );
    expect(
      crdDefaultsRowProblems(chain.controllerWarn, chain.controller, defaulted || inputsAsRead),
      'row "CRD defaults"',
    ).toEqual([]);
  });

  it('the fixtures exercised every row (each check saw real deltas)', () => {
    // Runs after the per-fixture cases (vitest runs a file's tests in order).
    expect(totals.bothRender).toBeGreaterThanOrEqual(20);
    expect(totals.ownerReferences).toBeGreaterThan(0);
    expect(totals.mcpUrlPaths).toBeGreaterThan(0); // fixtures/profile-gitops-http-path
    expect(totals.configHashes).toBeGreaterThan(0);
    expect(totals.kmcpRefusals).toBeGreaterThan(0); // fixtures/rules-mcpserver-controller-checks (validate: warn)
    expect(totals.secretRow).toBeGreaterThan(0); // e.g. fixtures/secret-value-not-allowed
    expect(totals.validateRow).toBeGreaterThan(0); // e.g. fixtures/schema-unknown-field
    // SPEC §4 row "CRD defaults": both profiles apply them (a real cluster defaults every object), so
    // the profile switch alone never changes this row; fixtures that model upstream's raw unit-test
    // inputs pin `crdDefaults: false` for both.
    expect(totals.crdDefaultsRow).toBe(0);
    expect(profileDefaults('controller').crdDefaults).toBe(true);
    expect(profileDefaults('gitops').crdDefaults).toBe(true);
  });
});

describe('the profile-switch classifier', () => {
  const base = (): RenderResult => ({
    ok: true,
    diagnostics: [],
    inputs: [],
    rendered: [
      {
        source: { apiVersion: 'kagent.dev/v1alpha2', kind: 'Agent', namespace: 'ns', name: 'a' },
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'a', namespace: 'ns' },
            stringData: { 'config.json': '{"model":null}' },
          },
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'a', namespace: 'ns' },
            spec: {
              template: {
                metadata: { annotations: { 'kagent.dev/config-hash': '1' } },
                spec: { containers: [{ name: 'kagent', image: 'x:dev' }] },
              },
            },
          },
        ],
      },
    ],
  });
  const owner = {
    apiVersion: 'kagent.dev/v1alpha2',
    kind: 'Agent',
    name: 'a',
    uid: '',
    controller: true,
    blockOwnerDeletion: true,
  };

  it('explains ownerReferences to the source', () => {
    const c = base();
    for (const o of c.rendered[0]!.objects) o.metadata.ownerReferences = [owner];
    expect(profileSwitchDeltas(base(), c)).toEqual({
      unexplained: [],
      explained: { ownerReferences: 2, mcpUrlPaths: 0, configHashes: 0, kmcpRefusals: 0 },
    });
  });

  it('rejects an ownerReference to something else', () => {
    const c = base();
    c.rendered[0]!.objects[0]!.metadata.ownerReferences = [{ ...owner, name: 'b' }];
    // Named by the check, and left in the residual diff as an unexplained path.
    expect(profileSwitchDeltas(base(), c).unexplained).toEqual([
      'Agent ns/a → Secret ns/a: metadata.ownerReferences: does not point at the source Agent a',
      'Agent ns/a → Secret ns/a: metadata.ownerReferences: (absent) → [{"apiVersion":"kagent.dev/v1alpha2","kind":"Agent","name":"b","uid":"","controller":true,"blockOwnerDeletion":true}]',
    ]);
  });

  it('prints any other differing path, and a config-hash change without a config.json change', () => {
    const c = base();
    const dep = c.rendered[0]!.objects[1] as any;
    dep.spec.template.spec.containers[0].image = 'x:other';
    dep.spec.template.metadata.annotations['kagent.dev/config-hash'] = '2';
    expect(profileSwitchDeltas(base(), c).unexplained).toEqual([
      'Agent ns/a → Deployment ns/a: spec.template.metadata.annotations.kagent.dev/config-hash: "1" → "2"',
      'Agent ns/a → Deployment ns/a: spec.template.spec.containers[0].image: "x:dev" → "x:other"',
    ]);
  });

  it('rejects a config.json difference that is not an MCP URL path', () => {
    const c = base();
    (c.rendered[0]!.objects[0] as any).stringData['config.json'] = '{"model":{"type":"openai"}}';
    expect(profileSwitchDeltas(base(), c).unexplained).toEqual([
      'Agent ns/a → Secret ns/a: stringData.config.json model: null → {"type":"openai"} (not a tool URL)',
      'Agent ns/a → Secret ns/a: stringData.config.json: "{\\"model\\":null}" → "{\\"model\\":{\\"type\\":\\"openai\\"}}"',
    ]);
  });

  it('sees key order', () => {
    expect(fieldDiff({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual(['(root): key order a,b → b,a']);
  });
});
