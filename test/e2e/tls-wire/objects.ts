/** The input objects of the TLS wire tests (what a user commits), built in code so each case can vary one thing. */
import type { Pem } from './pki.js';

type Obj = Record<string, any>;

export const NS = 'kagent';
export const AGENT = 'secure-agent';
export const TOOL_NAMES = ['get-sum', 'echo'];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function modelConfig(): Obj {
  return {
    apiVersion: 'kagent.dev/v1alpha2',
    kind: 'ModelConfig',
    metadata: { name: 'default-model-config', namespace: NS },
    spec: { provider: 'OpenAI', model: 'gpt-4o', apiKeySecret: 'kagent-openai', apiKeySecretKey: 'OPENAI_API_KEY' },
  };
}

/** An MCPServer serving HTTPS on 8443; `tls` = its `httpTransport.tls` block (omitted when undefined). */
export function mcpServer(name: string, tls?: { secretRef: string; insecureSkipVerify?: boolean }): Obj {
  return {
    apiVersion: 'kagent.dev/v1alpha1',
    kind: 'MCPServer',
    metadata: { name, namespace: NS },
    spec: {
      transportType: 'http',
      httpTransport: { targetPort: 8443, path: '/mcp', ...(tls ? { tls } : {}) },
      deployment: { image: 'ghcr.io/example/secure-mcp-server:1.4.0', port: 8443 },
    },
  };
}

/** The client certificate Secret of SPEC §3.1 (`kubernetes.io/tls`: tls.crt, tls.key, ca.crt). */
export function tlsSecret(name: string, client: Pem, ca: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: NS },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': b64(client.cert), 'tls.key': b64(client.key), 'ca.crt': b64(ca) },
  };
}

/** A CA bundle Secret for upstream `spec.tls.caCertSecretRef`. */
export function caSecret(name: string, ca: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: NS },
    type: 'Opaque',
    data: { 'ca.crt': b64(ca) },
  };
}

export function headersConfigMap(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'mcp-headers', namespace: NS },
    data: { tenant: 'acme' },
  };
}

/** Headers of the Agent's tool reference: one static value, one from the ConfigMap above. */
export const TOOL_HEADERS = [
  { name: 'X-Static', value: 'static-value' },
  { name: 'X-Tenant', valueFrom: { type: 'ConfigMap', name: 'mcp-headers', key: 'tenant' } },
];

/** A RemoteMCPServer with upstream CA TLS (`spec.tls.caCertSecretRef`) and a static header. */
export function remoteMcpServer(
  name: string,
  url: string,
  protocol: 'STREAMABLE_HTTP' | 'SSE',
  caSecretName: string,
): Obj {
  return {
    apiVersion: 'kagent.dev/v1alpha2',
    kind: 'RemoteMCPServer',
    metadata: { name, namespace: NS },
    spec: {
      description: `remote ${protocol} server`,
      url,
      protocol,
      headersFrom: [{ name: 'X-Remote', value: 'remote-value' }],
      tls: { caCertSecretRef: caSecretName, caCertSecretKey: 'ca.crt' },
    },
  };
}

export function tool(kind: 'MCPServer' | 'RemoteMCPServer', name: string, withHeaders = true): Obj {
  return {
    type: 'McpServer',
    mcpServer: { apiGroup: 'kagent.dev', kind, name, toolNames: TOOL_NAMES },
    ...(withHeaders ? { headersFrom: TOOL_HEADERS } : {}),
  };
}

export function agent(tools: Obj[]): Obj {
  return {
    apiVersion: 'kagent.dev/v1alpha2',
    kind: 'Agent',
    metadata: { name: AGENT, namespace: NS },
    spec: {
      type: 'Declarative',
      description: 'Uses the tools of mTLS-protected MCP servers.',
      declarative: { modelConfig: 'default-model-config', systemMessage: 'You are a careful assistant.', tools },
    },
  };
}
