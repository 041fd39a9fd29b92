// Deterministic generator of realistic kagent repositories for benchmarks:
// N Agents over N/20 files in several namespaces, shared ModelConfigs, a pool of N/2
// MCPServers of both transports (~30% with httpTransport.tls), RemoteMCPServers with CA
// TLS, headers from ConfigMaps.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Small deterministic PRNG (mulberry32) so every run generates the same bytes. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateRepo(dir, agents, seed = 42) {
  const random = rng(seed);
  const namespaces = ['team-a', 'team-b', 'team-c', 'team-d'];
  const servers = Math.max(1, Math.floor(agents / 2));
  const files = Math.max(1, Math.floor(agents / 20));
  mkdirSync(dir, { recursive: true });
  let inputs = 0;

  const shared = [];
  for (const ns of namespaces) {
    shared.push(`apiVersion: kagent.dev/v1alpha2
kind: ModelConfig
metadata:
  name: default-model
  namespace: ${ns}
spec:
  provider: OpenAI
  model: gpt-4o
  apiKeySecret: openai
  apiKeySecretKey: key
  openAI:
    temperature: "0.2"
---
apiVersion: kagent.dev/v1alpha2
kind: RemoteMCPServer
metadata:
  name: partner
  namespace: ${ns}
spec:
  description: partner tools
  url: https://partner.example.com/mcp
  tls:
    caCertSecretRef: partner-ca
    caCertSecretKey: ca.crt
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: headers
  namespace: ${ns}
data:
  tenant: acme
`);
    inputs += 3;
  }
  writeFileSync(path.join(dir, 'shared.yaml'), shared.join('---\n'));

  const serverDocs = [];
  for (let i = 0; i < servers; i++) {
    const ns = namespaces[i % namespaces.length];
    const http = random() < 0.5;
    const tls = http && random() < 0.6;
    serverDocs.push(`apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata:
  name: mcp-${i}
  namespace: ${ns}
spec:
  transportType: ${http ? 'http' : 'stdio'}
${http ? `  httpTransport:\n    targetPort: ${tls ? 8443 : 8080}\n${tls ? `    tls:\n      secretRef: mcp-client-${i % 7}\n` : ''}` : ''}  deployment:
    image: ghcr.io/example/mcp-${i % 13}:1.${i % 5}.0
    port: ${tls ? 8443 : http ? 8080 : 3000}
    args: ["--verbose"]
    env:
      LOG_LEVEL: info
      REGION: eu-${i % 3}
`);
    inputs++;
  }
  writeFileSync(path.join(dir, 'mcpservers.yaml'), serverDocs.join('---\n'));

  const perFile = Math.ceil(agents / files);
  for (let f = 0; f < files; f++) {
    const docs = [];
    for (let j = 0; j < perFile; j++) {
      const i = f * perFile + j;
      if (i >= agents) break;
      const ns = namespaces[i % namespaces.length];
      const tools = [];
      const count = 1 + Math.floor(random() * 3);
      for (let t = 0; t < count; t++) {
        // A server in the agent's namespace: mcp-k lives in namespaces[k % 4].
        const lane = i % namespaces.length;
        const slots = Math.max(1, Math.floor((servers - 1 - lane) / namespaces.length) + 1);
        const s = Math.floor(random() * slots) * namespaces.length + lane;
        tools.push(`      - type: McpServer
        mcpServer:
          kind: MCPServer
          name: mcp-${s < servers ? s : 0}
        headersFrom:
          - name: X-Tenant
            valueFrom: {type: ConfigMap, name: headers, key: tenant}`);
      }
      tools.push(`      - type: McpServer
        mcpServer:
          kind: RemoteMCPServer
          name: partner`);
      docs.push(`apiVersion: kagent.dev/v1alpha2
kind: Agent
metadata:
  name: agent-${i}
  namespace: ${ns}
spec:
  type: Declarative
  description: Benchmark agent ${i}
  declarative:
    modelConfig: default-model
    systemMessage: You are agent ${i}.
    tools:
${[...new Set(tools)].join('\n')}
`);
      inputs++;
    }
    writeFileSync(path.join(dir, `agents-${String(f).padStart(4, '0')}.yaml`), docs.join('---\n'));
  }
  return { inputs, servers };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n] = process.argv.slice(2);
  console.log(generateRepo(dir, Number(n)));
}
