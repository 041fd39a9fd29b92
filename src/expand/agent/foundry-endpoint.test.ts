import { describe, expect, it } from 'vitest';
import type { ModelConfigSpec } from '../../model/input.js';
import type { InputObject } from '../../model/source.js';
import { buildIndex } from '../../index/objects.js';
import { profileDefaults } from '../../settings/settings.js';
import { AgentContext } from './context.js';
import { foundryEndpoint } from './foundry-endpoint.js';

function obj(
  kind: string,
  name: string,
  extra: Record<string, unknown>,
  apiVersion = 'kagent.dev/v1alpha2',
): InputObject {
  const origin = { file: 'in.yaml', index: 0, at: () => ({ file: 'in.yaml', line: 1, col: 1 }) };
  return {
    body: { apiVersion, kind, metadata: { name, namespace: 'ns' }, ...extra },
    apiVersion,
    kind,
    namespace: 'ns',
    name,
    origin,
  };
}

const CM = obj('ConfigMap', 'out', { data: { endpoint: 'https://acme.services.ai.azure.com', empty: '' } }, 'v1');
const MC = obj('ModelConfig', 'm', {});

function run(foundry: Omit<NonNullable<ModelConfigSpec['foundry']>, 'deployment'>): {
  value: string | undefined;
  errors: string[];
} {
  const agent = obj('Agent', 'a', {});
  const ctx = new AgentContext(agent, buildIndex([agent, CM, MC]).index, profileDefaults('controller'));
  const value = foundryEndpoint(ctx, MC, { deployment: 'd', ...foundry });
  return { value, errors: ctx.diagnostics.map((d) => `${d.rule}: ${d.message}`) };
}

describe('foundryEndpoint', () => {
  it('takes the literal endpoint or the ConfigMap value', () => {
    expect(run({ endpoint: 'https://x' })).toEqual({ value: 'https://x', errors: [] });
    expect(run({ endpointFrom: { name: 'out', key: 'endpoint' } })).toEqual({
      value: 'https://acme.services.ai.azure.com',
      errors: [],
    });
  });

  it('reports a missing ConfigMap, a missing key, and an endpoint that stays empty', () => {
    expect(run({ endpointFrom: { name: 'gone', key: 'endpoint' } }).errors).toEqual([
      'ref-missing: failed to get Foundry endpoint config map ns/gone: configmaps "gone" not found; add the ConfigMap to the input or fix endpointFrom.name',
    ]);
    expect(run({ endpointFrom: { name: 'out', key: 'url' } }).errors).toEqual([
      'ref-missing-key: the Foundry endpoint config map ns/out does not contain key "url"',
    ]);
    expect(run({ endpointFrom: { name: 'out', key: 'url', optional: true } }).errors).toEqual([
      'model-foundry-endpoint-unresolved: foundry endpoint could not be resolved: config map ns/out has no key "url" (endpointFrom is optional)',
    ]);
    expect(run({ endpointFrom: { name: 'out', key: 'empty' } }).errors).toEqual([
      'model-foundry-endpoint-unresolved: foundry endpoint could not be resolved: key "empty" of config map ns/out is empty',
    ]);
    expect(run({}).errors).toEqual([
      'model-foundry-endpoint-unresolved: foundry endpoint could not be resolved: spec.foundry.endpoint is empty; set it or foundry.endpointFrom',
    ]);
  });
});
