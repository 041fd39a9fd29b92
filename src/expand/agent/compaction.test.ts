import { describe, expect, it } from 'vitest';
import type { InputObject } from '../../model/source.js';
import { buildIndex } from '../../index/objects.js';
import { profileDefaults } from '../../settings/settings.js';
import { compileContextConfig } from './compaction.js';
import { AgentContext } from './context.js';
import { compileMemory } from './memory.js';
import type { ModelPlan } from './model.js';

function obj(kind: string, name: string, spec: Record<string, unknown>): InputObject {
  const origin = { file: 'in.yaml', index: 0, at: () => ({ file: 'in.yaml', line: 1, col: 1 }) };
  return {
    body: { apiVersion: 'kagent.dev/v1alpha2', kind, metadata: { name, namespace: 'ns' }, spec },
    apiVersion: 'kagent.dev/v1alpha2',
    kind,
    namespace: 'ns',
    name,
    origin,
  };
}

const OWN: ModelPlan = {
  config: { type: 'openai', model: 'gpt-4o', base_url: '' },
  env: [{ name: 'OPENAI_API_KEY', value: 'x' }],
  volumes: [],
  mounts: [],
};

function context(...objects: InputObject[]): AgentContext {
  const agent = obj('Agent', 'a', {});
  return new AgentContext(agent, buildIndex([agent, ...objects]).index, profileDefaults('controller'));
}

describe('compileContextConfig', () => {
  it('is undefined without context and {} without compaction', () => {
    expect(compileContextConfig(context(), { modelConfig: 'm' }, OWN, 'python')).toBeUndefined();
    expect(compileContextConfig(context(), { modelConfig: 'm', context: {} }, OWN, 'python')).toEqual({
      config: {},
      model: undefined,
    });
  });

  it('uses the agent model for an empty or identical summarizer name, in Go field order', () => {
    for (const modelConfig of [undefined, 'm']) {
      const plan = compileContextConfig(
        context(),
        {
          modelConfig: 'm',
          context: {
            compaction: {
              eventRetentionSize: 3,
              overlapSize: 0,
              compactionInterval: 4,
              summarizer: { modelConfig, promptTemplate: 'p' },
            },
          },
        },
        OWN,
        'python',
      );
      expect(JSON.stringify(plan?.config)).toBe(
        '{"compaction":{"compaction_interval":4,"summarizer_model":{"type":"openai","model":"gpt-4o","base_url":""},"prompt_template":"p","event_retention_size":3}}',
      );
      expect(plan?.model).toBeUndefined();
    }
  });

  it('translates another summarizer ModelConfig and returns its pod wiring', () => {
    const ctx = context(
      obj('ModelConfig', 's', { provider: 'Anthropic', model: 'claude', apiKeySecret: 'k', apiKeySecretKey: 'K' }),
    );
    const plan = compileContextConfig(
      ctx,
      { modelConfig: 'm', context: { compaction: { summarizer: { modelConfig: 's' } } } },
      OWN,
      'python',
    );
    expect(plan?.config).toEqual({ compaction: { summarizer_model: { type: 'anthropic', model: 'claude' } } });
    expect(plan?.model?.env.map((e) => e.name)).toEqual(['ANTHROPIC_API_KEY']);
    expect(ctx.diagnostics).toEqual([]);
  });

  it('wraps the errors of the summarizer as upstream does', () => {
    const ctx = context(
      obj('ModelConfig', 'f', { provider: 'Foundry', model: 'x', foundry: { endpoint: 'https://e' } }),
    );
    expect(
      compileContextConfig(
        ctx,
        { modelConfig: 'm', context: { compaction: { summarizer: { modelConfig: 'f' } } } },
        OWN,
        'python',
      ),
    ).toBeUndefined();
    expect(ctx.diagnostics.map((d) => [d.rule, d.message])).toEqual([
      [
        'model-foundry-requires-go',
        'failed to translate summarizer model config "f": the Foundry model provider requires declarative runtime "go"; set spec.declarative.runtime: go',
      ],
    ]);
  });
});

describe('compileMemory', () => {
  it('reduces the embedding model and omits a zero ttl', () => {
    const ctx = context(
      obj('ModelConfig', 'e', {
        provider: 'AzureOpenAI',
        model: 'ignored',
        azureOpenAI: { azureEndpoint: 'https://a', apiVersion: 'v', azureDeployment: 'd', maxTokens: 5 },
      }),
    );
    const plan = compileMemory(ctx, { modelConfig: 'm', memory: { modelConfig: 'e', ttlDays: 0 } }, OWN, 'python');
    expect(JSON.stringify(plan?.config)).toBe(
      '{"embedding":{"provider":"azure_openai","model":"d","endpoint":"https://a","deployment":"d","api_version":"v"}}',
    );
    expect(plan?.model?.env.map((e) => e.name)).toEqual(['OPENAI_API_VERSION', 'AZURE_OPENAI_ENDPOINT']);
  });

  it('reuses the agent model when memory names it, adding nothing to the pod', () => {
    const plan = compileMemory(
      context(),
      { modelConfig: 'm', memory: { modelConfig: 'm', ttlDays: 2 } },
      OWN,
      'python',
    );
    expect(JSON.stringify(plan?.config)).toBe('{"ttl_days":2,"embedding":{"provider":"openai","model":"gpt-4o"}}');
    expect(plan?.model).toBeUndefined();
  });

  it('wraps a missing embedding ModelConfig', () => {
    const ctx = context();
    expect(compileMemory(ctx, { modelConfig: 'm', memory: { modelConfig: 'nope' } }, OWN, 'python')).toBeUndefined();
    expect(ctx.diagnostics.map((d) => d.rule)).toEqual(['ref-missing']);
    expect(ctx.diagnostics[0]!.message).toMatch(/^failed to resolve embedding config: ModelConfig 'nope' not found/);
  });
});
