/**
 * Agent → AgentPlan: resolve every reference (ModelConfig, tools, skills, secrets) and check
 * the input, collecting diagnostics; build.ts makes the objects from the plan alone (kagent
 * compiler.go CompileAgent, without a client).
 */
import type { Agent, AgentDeployment, AgentSpec, DeclarativeSpec } from '../../model/input.js';
import { emitsOwnerReferences } from '../profile.js';
import { shown } from '../../diagnostics/format.js';
import { goJson, goMap } from '../../go/json.js';
import { goField, quantityMessage } from '../../go/k8s-types.js';
import { markItemsFrom } from '../../model/provenance.js';
import type { AgentPlan } from './build.js';
import { buildAgentCard } from './card.js';
import { compileContextConfig } from './compaction.js';
import type { AgentContext } from './context.js';
import { compileMemory } from './memory.js';
import { translateModelConfig } from './model.js';
import { mergeModelWiring } from './model-plans.js';
import { renderSystemMessage, toolNamesOf } from './prompt.js';
import {
  agentSecurityContext,
  needsCodeIsolation,
  needsSrtSettings,
  networkConfig,
  SRT_SETTINGS_PATH,
  srtSettingsJson,
} from './sandbox.js';
import { collectSecretHashBytes, secretHashSources } from './secret-hash.js';
import { compileSkills, skillNames, type SkillsPlan } from './skills.js';
import { compileTools } from './tools.js';
import { lookup, resolveValue } from './values.js';

type Obj = Record<string, any>;

export function compileAgent(ctx: AgentContext): AgentPlan | undefined {
  const { agent, settings } = ctx;
  const spec: AgentSpec = (agent.body.spec as AgentSpec | undefined) ?? {};
  const type: string = spec.type ?? '';
  if (type !== 'Declarative' && type !== 'BYO') {
    ctx.error(['spec', 'type'], 'agent-type-unknown', `unknown agent type: ${shown(type)}; use Declarative or BYO`);
    return undefined;
  }
  // Before the body, so that skills problems are reported with model and tool problems in one run.
  const deployment = type === 'BYO' ? spec.byo?.deployment : spec.declarative?.deployment;
  const skills = compileSkills(
    ctx,
    spec,
    `${settings.imageRegistry}/kagent-dev/kagent/skills-init:${settings.imageTag}`,
    deployment?.securityContext,
  );
  const body = type === 'BYO' ? compileByo(ctx, spec) : compileDeclarative(ctx, spec);
  if (!body || ctx.diagnostics.length > 0) return undefined;
  const { d } = body;
  const dPath = ['spec', type === 'BYO' ? 'byo' : 'declarative', 'deployment'];
  const user = userDeploymentFields(ctx, d, dPath);
  const { labels, selectorLabels, annotations } = agentMetadata(ctx, d);
  const srtSettings = needsSrtSettings(spec, body.byo !== undefined) ? srtSettingsJson(spec) : undefined;
  const pod = podWiring(ctx, body, skills, user, dPath, srtSettings !== undefined);
  if (ctx.diagnostics.length > 0) return undefined;

  const saName = d.serviceAccountName || settings.defaultServiceAccount || agent.name;
  return {
    name: agent.name,
    namespace: agent.namespace,
    runtime: body.runtime,
    configJson: goJson(body.config),
    cardJson: buildAgentCard(agent),
    srtSettingsJson: srtSettings,
    skills: skills && {
      configMapName: skills.configMapName,
      configJson: skills.configJson,
      initContainer: skills.initContainer,
    },
    secretHashBytes: body.secretHashBytes,
    labels,
    selectorLabels,
    annotations,
    deploymentAnnotations: d.deploymentAnnotations ?? {},
    podAnnotations: d.annotations ?? {},
    serviceAccountName: saName,
    emitServiceAccount: saName === agent.name,
    serviceAccountLabels: { ...labels, ...(d.serviceAccountConfig?.labels ?? {}) },
    serviceAccountAnnotations: { ...annotations, ...(d.serviceAccountConfig?.annotations ?? {}) },
    image: agentImage(ctx, body, srtSettings !== undefined),
    command: body.byo ? body.byo.command : undefined,
    args: body.byo ? user.args : ['--host', settings.agentBindHost, '--port', '8080', '--filepath', '/config'],
    workingDir: body.byo?.workingDir,
    imagePullPolicy: d.imagePullPolicy || 'IfNotPresent',
    imagePullSecrets: pullSecrets(ctx, body, user.imagePullSecrets),
    env: pod.env,
    envFrom: pod.envFrom,
    volumes: pod.volumes,
    mounts: pod.mounts,
    resources: user.resources,
    // Reference §3.5 makes no exception for BYO: fetched skills make its container privileged too.
    securityContext: agentSecurityContext(user.securityContext, needsCodeIsolation(spec)),
    podSecurityContext: user.podSecurityContext,
    extraContainers: pod.extraContainers,
    replicas: d.replicas,
    tolerations: user.tolerations,
    affinity: user.affinity,
    nodeSelector: nodeSelectorOf(settings.defaultAgentNodeSelector, d.nodeSelector),
    a2a: body.byo !== undefined || spec.declarative?.a2aConfig !== undefined,
    owners: emitsOwnerReferences(settings)
      ? [
          {
            apiVersion: 'kagent.dev/v1alpha2',
            kind: 'Agent',
            name: agent.name,
            uid: String((agent.body as Agent).metadata?.uid ?? ''),
            controller: true,
            blockOwnerDeletion: true,
          },
        ]
      : undefined,
  };
}

/** The user's pod and container structures, as Go writes them (omitempty, quantities: reference apiserver.md §2-3). */
function userDeploymentFields(ctx: AgentContext, d: AgentDeployment, dPath: string[]) {
  const go = (key: string, goType: string) =>
    goField(d, key, goType, dPath, (path, value, error) =>
      ctx.error(path, 'quantity-invalid', quantityMessage(value, error)),
    );
  // All of them before any check, so that every invalid quantity is reported in one run.
  return {
    imagePullSecrets: go('imagePullSecrets', '[]LocalObjectReference'),
    env: go('env', '[]EnvVar'),
    envFrom: go('envFrom', '[]EnvFromSource'),
    volumes: go('volumes', '[]Volume'),
    volumeMounts: go('volumeMounts', '[]VolumeMount'),
    extraContainers: go('extraContainers', '[]Container'),
    resources: d.resources == null ? undefined : go('resources', 'ResourceRequirements'),
    securityContext: go('securityContext', '*SecurityContext'),
    podSecurityContext: go('podSecurityContext', '*PodSecurityContext'),
    tolerations: go('tolerations', '[]Toleration'),
    affinity: go('affinity', '*Affinity'),
    args: go('args', '[]string'),
  };
}
type UserDeploymentFields = ReturnType<typeof userDeploymentFields>;

/** Labels and annotations of every object (reference §3.6): the selector's, the defaults, the user's. */
function agentMetadata({ agent, settings }: AgentContext, d: AgentDeployment) {
  const selectorLabels = { app: 'kagent', kagent: agent.name };
  const defaultLabels = {
    'app.kubernetes.io/managed-by': 'kagent',
    'app.kubernetes.io/part-of': 'kagent',
    'app.kubernetes.io/name': agent.name,
    ...settings.defaultAgentPodLabels,
    ...(d.labels ?? {}),
  };
  const labels = { ...selectorLabels, ...defaultLabels };
  const annotations: Record<string, string> = { ...((agent.body as Agent).metadata?.annotations ?? {}) };
  return { labels, selectorLabels, annotations };
}

function agentImage({ settings }: AgentContext, body: AgentBody, srtSettings: boolean): string {
  if (body.byo) return body.byo.image;
  const registry = body.d.imageRegistry || settings.imageRegistry;
  const repo = body.runtime === 'go' ? 'kagent-dev/kagent/golang-adk' : 'kagent-dev/kagent/app';
  // The "-full" image carries the sandbox runtime (reference §3.5); BYO images are the user's.
  const imageTag = srtSettings ? `${settings.imageTag}-full` : settings.imageTag;
  return `${registry}/${repo}:${imageTag}`;
}

function pullSecrets({ settings }: AgentContext, body: AgentBody, own: Obj[] | undefined): Obj[] {
  const secrets: Obj[] = own ?? [];
  // The global pull secret is for kagent's own images: not added to a BYO agent.
  const global = settings.imagePullSecret;
  if (!body.byo && global && !secrets.some((s) => s.name === global)) secrets.push({ name: global });
  return secrets;
}

/**
 * The agent pod's env, volumes, mounts and extra containers: the user's (marked with their
 * input path for output checks, src/model/provenance.ts) merged with what the model, tools,
 * skills and sandbox need, in upstream's order.
 */
function podWiring(
  ctx: AgentContext,
  body: AgentBody,
  skills: SkillsPlan | undefined,
  user: UserDeploymentFields,
  dPath: string[],
  srtSettings: boolean,
) {
  const { agent, settings } = ctx;
  const { model, tools } = body;
  const fromUser = (list: Obj[] | undefined, field: string) =>
    markItemsFrom<Obj>(list, agent.origin, [...dPath, field]);
  const otel = Object.keys(settings.otelEnv)
    .sort()
    .map((k) => ({ name: k, value: settings.otelEnv[k] }));
  const env = dedupeByName([
    ...(fromUser(user.env, 'env') ?? []),
    ...model.env,
    ...otel,
    { name: 'KAGENT_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    { name: 'KAGENT_NAME', value: agent.name },
    { name: 'KAGENT_URL', value: settings.controllerUrl },
    ...(settings.uiUrl ? [{ name: 'KAGENT_UI_URL', value: settings.uiUrl }] : []),
    ...(skills?.env ?? []),
    ...(srtSettings ? [{ name: 'KAGENT_SRT_SETTINGS_PATH', value: SRT_SETTINGS_PATH }] : []),
  ]);
  // The user's volumes are appended as upstream appends them: one named like a generated volume
  // (`config`) makes a pod the API server rejects, which the output check reports at its line.
  const volumes = [
    { name: 'config', secret: { secretName: agent.name } },
    ...(fromUser(user.volumes, 'volumes') ?? []),
    ...dedupeByName([...model.volumes, ...tools.volumes, ...(skills?.volumes ?? [])]),
    {
      name: 'kagent-token',
      projected: {
        sources: [{ serviceAccountToken: { audience: 'kagent', expirationSeconds: 3600, path: 'kagent-token' } }],
      },
    },
  ];
  const mounts = [
    { name: 'config', mountPath: '/config' },
    ...(fromUser(user.volumeMounts, 'volumeMounts') ?? []),
    ...model.mounts,
    ...tools.mounts,
    ...(skills?.mounts ?? []),
    { name: 'kagent-token', mountPath: '/var/run/secrets/tokens' },
  ];
  const extraContainers: Obj[] = fromUser(user.extraContainers, 'extraContainers') ?? [];
  const names = new Set<string>();
  extraContainers.forEach((c, i) => {
    if (c.name === 'kagent')
      ctx.error(
        ['spec', 'declarative', 'deployment', 'extraContainers', i, 'name'],
        'agent-container-name',
        'extraContainers: "kagent" is a reserved container name',
      );
    else if (names.has(c.name))
      ctx.error(
        ['spec', 'declarative', 'deployment', 'extraContainers', i, 'name'],
        'agent-container-name',
        `extraContainers: duplicate container name "${c.name}"`,
      );
    names.add(c.name);
  });
  return { env, envFrom: fromUser(user.envFrom, 'envFrom') ?? [], volumes, mounts, extraContainers };
}

/**
 * The global default node selector overlaid by the agent's own (reference §3.6; the agent's
 * keys win, as for pod labels); nil when neither has one, as upstream.
 */
function nodeSelectorOf(
  global: Record<string, string>,
  own: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!own && Object.keys(global).length === 0) return undefined;
  return goMap({ ...global, ...(own ?? {}) });
}

/** What differs between a Declarative and a BYO agent; everything else is built the same way. */
interface AgentBody {
  runtime: 'python' | 'go';
  /** The deployment spec (shared fields plus, for BYO, image/cmd/args/workingDir). */
  d: AgentDeployment;
  config: Obj;
  model: { env: Obj[]; volumes: Obj[]; mounts: Obj[] };
  tools: { volumes: Obj[]; mounts: Obj[] };
  secretHashBytes: Uint8Array;
  byo?: { image: string; command?: string[]; workingDir?: string };
}

function compileDeclarative(ctx: AgentContext, spec: AgentSpec): AgentBody | undefined {
  const { agent } = ctx;
  const decl = spec.declarative;
  if (!decl) {
    ctx.error(['spec'], 'agent-declarative-required', 'declarative must be specified if type is Declarative');
    return undefined;
  }
  const runtime: 'python' | 'go' = decl.runtime === 'go' ? 'go' : 'python';
  const instruction = systemMessage(ctx, decl);
  const modelPath = ['spec', 'declarative', 'modelConfig'];
  let model;
  if (!decl.modelConfig)
    ctx.error(modelPath, 'ref-missing', 'spec.declarative.modelConfig is empty; name the ModelConfig this agent uses');
  else {
    const mc = lookup(ctx, agent, modelPath, 'ModelConfig', agent.namespace, String(decl.modelConfig));
    if (mc) model = translateModelConfig(ctx, mc, runtime, modelPath);
  }
  const context = compileContextConfig(ctx, decl, model, runtime);
  const memory = compileMemory(ctx, decl, model, runtime);
  const tools = compileTools(ctx, decl.tools);
  const secretHash = collectSecretHashBytes(secretHashSources(ctx.index, agent, decl));
  for (const { modelConfig, message } of secretHash.invalid)
    ctx.errorIn(modelConfig, ['status', 'secretHash'], 'model-secret-hash-invalid', message);
  // Reference §3.8: the template runs after the tools are translated (it sees their names).
  const message =
    instruction === undefined
      ? undefined
      : renderSystemMessage(
          ctx,
          decl,
          instruction,
          ['spec', 'declarative', decl.systemMessageFrom ? 'systemMessageFrom' : 'systemMessage'],
          {
            agentName: agent.name,
            agentNamespace: agent.namespace,
            description: String(spec.description ?? ''),
            toolNames: toolNamesOf(tools.httpTools, tools.sseTools),
            skillNames: skillNames(spec),
          },
        );
  if (!model || message === undefined || ctx.diagnostics.length > 0) return undefined;

  const config: Obj = { model: model.config, description: spec.description ?? '', instruction: message };
  if (tools.httpTools.length > 0) config.http_tools = tools.httpTools;
  if (tools.sseTools.length > 0) config.sse_tools = tools.sseTools;
  if (tools.remoteAgents.length > 0) config.remote_agents = tools.remoteAgents;
  if (typeof decl.executeCodeBlocks === 'boolean') config.execute_code = decl.executeCodeBlocks;
  config.stream = decl.stream === true;
  if (memory) config.memory = memory.config;
  const network = networkConfig(spec);
  if (network) config.network = network;
  if (context) config.context_config = context.config;
  if (decl.shareTools === true) config.share_tools = true;
  // Env order: the agent's model, then what the summarizer and the embedding model add.
  const wiring = mergeModelWiring([model, context?.model, memory?.model]);
  return { runtime, d: decl.deployment ?? {}, config, model: wiring, tools, secretHashBytes: secretHash.bytes };
}

/**
 * A BYO agent (reference §3.11): the user's image runs in place of the kagent runtime, with
 * the same Secret, ServiceAccount, Service and shared deployment fields, no model and a
 * config.json that carries only the description.
 */
function compileByo(ctx: AgentContext, spec: AgentSpec): AgentBody | undefined {
  const d = spec.byo?.deployment;
  if (!d) {
    ctx.error(
      ['spec', spec.byo ? 'byo' : 'type'],
      'agent-byo-invalid',
      'BYO deployment spec is required: set spec.byo.deployment',
    );
    return undefined;
  }
  if (typeof d.image !== 'string' || d.image === '') {
    ctx.error(
      ['spec', 'byo', 'deployment'],
      'agent-byo-invalid',
      'image is required for BYO deployment: set spec.byo.deployment.image',
    );
    return undefined;
  }
  return {
    runtime: 'python',
    d,
    config: { model: null, description: spec.description ?? '', instruction: '' },
    model: { env: [], volumes: [], mounts: [] },
    tools: { volumes: [], mounts: [] },
    secretHashBytes: new Uint8Array(),
    byo: { image: d.image, command: d.cmd ? [d.cmd] : undefined, workingDir: d.workingDir || undefined },
  };
}

function systemMessage(ctx: AgentContext, decl: DeclarativeSpec): string | undefined {
  if (decl.systemMessageFrom) {
    return resolveValue(
      ctx,
      ctx.agent,
      ['spec', 'declarative', 'systemMessageFrom'],
      decl.systemMessageFrom,
      ctx.agent.namespace,
    );
  }
  if (typeof decl.systemMessage === 'string' && decl.systemMessage !== '') return decl.systemMessage;
  ctx.error(
    ['spec', 'declarative'],
    'agent-system-message-required',
    'at least one system message source (SystemMessage or SystemMessageFrom) must be specified',
  );
  return undefined;
}

function dedupeByName<T extends Obj>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => (seen.has(x.name) ? false : (seen.add(x.name), true)));
}
