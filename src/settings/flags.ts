/**
 * The command-line spelling of every settings key of SPEC §5: one table that the CLI parser,
 * the Argo CD plugin (env and parameters → flags) and the pre-commit hook (which flags take
 * a value) all read, so a new setting is added in one place.
 */
import type { Settings } from './settings.js';

export type SettingFlag =
  | { key: keyof Settings; flag: string; kind: 'string'; values?: readonly string[] }
  /** `negated` is the flag that sets false (only where false is not the default). */
  | { key: keyof Settings; flag: string; kind: 'bool'; negated?: string }
  /** Repeatable `KEY=VALUE[,KEY=VALUE]`. */
  | { key: keyof Settings; flag: string; kind: 'map' }
  /** Repeatable, one item each. */
  | { key: keyof Settings; flag: string; kind: 'list' };

export const SETTING_FLAGS: readonly SettingFlag[] = [
  { key: 'profile', flag: '--profile', kind: 'string', values: ['gitops', 'controller'] },
  { key: 'namespace', flag: '--namespace', kind: 'string' },
  { key: 'validate', flag: '--validate', kind: 'string', values: ['strict', 'warn'] },
  { key: 'crdDefaults', flag: '--crd-defaults', kind: 'bool', negated: '--no-crd-defaults' },
  { key: 'controllerUrl', flag: '--controller-url', kind: 'string' },
  { key: 'imageRegistry', flag: '--image-registry', kind: 'string' },
  { key: 'imageTag', flag: '--image-tag', kind: 'string' },
  { key: 'proxyUrl', flag: '--proxy-url', kind: 'string' },
  { key: 'defaultServiceAccount', flag: '--default-service-account', kind: 'string' },
  { key: 'imagePullSecret', flag: '--image-pull-secret', kind: 'string' },
  { key: 'otelEnv', flag: '--otel-env', kind: 'map' },
  { key: 'defaultAgentPodLabels', flag: '--default-agent-pod-labels', kind: 'map' },
  { key: 'keepInputs', flag: '--keep-inputs', kind: 'bool' },
  { key: 'allowSecretValues', flag: '--allow-secret-values', kind: 'bool' },
  { key: 'agents', flag: '--agent', kind: 'list' },
  { key: 'mcpEgressPlaintext', flag: '--mcp-egress-plaintext', kind: 'bool' },
  { key: 'defaultAgentNodeSelector', flag: '--default-agent-node-selector', kind: 'map' },
  { key: 'agentBindHost', flag: '--agent-bind-host', kind: 'string' },
  { key: 'uiUrl', flag: '--ui-url', kind: 'string' },
];

/** `controllerUrl` → `CONTROLLER_URL`: the spelling in environment variables. */
export function envName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}
