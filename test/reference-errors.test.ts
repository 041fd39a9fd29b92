/**
 * Reference §8 (kagent-translator.md "Validation and errors"), row by row: every error the
 * controller's translator can raise is either shown by a golden fixture whose
 * diagnostics.txt carries it (a distinctive substring of our message), or explained as
 * something an offline renderer cannot meet. The table is checked against the reference
 * itself, so a message added there without a row here fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './harness/golden.js';

interface Shown {
  /** The message as reference §8 writes it (placeholders and `...` kept). */
  message: string;
  fixture: string;
  /** Must occur in fixtures/<fixture>/diagnostics.txt. */
  substring: string;
  /** Where our wording differs from upstream's, why. */
  note?: string;
}

interface Unmet {
  message: string;
  /** Why kagent-render cannot produce this error, and what it does instead. */
  unmet: string;
}

const NOT_FOUND =
  'upstream surfaces the raw API-client NotFound; offline there is no API server, so the reference is a ref-missing diagnostic naming kind, name, namespace and the field that refers to it';

const ROWS: Array<Shown | Unmet> = [
  {
    message: 'modelconfigs.kagent.dev "x" not found',
    fixture: 'ref-missing-modelconfig',
    substring: "ModelConfig 'does-not-exist' not found in namespace 'agents'",
    note: NOT_FOUND,
  },
  {
    message: 'remotemcpservers.kagent.dev "x" not found',
    fixture: 'ref-missing-tool-targets',
    substring: "RemoteMCPServer 'ghost-remote' not found in namespace 'agents'",
    note: NOT_FOUND,
  },
  {
    message: 'mcpservers.kagent.dev "x" not found',
    fixture: 'ref-missing-tool-targets',
    substring: "MCPServer 'ghost-mcp' not found in namespace 'agents'",
    note: NOT_FOUND,
  },
  {
    message: 'services "x" not found',
    fixture: 'ref-missing-tool-targets',
    substring: "Service 'ghost-service' not found in namespace 'agents'",
    note: NOT_FOUND,
  },
  {
    message: 'agents.kagent.dev "x" not found',
    fixture: 'agent-tools-errors',
    substring: "Agent 'nobody' not found in namespace 'kagent'",
    note: NOT_FOUND,
  },
  {
    message: 'client error about an empty resource name',
    fixture: 'error-model-provider-blocks',
    substring: 'spec.declarative.modelConfig is empty',
    note: 'upstream passes the empty name to the API client; we say which field is empty',
  },
  {
    message: 'AzureOpenAI model config is required',
    fixture: 'rules-agent-translator',
    substring: 'AzureOpenAI model config is required',
  },
  {
    message: 'GeminiVertexAI model config is required',
    fixture: 'error-model-provider-blocks',
    substring: 'GeminiVertexAI model config is required',
  },
  {
    message: 'AnthropicVertexAI model config is required',
    fixture: 'error-model-provider-blocks',
    substring: 'AnthropicVertexAI model config is required',
  },
  {
    message: 'ollama model config is required',
    fixture: 'error-model-provider-blocks',
    substring: 'ollama model config is required',
  },
  {
    message: 'bedrock model config is required',
    fixture: 'error-model-provider-blocks',
    substring: 'bedrock model config is required',
  },
  {
    message: 'sapAICore model config is required',
    fixture: 'error-model-provider-blocks',
    substring: 'sapAICore model config is required',
  },
  {
    message: 'foundry model config is required',
    fixture: 'error-model-provider-blocks',
    substring: 'foundry model config is required',
  },
  {
    message: 'unsupported model provider: X',
    fixture: 'rules-agent-translator',
    substring: 'unsupported model provider: Mystery',
  },
  {
    message: 'failed to get Bedrock credentials secret: ...',
    fixture: 'error-model-credentials-secret',
    substring: "failed to get Bedrock credentials secret: Secret 'aws-credentials' not found",
  },
  {
    message: 'failed to get SAP AI Core credentials secret: ...',
    fixture: 'error-model-credentials-secret',
    substring: "failed to get SAP AI Core credentials secret: Secret 'sap-credentials' not found",
  },
  {
    message: 'the Foundry model provider requires declarative runtime "go"',
    fixture: 'rules-agent-translator',
    substring: 'the Foundry model provider requires declarative runtime "go"',
  },
  {
    message: 'at least one system message source (SystemMessage or SystemMessageFrom) must be specified',
    fixture: 'rules-agent-translator',
    substring: 'at least one system message source (SystemMessage or SystemMessageFrom) must be specified',
  },
  {
    message: 'failed to find Secret ns/name: ...',
    fixture: 'error-value-sources',
    substring: "Secret 'no-such-token' not found in namespace 'kagent'",
    note: NOT_FOUND,
  },
  {
    message: 'key k not found in Secret ns/name',
    fixture: 'error-value-sources',
    substring: "key 'system' not found in Secret kagent/prompts",
  },
  {
    message: 'failed to find ConfigMap for ns/name: ...',
    fixture: 'error-value-sources',
    substring: "ConfigMap 'no-such-prompts' not found in namespace 'kagent'",
    note: NOT_FOUND,
  },
  {
    message: 'key k not found in ConfigMap ns/name',
    fixture: 'rules-references',
    substring: "key 'missing' not found in ConfigMap kagent/headers",
  },
  {
    message: 'unknown value source type: X',
    fixture: 'rules-references',
    substring: 'unknown value source type: Vault',
  },
  {
    message: 'failed to resolve header: failed to resolve value for ref NAME: ...',
    fixture: 'error-value-sources',
    substring: 'at spec.declarative.tools.0.headersFrom.0.valueFrom.name',
    note: 'upstream prefixes the header name; our diagnostic is located at the header entry itself (line:col and field path)',
  },
  {
    message: 'tool must have a provider or tool server',
    fixture: 'rules-agent-translator',
    substring: 'tool must have a provider or tool server',
  },
  {
    message: 'unknown tool server type: Kind.group',
    fixture: 'rules-agent-translator',
    substring: 'unknown tool server type: Gadget.example.com',
  },
  {
    message: 'cannot determine port for MCP server <name>',
    fixture: 'error-mcpserver-port-zero',
    substring: 'cannot determine port for MCP server portless',
  },
  {
    message: 'port in annotation kagent.dev/mcp-service-port is not a valid integer: ...',
    fixture: 'rules-references',
    substring: 'port in annotation kagent.dev/mcp-service-port is not a valid integer: eighty',
  },
  {
    message: 'no port found for service <name> with protocol <p>',
    fixture: 'rules-references',
    substring: 'no port found for service no-ports with protocol STREAMABLE_HTTP',
  },
  {
    message: 'cycle detected in agent tool chain: ...',
    fixture: 'agent-tools-errors',
    substring: 'cycle detected in agent tool chain: kagent/ping -> kagent/pong -> kagent/ping',
  },
  {
    message: 'recursion limit reached in agent tool chain: ...',
    fixture: 'error-agent-tool-recursion',
    substring: 'recursion limit reached in agent tool chain: kagent/level-00 -> ',
  },
  {
    message: 'tool must have an agent reference',
    fixture: 'error-agent-tool-recursion',
    substring: 'tool must have an agent reference',
  },
  {
    message: 'unsupported agent tool kind "K" for agent ns/name',
    fixture: 'agent-tools-errors',
    substring: 'unsupported agent tool kind "Robot" for agent kagent/odd',
  },
  {
    message: 'agent tool cannot be used to reference itself, ns/name',
    fixture: 'agent-tools-errors',
    substring: 'agent tool cannot be used to reference itself, kagent/narcissus',
  },
  {
    message: 'extraContainers: "kagent" is a reserved container name',
    fixture: 'rules-agent-translator',
    substring: 'extraContainers: "kagent" is a reserved container name',
  },
  {
    message: 'extraContainers: duplicate container name "x"',
    fixture: 'rules-agent-translator',
    substring: 'extraContainers: duplicate container name "helper"',
  },
  {
    message: 'BYO deployment spec is required',
    fixture: 'agent-byo-errors',
    substring: 'BYO deployment spec is required',
  },
  {
    message: 'image is required for BYO deployment',
    fixture: 'agent-byo-errors',
    substring: 'image is required for BYO deployment',
  },
  { message: 'unknown agent type: X', fixture: 'rules-agent-translator', substring: 'unknown agent type: Scripted' },
  {
    message: 'sandbox backend is not configured',
    unmet:
      'raised for a sandbox agent when the controller runs without a sandbox backend — a property of the running controller, not of the objects in git; an offline renderer has no backend to be missing',
  },
  {
    message: 'failed to compile agent ns/name: ...',
    unmet:
      "the reconciler's wrapper around every translator error; each of our diagnostics is located at file:line:col of the field instead, and names the agent where another object is at fault",
  },
  {
    message: 'failed to get Foundry endpoint config map ...',
    fixture: 'foundry-endpoint-from-errors',
    substring: 'failed to get Foundry endpoint config map',
  },
  {
    message: 'the Foundry endpoint config map X does not contain key "k"',
    fixture: 'foundry-endpoint-from-errors',
    substring: 'does not contain key',
  },
  {
    message: 'foundry endpoint could not be resolved: ...',
    fixture: 'foundry-endpoint-from-errors',
    substring: 'foundry endpoint could not be resolved',
  },
  {
    message: 'failed to decode secret hash: ...',
    fixture: 'secret-hash-invalid',
    substring: 'failed to decode secret hash',
  },
  {
    message: 'failed to translate summarizer model config "x": ...',
    fixture: 'memory-summarizer-errors',
    substring: 'failed to translate summarizer model config',
  },
  {
    message: 'failed to resolve embedding config: ...',
    fixture: 'memory-summarizer-errors',
    substring: 'failed to resolve embedding config',
  },
  {
    message: 'failed to resolve prompt sources: failed to resolve prompt source "x": ...',
    fixture: 'prompt-error-missing-configmap',
    substring: 'failed to resolve prompt source',
  },
  {
    message: 'duplicate prompt template identifier ...',
    fixture: 'prompt-error-duplicate-identifier',
    substring: 'duplicate prompt template identifier',
  },
  {
    message: 'failed to execute system message template: ...',
    fixture: 'prompt-error-exec',
    substring: 'failed to execute system message template',
  },
  {
    message: 'prompt template "a/b" not found in promptSources, available: [...]',
    fixture: 'prompt-error-template-not-found',
    substring: 'not found in promptSources, available',
  },
  {
    message: 'failed to build skills init container: ...',
    fixture: 'skills-errors',
    substring: 'failed to build skills init container',
  },
  { message: 'git skill "url": skill name ...', fixture: 'skills-errors', substring: 'git skill "' },
  {
    message: 'duplicate skill directory name "x"',
    fixture: 'skills-errors',
    substring: 'duplicate skill directory name',
  },
  {
    message: 'skill subPath must be a relative path without \'..\' segments, got "p"',
    fixture: 'skills-errors',
    substring: 'skill subPath must be a relative path',
  },
  {
    message: 'derived skills-init ConfigMap name "x" is invalid: ...',
    fixture: 'skills-configmap-name-too-long',
    substring: 'derived skills-init ConfigMap name',
  },
];

function diagnosticsOf(fixture: string): string | undefined {
  const file = path.join(fixturesDir, fixture, 'diagnostics.txt');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The backticked messages of the §8 table (its last column), read from the reference. */
function referenceMessages(): string[] {
  const text = readFileSync(new URL('../../shared/reference/kagent-translator.md', import.meta.url), 'utf8');
  const section = text.slice(
    text.indexOf('## 8. Validation and errors'),
    text.indexOf('Not rejected by the translator'),
  );
  const out: string[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('|') || line.startsWith('|---') || line.startsWith('| Condition')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1);
    out.push(...[...cells[cells.length - 1]!.matchAll(/`([^`]*)`/g)].map((m) => m[1]!));
  }
  return out;
}

describe('reference §8 errors', () => {
  it('every message of the §8 table has a row here (shown or unmet)', () => {
    const ours = new Set(ROWS.map((r) => r.message));
    const messages = referenceMessages();
    expect(messages.length).toBeGreaterThanOrEqual(50);
    expect(messages.filter((m) => !ours.has(m))).toEqual([]);
  });

  it.each(ROWS.filter((r): r is Shown => 'fixture' in r).map((r) => [r.message, r] as const))(
    '%s — shown by a fixture',
    (_m, row) => {
      const text = diagnosticsOf(row.fixture);
      expect(text, `fixtures/${row.fixture}/diagnostics.txt`).toBeDefined();
      expect(text).toContain(row.substring);
    },
  );

  it.each(ROWS.filter((r): r is Unmet => 'unmet' in r).map((r) => [r.message, r] as const))(
    '%s — cannot be met offline, with a reason',
    (_m, row) => {
      expect(row.unmet.length).toBeGreaterThan(40);
    },
  );
});
