/**
 * `spec.declarative.memory` → config.json `memory` (reference §3.4, §6.4): the embedding
 * ModelConfig is translated like the agent's model (so its env vars and CA volumes reach the
 * pod) and reduced to the fields the memory service reads.
 */
import type { AgentContext } from './context.js';
import { translateModelConfig, type ModelPlan } from './model.js';
import { lookup } from './values.js';
import type { DeclarativeSpec } from '../../model/input.js';

type Obj = Record<string, any>;

export interface MemoryPlan {
  config: Obj;
  /** The embedding model's pod wiring; undefined when it is the agent's own model. */
  model: ModelPlan | undefined;
}

const MEMORY_PATH = ['spec', 'declarative', 'memory', 'modelConfig'];

/** Undefined without memory, or after reporting why it cannot be built. */
export function compileMemory(
  ctx: AgentContext,
  decl: DeclarativeSpec,
  own: ModelPlan | undefined,
  runtime: 'python' | 'go',
): MemoryPlan | undefined {
  const memory = decl.memory;
  if (!memory) return undefined;
  const name = String(memory.modelConfig ?? '');
  const same = name === String(decl.modelConfig ?? '');
  const plan = same
    ? own
    : ctx.wrapErrors('failed to resolve embedding config', () => {
        if (name === '') {
          ctx.error(
            MEMORY_PATH,
            'ref-missing',
            'spec.declarative.memory.modelConfig is empty; name the embedding ModelConfig',
          );
          return undefined;
        }
        const mc = lookup(ctx, ctx.agent, MEMORY_PATH, 'ModelConfig', ctx.agent.namespace, name);
        return mc ? translateModelConfig(ctx, mc, runtime, MEMORY_PATH) : undefined;
      });
  // The agent's own model failing was reported where it is named.
  if (!plan) return undefined;
  const config: Obj = {};
  if (typeof memory.ttlDays === 'number' && memory.ttlDays !== 0) config.ttl_days = memory.ttlDays;
  config.embedding = embedding(plan.config);
  return { config, model: same ? undefined : plan };
}

/** EmbeddingConfig: provider (the model type), model, then the connection fields that are set. */
function embedding(model: Obj): Obj {
  const out: Obj = { provider: model.type, model: model.model };
  for (const k of ['base_url', 'endpoint', 'deployment', 'api_version']) {
    if (typeof model[k] === 'string' && model[k] !== '') out[k] = model[k];
  }
  return out;
}
