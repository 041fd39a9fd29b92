/**
 * ModelConfig → model object of config.json (Go field order, kagent api/adk/types.go) plus
 * the env vars, volumes and mounts the agent pod needs (kagent adk_api_translator.go
 * translateModel; reference §3.3, §5.2, §6.2).
 */
import { markFrom, provenanceOf } from '../../model/provenance.js';
import type { ModelConfigSpec as FullModelConfigSpec } from '../../model/input.js';
import type { InputObject } from '../../model/source.js';
import { readsSecretValues } from '../profile.js';
import type { AgentContext } from './context.js';
import { goMap } from '../../go/json.js';
import { foundryEndpoint } from './foundry-endpoint.js';
import { caBundle } from './tls.js';
import { keysOf } from './values.js';

type Obj = Record<string, any>;

export interface ModelPlan {
  config: Obj;
  env: Obj[];
  volumes: Obj[];
  mounts: Obj[];
}

function secretEnv(name: string, secret: string, key: string): Obj {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** A decimal float as Go's strconv.ParseFloat reads it: no surrounding space, no 0x/0b/0o integers, no underscores. */
const GO_DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Go strconv.ParseFloat of the CRD's string-typed numbers; unparseable → omitted. JS
 * Number() is laxer (" 0.7", "0x10", "0b1" parse), so only Go's decimal syntax is accepted;
 * out of range is an error in Go too. (Go also reads "Inf"/"NaN" and hex floats like
 * "0x1p-2"; the first cannot be marshalled by the controller either, so both are omitted.)
 */
function float(v: unknown): number | undefined {
  if (typeof v !== 'string') return typeof v === 'number' ? v : undefined;
  if (!GO_DECIMAL_FLOAT.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && v > 0 ? v : undefined;
}

function nonEmpty<T>(v: T): T | undefined {
  if (v === '' || v === 0 || v === false || v === null) return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  if (v && typeof v === 'object' && Object.keys(v).length === 0) return undefined;
  return v;
}

type ModelConfigSpec = Partial<FullModelConfigSpec>;

/** One ModelConfig being translated: its spec, where the API key comes from, and the plan being filled. */
interface Translation {
  ctx: AgentContext;
  mc: InputObject;
  spec: ModelConfigSpec;
  runtime: 'python' | 'go';
  /** The agent's field naming the ModelConfig, for problems that are the agent's choice. */
  refPath: (string | number)[];
  secret: string;
  key: string;
  /** The API key goes into an env var: a Secret is named and the key is not passed through. */
  useKey: boolean;
  plan: ModelPlan;
}

/** A provider's part of the translation; false when it reported why the model cannot be used. */
type ProviderTranslator = (t: Translation) => boolean;

/** Each provider's `type` in config.json and its translator (adk_api_translator.go translateModel's switch). */
const PROVIDERS: Record<string, { type: string; translate: ProviderTranslator }> = {
  OpenAI: { type: 'openai', translate: openAI },
  AzureOpenAI: { type: 'azure_openai', translate: azureOpenAI },
  Anthropic: { type: 'anthropic', translate: anthropic },
  GeminiVertexAI: { type: 'gemini_vertex_ai', translate: vertexAI },
  AnthropicVertexAI: { type: 'gemini_anthropic', translate: vertexAI },
  Ollama: { type: 'ollama', translate: ollama },
  Gemini: { type: 'gemini', translate: gemini },
  Bedrock: { type: 'bedrock', translate: bedrock },
  SAPAICore: { type: 'sap_ai_core', translate: sapAICore },
  Foundry: { type: 'foundry', translate: foundry },
};

/** Providers whose own block must be set, with upstream's message when it is not. */
const BLOCKS: Record<string, [field: keyof ModelConfigSpec, message: string]> = {
  AzureOpenAI: ['azureOpenAI', 'AzureOpenAI model config is required'],
  GeminiVertexAI: ['geminiVertexAI', 'GeminiVertexAI model config is required'],
  AnthropicVertexAI: ['anthropicVertexAI', 'AnthropicVertexAI model config is required'],
  Ollama: ['ollama', 'ollama model config is required'],
  Bedrock: ['bedrock', 'bedrock model config is required'],
  SAPAICore: ['sapAICore', 'sapAICore model config is required'],
  Foundry: ['foundry', 'foundry model config is required'],
};

export function translateModelConfig(
  ctx: AgentContext,
  mc: InputObject,
  runtime: 'python' | 'go',
  refPath: (string | number)[],
): ModelPlan | undefined {
  const spec: ModelConfigSpec = (mc.body.spec as ModelConfigSpec | undefined) ?? {};
  const provider: string = spec.provider ?? '';
  const translator = PROVIDERS[provider];
  if (!translator) {
    ctx.errorIn(mc, ['spec', 'provider'], 'model-provider-unsupported', `unsupported model provider: ${provider}`);
    return undefined;
  }
  const block = BLOCKS[provider];
  if (block && !spec[block[0]]) {
    ctx.errorIn(mc, ['spec'], 'model-provider-block-required', `${block[1]}: set spec.${block[0]}`);
    return undefined;
  }
  const secret: string = spec.apiKeySecret ?? '';
  const passthrough = spec.apiKeyPassthrough === true;
  const plan = commonPlan(mc, spec, translator.type, passthrough);
  const key = spec.apiKeySecretKey ?? '';
  const t: Translation = { ctx, mc, spec, runtime, refPath, secret, key, useKey: !passthrough && secret !== '', plan };
  if (!translator.translate(t)) return undefined;
  const { config, env, volumes } = plan;
  for (const k of Object.keys(config)) if (config[k] === undefined) delete config[k];
  // Env from the API-key Secret and the credential volumes name `apiKeySecret`: output checks report there.
  for (const e of env) if (e.valueFrom?.secretKeyRef) markFrom(e, mc.origin, ['spec', 'apiKeySecret']);
  for (const v of volumes) if (!provenanceOf(v)) markFrom(v, mc.origin, ['spec', 'apiKeySecret']);
  return plan;
}

/** What every provider shares: TLS, headers, passthrough, and the config fields that come first. */
function commonPlan(mc: InputObject, spec: ModelConfigSpec, type: string, passthrough: boolean): ModelPlan {
  const volumes: Obj[] = [];
  const mounts: Obj[] = [];
  // TLS first (reference §3.3: "TLS mounting happens first"), CA bundle only.
  const tls = caBundle(spec.tls);
  if (tls?.mount) {
    volumes.push(markFrom(tls.mount.volume, mc.origin, ['spec', 'tls', 'caCertSecretRef']));
    mounts.push(markFrom(tls.mount.mount, mc.origin, ['spec', 'tls', 'caCertSecretRef']));
  }
  const config: Obj = { type, model: spec.model ?? '' };
  if (spec.defaultHeaders && Object.keys(spec.defaultHeaders).length > 0) config.headers = goMap(spec.defaultHeaders);
  if (tls) Object.assign(config, tls.fields);
  if (passthrough) config.api_key_passthrough = true;
  return { config, env: [], volumes, mounts };
}

function openAI({ spec, secret, key, useKey, plan }: Translation): boolean {
  const { config, env, volumes, mounts } = plan;
  const o = spec.openAI ?? {};
  const exchange = o.tokenExchange;
  if (useKey && !exchange) env.push(secretEnv('OPENAI_API_KEY', secret, key));
  if (o.organization) env.push({ name: 'OPENAI_ORGANIZATION', value: o.organization });
  Object.assign(config, {
    base_url: o.baseUrl ?? '',
    frequency_penalty: float(o.frequencyPenalty),
    max_tokens: positive(o.maxTokens),
    max_completion_tokens: positive(o.maxCompletionTokens),
    n: nonEmpty(o.n),
    presence_penalty: float(o.presencePenalty),
    reasoning_effort: nonEmpty(o.reasoningEffort),
    seed: nonEmpty(o.seed),
    temperature: float(o.temperature),
    timeout: nonEmpty(o.timeout),
    top_p: float(o.topP),
    api_format: nonEmpty(o.apiFormat),
  });
  if (exchange) {
    volumes.push({ name: 'gdch-creds', secret: { secretName: secret, defaultMode: 0o444 } });
    mounts.push({ name: 'gdch-creds', readOnly: true, mountPath: '/gdch-creds' });
    config.token_exchange = {
      type: exchange.type,
      gdch_service_account: {
        service_account_path: `/gdch-creds/${key}`,
        audience: exchange.gdchServiceAccount?.audience ?? '',
      },
    };
  }
  return true;
}

function anthropic({ spec, secret, key, useKey, plan }: Translation): boolean {
  const a = spec.anthropic ?? {};
  if (useKey) plan.env.push(secretEnv('ANTHROPIC_API_KEY', secret, key));
  Object.assign(plan.config, {
    base_url: nonEmpty(a.baseUrl),
    max_tokens: positive(a.maxTokens),
    temperature: float(a.temperature),
    top_p: float(a.topP),
    top_k: nonEmpty(a.topK),
  });
  return true;
}

function azureOpenAI({ spec, secret, key, useKey, plan }: Translation): boolean {
  const { config, env } = plan;
  const a = spec.azureOpenAI ?? { apiVersion: '', azureEndpoint: '' };
  if (useKey) env.push(secretEnv('AZURE_OPENAI_API_KEY', secret, key));
  if (a.azureAdToken) env.push({ name: 'AZURE_AD_TOKEN', value: a.azureAdToken });
  if (a.apiVersion) env.push({ name: 'OPENAI_API_VERSION', value: a.apiVersion });
  if (a.azureEndpoint) env.push({ name: 'AZURE_OPENAI_ENDPOINT', value: a.azureEndpoint });
  config.model = a.azureDeployment ?? '';
  Object.assign(config, {
    endpoint: nonEmpty(a.azureEndpoint),
    deployment: nonEmpty(a.azureDeployment),
    api_version: nonEmpty(a.apiVersion),
    max_tokens: positive(a.maxTokens),
    temperature: float(a.temperature),
    top_p: float(a.topP),
  });
  return true;
}

/** GeminiVertexAI and AnthropicVertexAI: Google credentials from a file in the API-key Secret. */
function vertexAI({ spec, secret, key, plan }: Translation): boolean {
  const { env, volumes, mounts } = plan;
  const gemini = spec.provider === 'GeminiVertexAI';
  const g = (gemini ? spec.geminiVertexAI : spec.anthropicVertexAI) ?? { projectID: '', location: '' };
  env.push(
    { name: 'GOOGLE_CLOUD_PROJECT', value: g.projectID ?? '' },
    { name: 'GOOGLE_CLOUD_LOCATION', value: g.location ?? '' },
  );
  if (gemini) env.push({ name: 'GOOGLE_GENAI_USE_VERTEXAI', value: 'true' });
  if (secret) {
    env.push({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `/creds/${key}` });
    volumes.push({ name: 'google-creds', secret: { secretName: secret } });
    mounts.push({ name: 'google-creds', mountPath: '/creds' });
  }
  if (gemini) plan.config.max_output_tokens = positive(spec.geminiVertexAI?.maxOutputTokens);
  return true;
}

function ollama({ spec, plan }: Translation): boolean {
  const o = spec.ollama ?? {};
  const host: string = o.host ?? '';
  plan.env.push({ name: 'OLLAMA_API_BASE', value: /^https?:\/\//.test(host) ? host : `http://${host}` });
  if (o.options && Object.keys(o.options).length > 0) plan.config.options = goMap(o.options);
  return true;
}

function gemini({ spec, secret, key, plan }: Translation): boolean {
  // Upstream always adds the key env var, even with empty names (reference §3.3).
  plan.env.push(secretEnv('GOOGLE_API_KEY', secret, key));
  plan.config.max_output_tokens = positive(spec.gemini?.maxOutputTokens);
  return true;
}

function bedrock({ ctx, mc, spec, secret, useKey, plan }: Translation): boolean {
  const { env } = plan;
  const b = spec.bedrock ?? { region: '' };
  env.push({ name: 'AWS_REGION', value: b.region ?? '' });
  if (useKey) {
    if (!readsSecretValues(ctx.settings)) {
      ctx.errorIn(
        mc,
        ['spec', 'apiKeySecret'],
        'secret-value-not-allowed',
        `Bedrock credentials: the controller probes the keys of Secret '${secret}' to pick the env vars; pass --allow-secret-values to let kagent-render read that Secret from the input`,
      );
      return false;
    }
    const s = credentialsSecret(ctx, mc, secret, 'Bedrock');
    if (!s) return false;
    const keys = keysOf(s);
    if (keys.has('AWS_BEARER_TOKEN_BEDROCK'))
      env.push(secretEnv('AWS_BEARER_TOKEN_BEDROCK', secret, 'AWS_BEARER_TOKEN_BEDROCK'));
    else {
      env.push(
        secretEnv('AWS_ACCESS_KEY_ID', secret, 'AWS_ACCESS_KEY_ID'),
        secretEnv('AWS_SECRET_ACCESS_KEY', secret, 'AWS_SECRET_ACCESS_KEY'),
      );
      if (keys.has('AWS_SESSION_TOKEN')) env.push(secretEnv('AWS_SESSION_TOKEN', secret, 'AWS_SESSION_TOKEN'));
    }
  }
  Object.assign(plan.config, {
    region: nonEmpty(b.region),
    additional_model_request_fields: b.additionalModelRequestFields
      ? sortDeep(b.additionalModelRequestFields)
      : undefined,
    prompt_caching: nonEmpty(b.promptCaching),
    cache_ttl: nonEmpty(b.cacheTTL),
    guardrail: b.guardrail
      ? {
          identifier: b.guardrail.identifier ?? '',
          version: b.guardrail.version ?? '',
          trace: nonEmpty(b.guardrail.trace),
        }
      : undefined,
    read_timeout: nonEmpty(b.readTimeout),
    connect_timeout: nonEmpty(b.connectTimeout),
  });
  return true;
}

function sapAICore({ ctx, mc, spec, secret, useKey, plan }: Translation): boolean {
  const s = spec.sapAICore ?? { baseUrl: '' };
  if (useKey) {
    if (!readsSecretValues(ctx.settings)) {
      ctx.errorIn(
        mc,
        ['spec', 'apiKeySecret'],
        'secret-value-not-allowed',
        `SAP AI Core credentials: the controller requires Secret '${secret}' to exist; pass --allow-secret-values to let kagent-render read that Secret from the input`,
      );
      return false;
    }
    if (!credentialsSecret(ctx, mc, secret, 'SAP AI Core')) return false;
    plan.env.push(
      secretEnv('SAP_AI_CORE_CLIENT_ID', secret, 'client_id'),
      secretEnv('SAP_AI_CORE_CLIENT_SECRET', secret, 'client_secret'),
    );
  }
  Object.assign(plan.config, {
    base_url: s.baseUrl ?? '',
    resource_group: nonEmpty(s.resourceGroup),
    auth_url: nonEmpty(s.authUrl),
  });
  return true;
}

function foundry({ ctx, mc, spec, runtime, refPath, secret, key, useKey, plan }: Translation): boolean {
  const f = spec.foundry ?? { deployment: '' };
  if (runtime !== 'go') {
    ctx.error(
      refPath,
      'model-foundry-requires-go',
      'the Foundry model provider requires declarative runtime "go"; set spec.declarative.runtime: go',
    );
    return false;
  }
  const endpoint = foundryEndpoint(ctx, mc, f);
  if (endpoint === undefined) return false;
  if (useKey) plan.env.push(secretEnv('FOUNDRY_API_KEY', secret, key));
  plan.env.push(
    { name: 'FOUNDRY_ENDPOINT', value: endpoint },
    { name: 'FOUNDRY_DEPLOYMENT', value: f.deployment ?? '' },
    { name: 'FOUNDRY_API_VERSION', value: f.apiVersion ?? '' },
  );
  Object.assign(plan.config, { endpoint, deployment: f.deployment ?? '', api_version: f.apiVersion ?? '' });
  return true;
}

/** Free-form JSON re-marshalled by Go: every map's keys sorted. */
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep((v as Obj)[k]);
    return out;
  }
  return v;
}

/** The credentials Secret the controller reads for Bedrock and SAP AI Core, reported in upstream's words when it is missing (reference §8). */
function credentialsSecret(
  ctx: AgentContext,
  mc: InputObject,
  name: string,
  provider: string,
): InputObject | undefined {
  const found = ctx.index.get('Secret', mc.namespace, name);
  if (!found)
    ctx.errorIn(
      mc,
      ['spec', 'apiKeySecret'],
      'ref-missing',
      `failed to get ${provider} credentials secret: Secret '${name}' not found in namespace '${mc.namespace}' (used by agent '${ctx.agent.name}'); add it to the input or fix spec.apiKeySecret`,
    );
  return found;
}
