/**
 * SPEC §6/§8: same input, same bytes out — whatever order the files arrive in — and Secret
 * values never reach output or diagnostics unless allowed (property test, fixed seed).
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText } from '../src/diagnostics/format.js';
import { planOutputTree } from '../src/emit/files.js';
import { render } from '../src/pipeline.js';
import { discover } from '../src/read/discover.js';
import { resolveSettings } from '../src/settings/settings.js';
import { fixturesDir, listCases } from './harness/golden.js';

function snapshot(files: Parameters<typeof render>[0]): string {
  const r = render(files, resolveSettings({}));
  return (
    [...planOutputTree(r.rendered)].map(([f, c]) => `${f}\n${c}`).join('\n') + r.diagnostics.map(formatText).join('\n')
  );
}

describe('determinism', () => {
  it.each(listCases())('%s renders the same bytes when its files arrive in another order', async (name) => {
    const { files } = await discover(['input'], { cwd: path.join(fixturesDir, name) });
    expect(snapshot([...files].reverse())).toBe(snapshot(files));
  });
});

describe('Secret values', () => {
  const agentWithSecretHeader = (value: string, encoded: boolean) => ({
    path: 'repo.yaml',
    text: `apiVersion: v1
kind: Secret
metadata: {name: token, namespace: ns}
${encoded ? `data: {key: ${Buffer.from(value).toString('base64')}}` : `stringData: {key: ${JSON.stringify(value)}}`}
---
apiVersion: kagent.dev/v1alpha2
kind: ModelConfig
metadata: {name: m, namespace: ns}
spec: {provider: OpenAI, model: gpt-4o, apiKeySecret: token, apiKeySecretKey: key}
---
apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata: {name: s, namespace: ns}
spec: {transportType: http, httpTransport: {targetPort: 3000}, deployment: {image: x}}
---
apiVersion: kagent.dev/v1alpha2
kind: Agent
metadata: {name: a, namespace: ns}
spec:
  type: Declarative
  declarative:
    modelConfig: m
    systemMessage: hi
    tools:
      - type: McpServer
        mcpServer: {kind: MCPServer, name: s}
        headersFrom:
          - name: Authorization
            valueFrom: {type: Secret, name: token, key: key}
`,
  });

  it('never appear in output or diagnostics without --allow-secret-values (raw or base64)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }).filter((s) => /^[A-Za-z0-9]+$/.test(s)),
        fc.boolean(),
        (value, encoded) => {
          const r = render([agentWithSecretHeader(value, encoded)], resolveSettings({}));
          const everything = JSON.stringify(r.rendered) + r.diagnostics.map(formatText).join('\n');
          expect(r.ok).toBe(false);
          expect(everything).not.toContain(value);
          expect(everything).not.toContain(Buffer.from(value).toString('base64'));
        },
      ),
      { seed: 20261124, numRuns: 50 },
    );
  });

  it('are copied into config.json only when allowed', () => {
    const r = render([agentWithSecretHeader('sk-allowed-value', true)], resolveSettings({ allowSecretValues: true }));
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r.rendered)).toContain('sk-allowed-value');
  });
});
