import { describe, expect, it } from 'vitest';
import { renderGraph } from './mermaid.js';
import type { InputObject } from '../model/source.js';

function obj(apiVersion: string, kind: string, namespace: string, name: string, spec: unknown): InputObject {
  return {
    apiVersion,
    kind,
    namespace,
    name,
    body: { apiVersion, kind, metadata: { name, namespace }, spec },
    origin: { file: 'x.yaml', index: 0, at: () => ({ file: 'x.yaml', line: 1, col: 1 }) },
  };
}

describe('renderGraph', () => {
  it('draws agent → model, agent → MCPServer → client-cert Secret, in a stable order', () => {
    const inputs = [
      obj('kagent.dev/v1alpha1', 'MCPServer', 'ns', 'secure-mcp', { httpTransport: { tls: { secretRef: 'client' } } }),
      obj('kagent.dev/v1alpha2', 'Agent', 'ns', 'a', {
        declarative: { modelConfig: 'm', tools: [{ mcpServer: { kind: 'MCPServer', name: 'secure-mcp' } }] },
      }),
    ];
    expect(renderGraph(inputs)).toMatchInlineSnapshot(`
      "graph LR
        Agent__ns__a["Agent<br/>ns/a"]
        MCPServer__ns__secure_2d_mcp["MCPServer<br/>ns/secure-mcp"]
        ModelConfig__ns__m["ModelConfig<br/>ns/m"]
        Secret__ns__client["Secret<br/>ns/client"]
        Agent__ns__a -->|tool| MCPServer__ns__secure_2d_mcp
        Agent__ns__a -->|model| ModelConfig__ns__m
        MCPServer__ns__secure_2d_mcp -->|client cert| Secret__ns__client
      "
    `);
    expect(renderGraph([...inputs].reverse())).toBe(renderGraph(inputs));
  });

  it('draws RemoteMCPServer CA bundles and cross-namespace tool targets', () => {
    const g = renderGraph([
      obj('kagent.dev/v1alpha2', 'RemoteMCPServer', 'ns', 'r', { tls: { caCertSecretRef: 'ca' } }),
      obj('kagent.dev/v1alpha2', 'Agent', 'ns', 'a', {
        declarative: { tools: [{ mcpServer: { kind: 'RemoteMCPServer', name: 'r', namespace: 'other' } }] },
      }),
    ]);
    expect(g).toContain('RemoteMCPServer__ns__r -->|CA bundle| Secret__ns__ca');
    expect(g).toContain('Agent__ns__a -->|tool| RemoteMCPServer__other__r');
  });

  it('draws an agent tool to a SandboxAgent as a SandboxAgent node', () => {
    const g = renderGraph([
      obj('kagent.dev/v1alpha2', 'Agent', 'ns', 'a', {
        declarative: { tools: [{ agent: { kind: 'SandboxAgent', name: 'runner' } }, { agent: { name: 'helper' } }] },
      }),
    ]);
    expect(g).toContain('Agent__ns__a -->|agent tool| SandboxAgent__ns__runner');
    expect(g).toContain('Agent__ns__a -->|agent tool| Agent__ns__helper');
  });

  it('draws the memory and summarizer ModelConfigs and a Foundry endpoint ConfigMap', () => {
    const g = renderGraph([
      obj('kagent.dev/v1alpha2', 'Agent', 'ns', 'a', {
        declarative: {
          modelConfig: 'chat',
          memory: { modelConfig: 'embed' },
          context: { compaction: { summarizer: { modelConfig: 'cheap' } } },
        },
      }),
      obj('kagent.dev/v1alpha2', 'ModelConfig', 'ns', 'chat', {
        provider: 'AzureAIFoundry',
        foundry: { endpointFrom: { name: 'foundry', key: 'endpoint' } },
      }),
    ]);
    expect(g).toContain('Agent__ns__a -->|model| ModelConfig__ns__chat');
    expect(g).toContain('Agent__ns__a -->|memory model| ModelConfig__ns__embed');
    expect(g).toContain('Agent__ns__a -->|summarizer model| ModelConfig__ns__cheap');
    expect(g).toContain('ModelConfig__ns__chat -->|Foundry endpoint| ConfigMap__ns__foundry');
  });
});
