/**
 * The command-line spelling of every settings key of SPEC §5 and of every command flag: one
 * table that the CLI parser, the per-command help, docs/commands.md, the Argo CD plugin (env
 * and parameters) and the pre-commit hook all read, so a new flag is added in one place.
 */
import type { Settings } from './settings.js';

interface FlagText {
  /** Placeholder of the value in help (`URL`); absent for booleans. */
  metavar?: string;
  help: string;
  /** The default as help shows it; absent = derived from DEFAULT_SETTINGS. */
  defaultText?: string;
}

export type SettingFlag = FlagText &
  (
    | { key: keyof Settings; flag: string; kind: 'string'; values?: readonly string[] }
    /** `negated` is the flag that sets false (only where false is not the default). */
    | { key: keyof Settings; flag: string; kind: 'bool'; negated?: string }
    /** Repeatable `KEY=VALUE[,KEY=VALUE]`. */
    | { key: keyof Settings; flag: string; kind: 'map' }
    /** Repeatable, one item each. */
    | { key: keyof Settings; flag: string; kind: 'list' }
  );

export const SETTING_FLAGS: readonly SettingFlag[] = [
  {
    key: 'profile',
    flag: '--profile',
    kind: 'string',
    values: ['gitops', 'controller'],
    help: 'gitops, or controller parity (seeds --validate and --crd-defaults)',
  },
  { key: 'namespace', flag: '--namespace', kind: 'string', metavar: 'NS', help: 'namespace for objects without one' },
  {
    key: 'validate',
    flag: '--validate',
    kind: 'string',
    values: ['strict', 'warn'],
    help: 'schema findings are errors (strict) or warnings (warn)',
    defaultText: 'strict (warn in controller)',
  },
  {
    key: 'crdDefaults',
    flag: '--crd-defaults',
    kind: 'bool',
    negated: '--no-crd-defaults',
    help: 'apply CRD defaults before expansion',
    defaultText: 'on (also in controller; --no-crd-defaults models raw objects)',
  },
  {
    key: 'controllerUrl',
    flag: '--controller-url',
    kind: 'string',
    metavar: 'URL',
    help: 'KAGENT_URL of agent pods and base of SandboxAgent tool URLs',
  },
  {
    key: 'imageRegistry',
    flag: '--image-registry',
    kind: 'string',
    metavar: 'REG',
    help: 'registry of the agent images',
  },
  { key: 'imageTag', flag: '--image-tag', kind: 'string', metavar: 'TAG', help: 'tag of the agent images' },
  {
    key: 'proxyUrl',
    flag: '--proxy-url',
    kind: 'string',
    metavar: 'URL',
    help: 'send in-cluster MCP and agent tools through this proxy (x-kagent-host header)',
    defaultText: 'none: tools are dialled directly',
  },
  {
    key: 'defaultServiceAccount',
    flag: '--default-service-account',
    kind: 'string',
    metavar: 'NAME',
    help: 'ServiceAccount for agents that name none',
  },
  {
    key: 'imagePullSecret',
    flag: '--image-pull-secret',
    kind: 'string',
    metavar: 'NAME',
    help: 'image pull Secret added to every agent pod',
  },
  {
    key: 'otelEnv',
    flag: '--otel-env',
    kind: 'map',
    metavar: 'K=V[,K=V]',
    help: 'OTEL_* variables for every agent pod (repeatable)',
  },
  {
    key: 'defaultAgentPodLabels',
    flag: '--default-agent-pod-labels',
    kind: 'map',
    metavar: 'K=V[,K=V]',
    help: 'labels for every agent pod (repeatable)',
  },
  {
    key: 'keepInputs',
    flag: '--keep-inputs',
    kind: 'bool',
    help: 'KRM: keep the kagent objects beside what they expand to',
  },
  {
    key: 'allowSecretValues',
    flag: '--allow-secret-values',
    kind: 'bool',
    help: 'allow copying Secret values from the input into output',
  },
  {
    key: 'agents',
    flag: '--agent',
    kind: 'list',
    metavar: 'NS/NAME',
    help: 'render only this Agent (repeatable)',
    defaultText: 'all Agents',
  },
  {
    key: 'mcpEgressPlaintext',
    flag: '--mcp-egress-plaintext',
    kind: 'bool',
    help: "RemoteMCPServer tools not sent to the proxy dial http://host:port/path (controller's MCP_EGRESS_PLAINTEXT)",
  },
  {
    key: 'defaultAgentNodeSelector',
    flag: '--default-agent-node-selector',
    kind: 'map',
    metavar: 'K=V[,K=V]',
    help: "nodeSelector of every agent pod; the agent's own keys win (repeatable)",
  },
  {
    key: 'agentBindHost',
    flag: '--agent-bind-host',
    kind: 'string',
    metavar: 'HOST',
    help: '--host argument of Declarative agent containers',
  },
  { key: 'uiUrl', flag: '--ui-url', kind: 'string', metavar: 'URL', help: 'KAGENT_UI_URL of agent pods' },
  {
    key: 'allowEmpty',
    flag: '--allow-empty',
    kind: 'bool',
    help: 'succeed when input files were found but nothing renders (build, argocd generate)',
  },
];

/** `controllerUrl` → `CONTROLLER_URL`: the spelling in environment variables. */
export function envName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}
