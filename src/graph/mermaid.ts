/**
 * `kagent-render graph`: a Mermaid flowchart of what uses what —
 * Agent → tool targets (MCPServer / RemoteMCPServer / Service / Agent) → TLS Secrets,
 * Agent → ModelConfig (the agent's, memory's and the summarizer's) → CA Secret or Foundry
 * endpoint ConfigMap. Read from the inputs only, so it works on a broken repo too.
 */
import type { InputObject } from '../model/source.js';

type Edge = [from: string, to: string, label: string];

export function renderGraph(inputs: readonly InputObject[]): string {
  const nodes = new Map<string, string>();
  const edges: Edge[] = [];
  const node = (kind: string, namespace: string, name: string): string => {
    const id = nodeId(kind, namespace, name);
    if (!nodes.has(id)) nodes.set(id, `${id}["${escapeLabel(`${kind}<br/>${namespace}/${name}`)}"]`);
    return id;
  };

  for (const o of inputs) {
    if (o.kind === 'Agent' && o.apiVersion.startsWith('kagent.dev/')) {
      const agent = node('Agent', o.namespace, o.name);
      const decl = record(record(o.body.spec).declarative);
      const models: Array<[unknown, string]> = [
        [decl.modelConfig, 'model'],
        [record(decl.memory).modelConfig, 'memory model'],
        [record(record(record(decl.context).compaction).summarizer).modelConfig, 'summarizer model'],
      ];
      for (const [name, label] of models) {
        if (typeof name === 'string' && name) edges.push([agent, node('ModelConfig', o.namespace, name), label]);
      }
      for (const tool of list(decl.tools)) {
        const t = record(tool);
        const mcp = record(t.mcpServer);
        const sub = record(t.agent);
        if (typeof mcp.name === 'string') {
          const kind = typeof mcp.kind === 'string' && mcp.kind ? mcp.kind : 'MCPServer';
          const ns = typeof mcp.namespace === 'string' && mcp.namespace ? mcp.namespace : o.namespace;
          edges.push([agent, node(kind, ns, mcp.name), 'tool']);
        } else if (typeof sub.name === 'string') {
          const ns = typeof sub.namespace === 'string' && sub.namespace ? sub.namespace : o.namespace;
          const kind = sub.kind === 'SandboxAgent' ? 'SandboxAgent' : 'Agent';
          edges.push([agent, node(kind, ns, sub.name), 'agent tool']);
        }
      }
    } else if (o.kind === 'MCPServer' && o.apiVersion.startsWith('kagent.dev/')) {
      const server = node('MCPServer', o.namespace, o.name);
      const tls = record(record(record(o.body.spec).httpTransport).tls);
      if (typeof tls.secretRef === 'string' && tls.secretRef) {
        edges.push([server, node('Secret', o.namespace, tls.secretRef), 'client cert']);
      }
    } else if ((o.kind === 'RemoteMCPServer' || o.kind === 'ModelConfig') && o.apiVersion.startsWith('kagent.dev/')) {
      const from = node(o.kind, o.namespace, o.name);
      const tls = record(record(o.body.spec).tls);
      if (typeof tls.caCertSecretRef === 'string' && tls.caCertSecretRef) {
        edges.push([from, node('Secret', o.namespace, tls.caCertSecretRef), 'CA bundle']);
      }
      const endpointFrom = record(record(record(o.body.spec).foundry).endpointFrom);
      if (o.kind === 'ModelConfig' && typeof endpointFrom.name === 'string' && endpointFrom.name) {
        edges.push([from, node('ConfigMap', o.namespace, endpointFrom.name), 'Foundry endpoint']);
      }
    }
  }

  const lines = ['graph LR'];
  for (const id of [...nodes.keys()].sort()) lines.push(`  ${nodes.get(id)}`);
  const seen = new Set<string>();
  for (const [from, to, label] of [...edges].sort(compareEdges)) {
    const line = `  ${from} -->|${label}| ${to}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid ids must be plain words; names may hold dots and dashes. */
function nodeId(kind: string, namespace: string, name: string): string {
  return `${kind}__${namespace}__${name}`.replace(/[^A-Za-z0-9_]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`);
}

function escapeLabel(s: string): string {
  return s.replace(/"/g, '#quot;');
}

function compareEdges(a: Edge, b: Edge): number {
  const ka = a.join('\0');
  const kb = b.join('\0');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
