import { describe, expect, it } from 'vitest';
import { celViolations } from './cel.js';

const rules = (kind: string, spec: object) => celViolations(kind, { spec }).map((v) => `${v.rule} ${v.path.join('.')}`);

describe('CEL rules of the CRDs', () => {
  it('Agent: systemMessage and systemMessageFrom are exclusive', () => {
    expect(
      rules('Agent', {
        type: 'Declarative',
        declarative: { systemMessage: 'a', systemMessageFrom: { type: 'ConfigMap', name: 'c', key: 'k' } },
      }),
    ).toEqual(['cel-system-message-exclusive spec.declarative.systemMessageFrom']);
  });

  it('Agent tools: requireApproval ⊆ toolNames, exactly one of value/valueFrom, type matches the reference', () => {
    expect(
      rules('Agent', {
        type: 'Declarative',
        declarative: {
          tools: [
            {
              type: 'McpServer',
              mcpServer: { name: 'm', toolNames: ['a'], requireApproval: ['a', 'b'] },
              headersFrom: [{ name: 'h' }],
            },
            { type: 'Agent', mcpServer: { name: 'm' } },
            { type: 'McpServer', mcpServer: { name: 'm' }, isolateSessions: true },
          ],
        },
      }),
    ).toEqual([
      'cel-require-approval-subset spec.declarative.tools.0.mcpServer.requireApproval.1',
      'cel-value-ref spec.declarative.tools.0.headersFrom.0',
      'cel-tool-type spec.declarative.tools.1.mcpServer',
      'cel-tool-type spec.declarative.tools.1',
      'cel-isolate-sessions spec.declarative.tools.2.isolateSessions',
    ]);
  });

  it('ModelConfig: provider blocks match the provider; key secret pairs; passthrough rules', () => {
    expect(rules('ModelConfig', { provider: 'OpenAI', model: 'm', anthropic: {}, apiKeySecret: 's' })).toEqual([
      'cel-provider-block spec.anthropic',
      'cel-api-key-secret spec.apiKeySecret',
    ]);
    expect(
      rules('ModelConfig', { provider: 'Bedrock', model: 'm', bedrock: { region: 'r' }, apiKeySecret: 's' }),
    ).toEqual([]);
    expect(rules('ModelConfig', { provider: 'Gemini', model: 'm', apiKeyPassthrough: true })).toEqual([
      'cel-api-key-passthrough spec.apiKeyPassthrough',
    ]);
  });

  it('RemoteMCPServer: no tls with an http:// URL; CA pinning forbids cross-namespace use; TLS pairs', () => {
    expect(
      rules('RemoteMCPServer', {
        url: 'http://x/mcp',
        tls: { caCertSecretRef: 'ca' },
        allowedNamespaces: { from: 'All' },
      }),
    ).toEqual([
      'cel-tls-plain-url spec.tls',
      'cel-tls-cross-namespace spec.allowedNamespaces.from',
      'cel-tls-ca spec.tls.caCertSecretRef',
    ]);
    expect(rules('RemoteMCPServer', { url: 'https://x', tls: { disableSystemCAs: true } })).toEqual([
      'cel-tls-ca spec.tls.disableSystemCAs',
    ]);
  });

  it('MCPServer: serviceAccount and serviceAccountName are exclusive', () => {
    expect(rules('MCPServer', { deployment: { serviceAccount: {}, serviceAccountName: 'x' } })).toEqual([
      'cel-service-account-exclusive spec.deployment',
    ]);
  });
});
