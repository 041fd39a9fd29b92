/**
 * `spec.declarative.context` → config.json `context_config` (reference §3.4, §6.4). The
 * summarizer is the agent's own model unless it names another ModelConfig, which is then
 * translated like the agent's model (same runtime rules, its env vars and volumes reach the pod).
 */
import type { AgentContext } from './context.js';
import { translateModelConfig, type ModelPlan } from './model.js';
import { lookup } from './values.js';
import type { DeclarativeSpec } from '../../model/input.js';

type Obj = Record<string, any>;

export interface ContextPlan {
  config: Obj;
  /** The summarizer's pod wiring; undefined when it is the agent's own model or absent. */
  model: ModelPlan | undefined;
}

const SUMMARIZER_PATH = ['spec', 'declarative', 'context', 'compaction', 'summarizer', 'modelConfig'];

/** Undefined without context, or after reporting why it cannot be built. */
export function compileContextConfig(
  ctx: AgentContext,
  decl: DeclarativeSpec,
  own: ModelPlan | undefined,
  runtime: 'python' | 'go',
): ContextPlan | undefined {
  const context = decl.context;
  if (!context) return undefined;
  const c = context.compaction;
  if (!c) return { config: {}, model: undefined };
  let summarizer: ModelPlan | undefined;
  let separate = false;
  if (c.summarizer) {
    const name = String(c.summarizer.modelConfig ?? '');
    separate = name !== '' && name !== String(decl.modelConfig ?? '');
    summarizer = separate
      ? ctx.wrapErrors(`failed to translate summarizer model config "${name}"`, () => {
          const mc = lookup(ctx, ctx.agent, SUMMARIZER_PATH, 'ModelConfig', ctx.agent.namespace, name);
          return mc ? translateModelConfig(ctx, mc, runtime, SUMMARIZER_PATH) : undefined;
        })
      : own;
    // The agent's own model failing was reported where it is named.
    if (!summarizer) return undefined;
  }
  // AgentCompressionConfig field order; every field is omitempty (zero counts as unset).
  const compaction: Obj = {};
  if (nonZero(c.compactionInterval)) compaction.compaction_interval = c.compactionInterval;
  if (nonZero(c.overlapSize)) compaction.overlap_size = c.overlapSize;
  if (summarizer) compaction.summarizer_model = summarizer.config;
  if (typeof c.summarizer?.promptTemplate === 'string' && c.summarizer.promptTemplate !== '')
    compaction.prompt_template = c.summarizer.promptTemplate;
  if (nonZero(c.tokenThreshold)) compaction.token_threshold = c.tokenThreshold;
  if (nonZero(c.eventRetentionSize)) compaction.event_retention_size = c.eventRetentionSize;
  return { config: { compaction }, model: separate ? summarizer : undefined };
}

function nonZero(v: unknown): v is number {
  return typeof v === 'number' && v !== 0;
}
