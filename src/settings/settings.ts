/** One settings object, the same keys everywhere (SPEC §5). Arrives as an argument, never a global. */
export interface Settings {
  profile: 'gitops' | 'controller';
  /** Input validation: `strict` = schema problems are errors; `warn` = warnings. Default from profile. */
  validate: 'strict' | 'warn';
  /** Apply CRD defaults before expansion. Default from profile. */
  crdDefaults: boolean;
  /** Namespace for objects without one. */
  namespace: string;
  /** Base URL of the kagent controller, for KAGENT_URL and SandboxAgent tool URLs (default http://kagent-controller.kagent:8083). */
  controllerUrl: string;
  /** Registry of the agent images (default ghcr.io). */
  imageRegistry: string;
  /** Tag of the agent images (default "dev", as the upstream golden harness). */
  imageTag: string;
  proxyUrl: string;
  defaultServiceAccount: string;
  imagePullSecret: string;
  /** OTEL_* variables copied onto every agent pod (sorted by name), as the controller copies its own env. */
  otelEnv: Record<string, string>;
  defaultAgentPodLabels: Record<string, string>;
  keepInputs: boolean;
  allowSecretValues: boolean;
  /** `NS/NAME` of the Agents to render; empty = all. */
  agents: string[];
  /** The controller's MCP_EGRESS_PLAINTEXT: RemoteMCPServer URLs rewritten to plaintext `http://host:port/path` (reference §4.4, §5.6). */
  mcpEgressPlaintext: boolean;
  /** The controller's DEFAULT_AGENT_NODE_SELECTOR: under every agent pod's own nodeSelector (reference §0, §3.6). */
  defaultAgentNodeSelector: Record<string, string>;
  /** The controller's DEFAULT_AGENT_BIND_HOST: the `--host` arg of Declarative agents (reference §3.5). */
  agentBindHost: string;
  /** The controller's KAGENT_UI_URL (helm `ui.externalUrl`), passed to agents after KAGENT_URL; "" = unset (reference §3.6). */
  uiUrl: string;
  /** `build` and `argocd generate` succeed although input files were found and nothing renders. */
  allowEmpty: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  profile: 'gitops',
  validate: 'strict',
  crdDefaults: true,
  namespace: 'default',
  controllerUrl: 'http://kagent-controller.kagent:8083',
  imageRegistry: 'ghcr.io',
  imageTag: 'dev',
  proxyUrl: '',
  defaultServiceAccount: '',
  imagePullSecret: '',
  otelEnv: {},
  defaultAgentPodLabels: {},
  keepInputs: false,
  allowSecretValues: false,
  agents: [],
  mcpEgressPlaintext: false,
  defaultAgentNodeSelector: {},
  agentBindHost: '0.0.0.0',
  uiUrl: '',
  allowEmpty: false,
};

/** Settings for a profile before user overrides (SPEC §4: flags override row by row). */
export function profileDefaults(profile: Settings['profile']): Settings {
  return profile === 'controller'
    ? { ...DEFAULT_SETTINGS, profile, validate: 'warn' }
    : { ...DEFAULT_SETTINGS, profile };
}

/** Merge partial settings (already validated against schemas/settings.json) over profile defaults. */
export function resolveSettings(partial: Partial<Settings>): Settings {
  const base = profileDefaults(partial.profile ?? 'gitops');
  const out: Settings = { ...base };
  for (const [k, v] of Object.entries(partial)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}
