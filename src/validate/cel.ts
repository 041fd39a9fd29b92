/**
 * The CRDs' x-kubernetes-validations (CEL) rules that the reference lists
 * (kagent-translator.md §1.3, §1.5, §2.1–§2.3; kmcp.md §1.2), one check each, with the
 * CRD's message. The API server enforces them; so do we, before anything is expanded.
 */
import type { RuleId } from '../diagnostics/rules.js';
import type { FieldPath } from '../model/source.js';

type Obj = Record<string, any>;
export interface CelViolation {
  rule: RuleId;
  path: FieldPath;
  message: string;
}

const has = (o: Obj | undefined, k: string): boolean => !!o && o[k] !== undefined && o[k] !== null;
const nonEmpty = (v: unknown): boolean => (typeof v === 'string' ? v.length > 0 : v !== undefined && v !== null);

export function celViolations(kind: string, body: Obj): CelViolation[] {
  const spec: Obj = body.spec ?? {};
  switch (kind) {
    case 'Agent':
      return agentRules(spec);
    case 'ModelConfig':
      return modelConfigRules(spec);
    case 'RemoteMCPServer':
      return remoteRules(spec);
    case 'MCPServer':
      return has(spec.deployment, 'serviceAccount') && has(spec.deployment, 'serviceAccountName')
        ? [
            {
              rule: 'cel-service-account-exclusive',
              path: ['spec', 'deployment'],
              message: 'serviceAccount and serviceAccountName are mutually exclusive',
            },
          ]
        : [];
    default:
      return [];
  }
}

function agentRules(spec: Obj): CelViolation[] {
  const out: CelViolation[] = [];
  const add = (rule: RuleId, path: FieldPath, message: string) => out.push({ rule, path, message });
  if (spec.type === 'Declarative' && !has(spec, 'declarative'))
    add(
      'cel-agent-declarative-required',
      ['spec'],
      'declarative must be specified if type is Declarative, or byo must be specified if type is BYO',
    );
  if (spec.type === 'BYO' && !has(spec, 'byo'))
    add(
      'cel-agent-declarative-required',
      ['spec'],
      'declarative must be specified if type is Declarative, or byo must be specified if type is BYO',
    );
  const decl: Obj | undefined = spec.declarative;
  if (has(decl, 'systemMessage') && has(decl, 'systemMessageFrom'))
    add(
      'cel-system-message-exclusive',
      ['spec', 'declarative', 'systemMessageFrom'],
      'systemMessage and systemMessageFrom are mutually exclusive',
    );
  for (const [which, d] of [
    ['declarative', decl?.deployment],
    ['byo', spec.byo?.deployment],
  ] as const) {
    if (has(d, 'serviceAccountName') && has(d, 'serviceAccountConfig'))
      add(
        'cel-service-account-exclusive',
        ['spec', which, 'deployment', 'serviceAccountConfig'],
        'serviceAccountName and serviceAccountConfig are mutually exclusive',
      );
  }
  if (spec.allowedNamespaces?.from === 'Selector' && !has(spec.allowedNamespaces, 'selector'))
    add(
      'cel-allowed-namespaces-selector',
      ['spec', 'allowedNamespaces'],
      'selector must be specified when from is Selector',
    );
  (Array.isArray(decl?.tools) ? decl!.tools : []).forEach((t: Obj, i: number) => {
    const p = ['spec', 'declarative', 'tools', i];
    if (!t || typeof t !== 'object') return;
    if (t.type === 'McpServer' && !has(t, 'mcpServer'))
      add('cel-tool-type', p, 'type.mcpServer must be specified for McpServer filter.type');
    if (t.type !== undefined && t.type !== 'McpServer' && has(t, 'mcpServer'))
      add('cel-tool-type', [...p, 'mcpServer'], 'type.mcpServer must be nil if the type is not McpServer');
    if (t.type === 'Agent' && !has(t, 'agent'))
      add('cel-tool-type', p, 'type.agent must be specified for Agent filter.type');
    if (t.type !== undefined && t.type !== 'Agent' && has(t, 'agent'))
      add('cel-tool-type', [...p, 'agent'], 'type.agent must be nil if the type is not Agent');
    if (has(t, 'isolateSessions') && t.type !== 'Agent')
      add('cel-isolate-sessions', [...p, 'isolateSessions'], 'isolateSessions can only be set when type is Agent');
    const m: Obj | undefined = t.mcpServer;
    if (Array.isArray(m?.requireApproval)) {
      const names = new Set(Array.isArray(m!.toolNames) ? m!.toolNames : []);
      m!.requireApproval.forEach((n: unknown, j: number) => {
        if (!names.has(n))
          add(
            'cel-require-approval-subset',
            [...p, 'mcpServer', 'requireApproval', j],
            `requireApproval entry '${String(n)}' must be one of toolNames`,
          );
      });
    }
    valueRefs(t.headersFrom, [...p, 'headersFrom'], add);
  });
  return out;
}

function valueRefs(
  refs: unknown,
  path: FieldPath,
  add: (rule: RuleId, path: FieldPath, message: string) => void,
): void {
  if (!Array.isArray(refs)) return;
  refs.forEach((r: Obj, i) => {
    if (r && has(r, 'value') === has(r, 'valueFrom'))
      add('cel-value-ref', [...path, i], 'Exactly one of value or valueFrom must be specified');
  });
}

const PROVIDER_BLOCKS: Record<string, string> = {
  openAI: 'OpenAI',
  anthropic: 'Anthropic',
  azureOpenAI: 'AzureOpenAI',
  ollama: 'Ollama',
  gemini: 'Gemini',
  geminiVertexAI: 'GeminiVertexAI',
  anthropicVertexAI: 'AnthropicVertexAI',
  bedrock: 'Bedrock',
  sapAICore: 'SAPAICore',
  foundry: 'Foundry',
};

function modelConfigRules(spec: Obj): CelViolation[] {
  const out: CelViolation[] = [];
  const add = (rule: RuleId, path: FieldPath, message: string) => out.push({ rule, path, message });
  const provider = spec.provider;
  for (const [block, name] of Object.entries(PROVIDER_BLOCKS)) {
    if (has(spec, block) && provider !== undefined && provider !== name)
      add('cel-provider-block', ['spec', block], `provider.${block} must be nil if the provider is not ${name}`);
  }
  if (nonEmpty(spec.apiKeySecretKey) && !nonEmpty(spec.apiKeySecret))
    add('cel-api-key-secret', ['spec', 'apiKeySecretKey'], 'apiKeySecret must be set if apiKeySecretKey is set');
  if (
    nonEmpty(spec.apiKeySecret) &&
    !nonEmpty(spec.apiKeySecretKey) &&
    provider !== 'Bedrock' &&
    provider !== 'SAPAICore'
  )
    add(
      'cel-api-key-secret',
      ['spec', 'apiKeySecret'],
      'apiKeySecretKey must be set if apiKeySecret is set (except for Bedrock and SAPAICore providers)',
    );
  if (spec.apiKeyPassthrough === true && nonEmpty(spec.apiKeySecret))
    add(
      'cel-api-key-passthrough',
      ['spec', 'apiKeyPassthrough'],
      'apiKeyPassthrough and apiKeySecret are mutually exclusive',
    );
  if (spec.apiKeyPassthrough === true && ['Gemini', 'GeminiVertexAI', 'AnthropicVertexAI'].includes(provider))
    add(
      'cel-api-key-passthrough',
      ['spec', 'apiKeyPassthrough'],
      `apiKeyPassthrough must be false if provider is ${provider}`,
    );
  const o: Obj | undefined = spec.openAI;
  if (has(o, 'maxTokens') && has(o, 'maxCompletionTokens'))
    add(
      'cel-openai-max-tokens',
      ['spec', 'openAI', 'maxCompletionTokens'],
      'maxTokens and maxCompletionTokens are mutually exclusive',
    );
  if (has(o, 'tokenExchange') && !nonEmpty(spec.apiKeySecret))
    add('cel-token-exchange', ['spec', 'openAI', 'tokenExchange'], 'openAI.tokenExchange requires apiKeySecret');
  if (has(o, 'tokenExchange') && spec.apiKeyPassthrough === true)
    add(
      'cel-token-exchange',
      ['spec', 'openAI', 'tokenExchange'],
      'openAI.tokenExchange and apiKeyPassthrough are mutually exclusive',
    );
  if (o?.tokenExchange?.type === 'GDCHServiceAccount' && !has(o.tokenExchange, 'gdchServiceAccount'))
    add(
      'cel-token-exchange',
      ['spec', 'openAI', 'tokenExchange'],
      'gdchServiceAccount must be set when type is GDCHServiceAccount',
    );
  const f: Obj | undefined = spec.foundry;
  if (f && has(f, 'endpoint') === has(f, 'endpointFrom'))
    add(
      'cel-foundry-endpoint',
      ['spec', 'foundry'],
      'exactly one of foundry.endpoint and foundry.endpointFrom must be set',
    );
  out.push(...tlsRules(spec.tls));
  return out;
}

function remoteRules(spec: Obj): CelViolation[] {
  const out: CelViolation[] = [];
  if (typeof spec.url === 'string' && spec.url.startsWith('http://') && has(spec, 'tls')) {
    out.push({
      rule: 'cel-tls-plain-url',
      path: ['spec', 'tls'],
      message: 'spec.tls must be unset when spec.url has http:// scheme; use https:// for TLS',
    });
  }
  const from = spec.allowedNamespaces?.from;
  if (nonEmpty(spec.tls?.caCertSecretRef) && (from === 'All' || from === 'Selector')) {
    out.push({
      rule: 'cel-tls-cross-namespace',
      path: ['spec', 'allowedNamespaces', 'from'],
      message:
        "spec.allowedNamespaces must not permit cross-namespace access (from: All or from: Selector) when spec.tls.caCertSecretRef is set: the CA Secret is mounted in the consuming agent's namespace",
    });
  }
  if (spec.allowedNamespaces?.from === 'Selector' && !has(spec.allowedNamespaces, 'selector'))
    out.push({
      rule: 'cel-allowed-namespaces-selector',
      path: ['spec', 'allowedNamespaces'],
      message: 'selector must be specified when from is Selector',
    });
  const add = (rule: RuleId, path: FieldPath, message: string) => out.push({ rule, path, message });
  valueRefs(spec.headersFrom, ['spec', 'headersFrom'], add);
  out.push(...tlsRules(spec.tls));
  return out;
}

function tlsRules(tls: Obj | undefined): CelViolation[] {
  if (!tls) return [];
  const out: CelViolation[] = [];
  if (nonEmpty(tls.caCertSecretKey) && !nonEmpty(tls.caCertSecretRef))
    out.push({
      rule: 'cel-tls-ca',
      path: ['spec', 'tls', 'caCertSecretKey'],
      message: 'caCertSecretKey requires caCertSecretRef',
    });
  if (nonEmpty(tls.caCertSecretRef) && !nonEmpty(tls.caCertSecretKey))
    out.push({
      rule: 'cel-tls-ca',
      path: ['spec', 'tls', 'caCertSecretRef'],
      message: 'caCertSecretRef requires caCertSecretKey',
    });
  if (tls.disableSystemCAs === true && !nonEmpty(tls.caCertSecretRef) && tls.disableVerify !== true)
    out.push({
      rule: 'cel-tls-ca',
      path: ['spec', 'tls', 'disableSystemCAs'],
      message:
        'disableSystemCAs requires caCertSecretRef or disableVerify (trust-nothing config rejects every upstream)',
    });
  return out;
}
