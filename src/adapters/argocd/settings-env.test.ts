import { describe, expect, it } from 'vitest';
import { flagsFromArgoEnv } from './settings-env.js';

describe('flagsFromArgoEnv', () => {
  it('maps ARGOCD_ENV_KAGENT_RENDER_* onto build flags, prefixed spelling winning over the pre-2.4 one', () => {
    expect(
      flagsFromArgoEnv({
        KAGENT_RENDER_PROFILE: 'gitops',
        ARGOCD_ENV_KAGENT_RENDER_PROFILE: 'controller',
        ARGOCD_ENV_KAGENT_RENDER_ALLOW_SECRET_VALUES: 'true',
        ARGOCD_ENV_KAGENT_RENDER_CRD_DEFAULTS: 'false',
        ARGOCD_ENV_KAGENT_RENDER_OTEL_ENV: 'OTEL_A=1,OTEL_B=2',
      }),
    ).toEqual(['--profile', 'controller', '--no-crd-defaults', '--otel-env', 'OTEL_A=1', '--otel-env', 'OTEL_B=2', '--allow-secret-values']);
  });

  it('reads plugin parameters (string, map, array) from ARGOCD_APP_PARAMETERS', () => {
    const env = {
      ARGOCD_APP_PARAMETERS: JSON.stringify([
        { name: 'imageTag', string: '0.10.0' },
        { name: 'defaultAgentPodLabels', map: { z: '1', a: '2' } },
        { name: 'agents', array: ['ns/a', 'ns/b'] },
      ]),
    };
    expect(flagsFromArgoEnv(env)).toEqual([
      '--image-tag', '0.10.0',
      '--default-agent-pod-labels', 'a=2', '--default-agent-pod-labels', 'z=1',
      '--agent', 'ns/a', '--agent', 'ns/b',
    ]);
  });

  it('passes the proxy URL on as --proxy-url, from env or from a plugin parameter', () => {
    expect(flagsFromArgoEnv({ ARGOCD_ENV_KAGENT_RENDER_PROXY_URL: 'http://proxy.kagent:8080' })).toEqual(['--proxy-url', 'http://proxy.kagent:8080']);
    expect(flagsFromArgoEnv({ ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'proxyUrl', string: 'http://p:1' }]) })).toEqual(['--proxy-url', 'http://p:1']);
  });

  it('passes the controller knobs on, from env or plugin parameters', () => {
    expect(
      flagsFromArgoEnv({
        ARGOCD_ENV_KAGENT_RENDER_MCP_EGRESS_PLAINTEXT: 'true',
        ARGOCD_ENV_KAGENT_RENDER_DEFAULT_AGENT_NODE_SELECTOR: 'disk=ssd',
        ARGOCD_ENV_KAGENT_RENDER_AGENT_BIND_HOST: '::',
        ARGOCD_ENV_KAGENT_RENDER_UI_URL: 'https://ui',
      }),
    ).toEqual(['--mcp-egress-plaintext', '--default-agent-node-selector', 'disk=ssd', '--agent-bind-host', '::', '--ui-url', 'https://ui']);
    const params = [
      { name: 'mcpEgressPlaintext', string: 'false' },
      { name: 'defaultAgentNodeSelector', map: { zone: 'a' } },
      { name: 'agentBindHost', string: '::' },
      { name: 'uiUrl', string: 'https://ui' },
    ];
    expect(flagsFromArgoEnv({ ARGOCD_APP_PARAMETERS: JSON.stringify(params) })).toEqual(['--default-agent-node-selector', 'zone=a', '--agent-bind-host', '::', '--ui-url', 'https://ui']);
  });

  it("uses the Application's destination namespace when no namespace is configured", () => {
    expect(flagsFromArgoEnv({ ARGOCD_APP_NAMESPACE: 'prod' })).toEqual(['--namespace', 'prod']);
    expect(flagsFromArgoEnv({ ARGOCD_APP_NAMESPACE: 'prod', ARGOCD_ENV_KAGENT_RENDER_NAMESPACE: 'x' })).toEqual(['--namespace', 'x']);
  });

  it('rejects bad JSON, unknown parameters and non-boolean booleans as usage errors', () => {
    expect(() => flagsFromArgoEnv({ ARGOCD_APP_PARAMETERS: '{' })).toThrow(/not valid JSON/);
    expect(() => flagsFromArgoEnv({ ARGOCD_APP_PARAMETERS: '[{"name":"nope","string":"x"}]' })).toThrow(/unknown plugin parameter 'nope'/);
    expect(() => flagsFromArgoEnv({ ARGOCD_ENV_KAGENT_RENDER_ALLOW_SECRET_VALUES: 'yes' })).toThrow(/"true" or "false"/);
  });
});
