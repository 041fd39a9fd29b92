/**
 * `kagent-render graph`: a Mermaid flowchart of what uses what —
 * Agent → tool targets (MCPServer / RemoteMCPServer / Service / Agent) → TLS Secrets,
 * Agent → ModelConfig (the agent's, memory's and the summarizer's) → CA Secret or Foundry
 * endpoint ConfigMap. Read from the inputs only, so it works on a broken repo too.
 */
import type { InputObject } from '../model/source.js';

type Edge = [from: string, to: string, label: string];

export type GraphFormat = 'mermaid' | 'dot' | 'json';

export interface GraphNode {
  id: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Nodes sorted by id, edges sorted and without repeats: what every format draws. */
export interface Graph {
  nodes: GraphNode[];
  edges: Array<{ from: string; to: string; label: string }>;
}

export function renderGraph(inputs: readonly InputObject[], format: GraphFormat = 'mermaid'): string {
  const g = graphOf(inputs);
  if (format === 'json') return `${JSON.stringify(g, null, 2)}\n`;
  if (format === 'dot') {
    const lines = ['digraph kagent {', '  rankdir=LR;'];
    for (const n of g.nodes) {
      lines.push(`  ${JSON.stringify(n.id)} [label=${JSON.stringify(`${n.kind}\n${n.namespace}/${n.name}`)}];`);
    }
    for (const e of g.edges) {
      lines.push(`  ${JSON.stringify(e.from)} -> ${JSON.stringify(e.to)} [label=${JSON.stringify(e.label)}];`);
    }
    return `${[...lines, '}'].join('\n')}\n`;
  }
  const lines = ['graph LR'];
  for (const n of g.nodes) lines.push(`  ${n.id}["${escapeLabel(`${n.kind}<br/>${n.namespace}/${n.name}`)}"]`);
  for (const e of g.edges) lines.push(`  ${e.from} -->|${e.label}| ${e.to}`);
  return `${lines.join('\n')}\n`;
}

export function graphOf(inputs: readonly InputObject[]): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges: Edge[] = [];
  const node = (kind: string, namespace: string, name: string): string => {
    const id = nodeId(kind, namespace, name);
    if (!nodes.has(id)) nodes.set(id, { id, kind, namespace, name });
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

  const seen = new Set<string>();
  const unique: Graph['edges'] = [];
  for (const [from, to, label] of [...edges].sort(compareEdges)) {
    const key = `${from}\0${to}\0${label}`;
    if (!seen.has(key)) unique.push({ from, to, label });
    seen.add(key);
  }
  return { nodes: [...nodes.keys()].sort().map((id) => nodes.get(id)!), edges: unique };
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
