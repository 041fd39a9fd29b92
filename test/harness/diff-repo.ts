/**
 * A scratch git repository for `kagent-render diff`: one commit per kind of change a reviewer
 * meets. Input Secrets carry values that must never appear in any diff output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const hasGit = spawnSync('git', ['--version']).status === 0;

/** Every Secret value of the repository (as written and decoded): none may be printed. */
export const SECRET_VALUES = [
  'sk-ünïcødé-tøken-9f3b2a', // the header token (data, base64)
  'sk-rotated-tøken-77e1c0', // the token after rotation
  'CLIENT-A-PRIVATE-KEY-5d1e',
  'CLIENT-B-PRIVATE-KEY-8c2f',
  'CLIENT-A-CERT-0a9b',
  'CLIENT-B-CERT-3f4e',
];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const PHRASE = 'Réponds avec soin — 答えは簡潔に 🙂 ';
export const LONG_SYSTEM_MESSAGE = `${PHRASE.repeat(120)}MIDDLE-WORD ${'and keep going '.repeat(80)}`;

function models(model: string, token: string, tenant: string): string {
  return `apiVersion: kagent.dev/v1alpha2
kind: ModelConfig
metadata:
  name: model
  namespace: agents
spec:
  provider: OpenAI
  model: ${model}
  apiKeySecret: openai-key
  apiKeySecretKey: OPENAI_API_KEY
---
apiVersion: v1
kind: Secret
metadata:
  name: tool-token
  namespace: agents
data:
  token: ${b64(token)}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: headers
  namespace: agents
data:
  tenant: ${tenant}
`;
}

function servers(tlsSecret: string, withLegacy: boolean): string {
  return `apiVersion: v1
kind: Secret
metadata:
  name: client-a
  namespace: agents
type: kubernetes.io/tls
stringData:
  tls.crt: CLIENT-A-CERT-0a9b
  tls.key: CLIENT-A-PRIVATE-KEY-5d1e
---
apiVersion: v1
kind: Secret
metadata:
  name: client-b
  namespace: agents
type: kubernetes.io/tls
data:
  tls.crt: ${b64('CLIENT-B-CERT-3f4e')}
  tls.key: ${b64('CLIENT-B-PRIVATE-KEY-8c2f')}
---
apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata:
  name: tickets
  namespace: agents
spec:
  transportType: http
  httpTransport:
    targetPort: 8443
    path: /mcp
    tls:
      secretRef: ${tlsSecret}
  deployment:
    image: ghcr.io/example/tickets-mcp:1.0.0
    port: 8443
${
  withLegacy
    ? `---
apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata:
  name: legacy
  namespace: agents
spec:
  transportType: stdio
  stdioTransport: {}
  deployment:
    cmd: npx
    args: ["-y", "@example/legacy-mcp"]
`
    : ''
}`;
}

function agent(name: string, tools: string[], systemMessage: string, comment = ''): string {
  const toolItems = tools
    .map((t) =>
      t === 'legacy'
        ? `      - type: McpServer
        mcpServer:
          apiGroup: kagent.dev
          kind: MCPServer
          name: legacy
          toolNames: [legacy-tool]
`
        : `      - type: McpServer
        mcpServer:
          apiGroup: kagent.dev
          kind: MCPServer
          name: tickets
          toolNames: [create-ticket, close-ticket]
        headersFrom:
          - name: Authorization
            valueFrom:
              type: Secret
              name: tool-token
              key: token
          - name: X-Tenant
            valueFrom:
              type: ConfigMap
              name: headers
              key: tenant
`,
    )
    .join('');
  return `${comment}apiVersion: kagent.dev/v1alpha2
kind: Agent
metadata:
  name: ${name}
  namespace: agents
spec:
  type: Declarative
  description: Files and closes tickets.
  declarative:
    modelConfig: model
    systemMessage: ${JSON.stringify(systemMessage)}
    tools:
${toolItems}`;
}

interface State {
  model: string;
  token: string;
  tenant: string;
  tls: string;
  legacy: boolean;
  tools: string[];
  systemMessage: string;
  second: boolean;
  comment: string;
}

/** The commits, in order; each changes one thing of the state before it. */
export const STEPS: Array<{ name: string; change: Partial<State> }> = [
  { name: 'change-model', change: { model: 'gpt-4o-mini' } },
  { name: 'add-tool', change: { tools: ['tickets', 'legacy'] } },
  { name: 'remove-tool', change: { tools: ['tickets'] } },
  { name: 'rotate-tls-secret', change: { tls: 'client-b' } },
  { name: 'change-configmap-header', change: { tenant: 'globex' } },
  { name: 'rotate-secret-header', change: { token: 'sk-rotated-tøken-77e1c0' } },
  { name: 'add-agent', change: { second: true } },
  { name: 'delete-mcpserver', change: { legacy: false } },
  { name: 'comment-only', change: { comment: '# Reviewed by the platform team.\n' } },
  { name: 'long-unicode-value', change: { systemMessage: LONG_SYSTEM_MESSAGE.replace('MIDDLE-WORD', 'MITTE-WÖRT') } },
];

function write(dir: string, s: State): void {
  writeFileSync(path.join(dir, 'kagent-render.yaml'), 'allowSecretValues: true\n');
  writeFileSync(path.join(dir, 'models.yaml'), models(s.model, s.token, s.tenant));
  writeFileSync(path.join(dir, 'servers.yaml'), servers(s.tls, s.legacy));
  const agents = [agent('assistant', s.tools, s.systemMessage, s.comment)];
  if (s.second) agents.push(agent('reviewer', ['tickets'], 'You review tickets.'));
  writeFileSync(path.join(dir, 'agents.yaml'), agents.join('---\n'));
}

/** The repository, with a tag per commit: `start`, then each step's name. */
export function buildDiffRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kagent-render-diff-repo-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('config', 'commit.gpgsign', 'false');
  let state: State = {
    model: 'gpt-4o',
    token: SECRET_VALUES[0],
    tenant: 'acme',
    tls: 'client-a',
    legacy: true,
    tools: ['tickets'],
    systemMessage: LONG_SYSTEM_MESSAGE,
    second: false,
    comment: '',
  };
  write(dir, state);
  git('add', '-A');
  git('commit', '-q', '-m', 'start');
  git('tag', 'start');
  for (const step of STEPS) {
    state = { ...state, ...step.change };
    write(dir, state);
    git('add', '-A');
    git('commit', '-q', '-m', step.name);
    git('tag', step.name);
  }
  return dir;
}
