import { describe, expect, it } from 'vitest';
import { argoSettings } from './settings-env.js';

const merged = (env: Record<string, string>) => {
  const { overrides } = argoSettings(env);
  return Object.assign({}, ...overrides.map((l) => l.settings));
};

describe('argoSettings', () => {
  it('maps ARGOCD_ENV_KAGENT_RENDER_* onto settings, prefixed spelling winning over the pre-2.4 one', () => {
    expect(
      merged({
        KAGENT_RENDER_PROFILE: 'gitops',
        ARGOCD_ENV_KAGENT_RENDER_PROFILE: 'controller',
        ARGOCD_ENV_KAGENT_RENDER_ALLOW_SECRET_VALUES: 'true',
        ARGOCD_ENV_KAGENT_RENDER_CRD_DEFAULTS: 'false',
        ARGOCD_ENV_KAGENT_RENDER_OTEL_ENV: 'OTEL_A=1,OTEL_B=2',
      }),
    ).toEqual({
      profile: 'controller',
      allowSecretValues: true,
      crdDefaults: false,
      otelEnv: { OTEL_A: '1', OTEL_B: '2' },
    });
  });

  it('reads plugin parameters (string, map, array) from ARGOCD_APP_PARAMETERS, env winning', () => {
    const env = {
      ARGOCD_APP_PARAMETERS: JSON.stringify([
        { name: 'imageTag', string: '0.10.0' },
        { name: 'defaultAgentPodLabels', map: { z: '1', a: '2' } },
        { name: 'agents', array: ['ns/a', 'ns/b'] },
      ]),
      ARGOCD_ENV_KAGENT_RENDER_IMAGE_TAG: '0.11.0',
    };
    expect(merged(env)).toEqual({
      imageTag: '0.11.0',
      defaultAgentPodLabels: { a: '2', z: '1' },
      agents: ['ns/a', 'ns/b'],
    });
    expect(argoSettings(env).overrides[1].sources).toEqual({ imageTag: 'ARGOCD_ENV_KAGENT_RENDER_IMAGE_TAG' });
    expect(argoSettings(env).overrides[0].sources.agents).toBe("plugin parameter 'agents'");
  });

  it('passes the controller knobs and the proxy URL on, from env or plugin parameters', () => {
    expect(
      merged({
        ARGOCD_ENV_KAGENT_RENDER_MCP_EGRESS_PLAINTEXT: 'true',
        ARGOCD_ENV_KAGENT_RENDER_DEFAULT_AGENT_NODE_SELECTOR: 'disk=ssd',
        ARGOCD_ENV_KAGENT_RENDER_AGENT_BIND_HOST: '::',
        ARGOCD_ENV_KAGENT_RENDER_PROXY_URL: 'http://proxy.kagent:8080',
        ARGOCD_ENV_KAGENT_RENDER_ALLOW_EMPTY: 'true',
      }),
    ).toEqual({
      mcpEgressPlaintext: true,
      defaultAgentNodeSelector: { disk: 'ssd' },
      agentBindHost: '::',
      proxyUrl: 'http://proxy.kagent:8080',
      allowEmpty: true,
    });
    const params = [
      { name: 'mcpEgressPlaintext', string: 'false' },
      { name: 'defaultAgentNodeSelector', map: { zone: 'a' } },
      { name: 'uiUrl', string: 'https://ui' },
    ];
    expect(merged({ ARGOCD_APP_PARAMETERS: JSON.stringify(params) })).toEqual({
      mcpEgressPlaintext: false,
      defaultAgentNodeSelector: { zone: 'a' },
      uiUrl: 'https://ui',
    });
  });

  it("puts the Application's destination namespace under everything else", () => {
    expect(argoSettings({ ARGOCD_APP_NAMESPACE: 'prod' }).defaults).toEqual({
      settings: { namespace: 'prod' },
      sources: { namespace: 'ARGOCD_APP_NAMESPACE' },
    });
  });

  it('rejects bad JSON, unknown parameters and unknown variables; bad values name the variable or parameter', () => {
    expect(() => argoSettings({ ARGOCD_APP_PARAMETERS: '{' })).toThrow(/not valid JSON/);
    expect(() => argoSettings({ ARGOCD_APP_PARAMETERS: '[{"name":"nope","string":"x"}]' })).toThrow(
      /unknown plugin parameter 'nope'/,
    );
    expect(() => argoSettings({ ARGOCD_ENV_KAGENT_RENDER_PROFLE: 'controller' })).toThrow(
      /^unknown plugin variable ARGOCD_ENV_KAGENT_RENDER_PROFLE; known: /,
    );
    expect(() => argoSettings({ ARGOCD_ENV_KAGENT_RENDER_KEEP_INPUTS: 'true' })).toThrow(
      /unknown plugin variable ARGOCD_ENV_KAGENT_RENDER_KEEP_INPUTS/,
    );
    expect(() => argoSettings({ ARGOCD_ENV_KAGENT_RENDER_ALLOW_SECRET_VALUES: 'yes' })).toThrow(
      'ARGOCD_ENV_KAGENT_RENDER_ALLOW_SECRET_VALUES must be "true" or "false", got "yes"',
    );
    expect(() => argoSettings({ ARGOCD_ENV_KAGENT_RENDER_PROFILE: 'prod' })).toThrow(
      "ARGOCD_ENV_KAGENT_RENDER_PROFILE must be one of gitops, controller, got 'prod'",
    );
    expect(() => argoSettings({ ARGOCD_APP_PARAMETERS: '[{"name":"profile","string":"prod"}]' })).toThrow(
      "plugin parameter 'profile' must be one of gitops, controller, got 'prod'",
    );
    expect(() => argoSettings({ ARGOCD_ENV_KAGENT_RENDER_AGENTS: 'helper' })).toThrow(
      'ARGOCD_ENV_KAGENT_RENDER_AGENTS wants NAMESPACE/NAME',
    );
  });
});
