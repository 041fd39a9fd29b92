import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GENERATED_BY, runKrm } from './main.js';

const MODEL = `  - apiVersion: kagent.dev/v1alpha2
    kind: ModelConfig
    metadata: {name: model, namespace: ns, annotations: {internal.config.kubernetes.io/path: agents.yaml, internal.config.kubernetes.io/index: "0"}}
    spec: {provider: OpenAI, model: gpt-4o, apiKeySecret: k, apiKeySecretKey: key}
`;
const AGENT = (model = 'model') => `  - apiVersion: kagent.dev/v1alpha2
    kind: Agent
    metadata: {name: a, namespace: ns, annotations: {internal.config.kubernetes.io/path: agents.yaml, internal.config.kubernetes.io/index: "1"}}
    spec: {type: Declarative, declarative: {modelConfig: ${model}, systemMessage: hi}}
`;
const OTHER = `  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: unrelated, namespace: ns}
    data: {k: v}
`;
const list = (items: string, fc = '') =>
  `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}${fc}`;

describe('runKrm (ResourceList protocol)', () => {
  it('replaces kagent objects by their expansion, keeps other items, and marks generated items with path and index', () => {
    const r = runKrm(list(OTHER + MODEL + AGENT()));
    expect(r.exitCode).toBe(0);
    const out = parse(r.stdout);
    expect(out.items.map((i: any) => i.kind)).toEqual([
      'ConfigMap',
      'Secret',
      'ServiceAccount',
      'Deployment',
      'Service',
    ]);
    const deployment = out.items[3];
    expect(deployment.metadata.annotations).toMatchObject({
      [GENERATED_BY]: 'kagent-render',
      'internal.config.kubernetes.io/path': 'ns/agent-a.yaml',
      'internal.config.kubernetes.io/index': '2',
    });
    expect(out.results).toBeUndefined();
  });

  it('reports a kagent.dev kind that kagent does not define (a typo) as an error, and passes a known unrendered kind through', () => {
    const typo = AGENT().replace('kind: Agent', 'kind: Agnet');
    const r = runKrm(list(OTHER + MODEL + typo));
    expect(r.exitCode).toBe(1);
    expect(parse(r.stdout).results).toEqual([
      expect.objectContaining({ severity: 'error', tags: { rule: 'input-unknown-kind' } }),
    ]);
    const known = runKrm(list(OTHER + MODEL + AGENT().replace('kind: Agent', 'kind: ToolServer')));
    expect(known.exitCode).toBe(0);
    expect(parse(known.stdout).items.map((i: any) => i.kind)).toEqual(['ConfigMap', 'ToolServer']);
  });

  it('keepInputs (KagentRender functionConfig) keeps the inputs, and re-running over the output changes nothing', () => {
    const fc =
      'functionConfig:\n  apiVersion: render.kagent.dev/v1alpha1\n  kind: KagentRender\n  metadata: {name: render}\n  spec: {keepInputs: true}\n';
    const first = runKrm(list(OTHER + MODEL + AGENT(), fc));
    expect(parse(first.stdout).items.map((i: any) => i.kind)).toEqual([
      'ConfigMap',
      'ModelConfig',
      'Agent',
      'Secret',
      'ServiceAccount',
      'Deployment',
      'Service',
    ]);
    const second = runKrm(first.stdout);
    expect(second.stdout).toBe(first.stdout);
  });

  it('re-running in replace mode keeps the earlier output instead of dropping or duplicating it', () => {
    const first = runKrm(list(MODEL + AGENT()));
    expect(runKrm(first.stdout).stdout).toBe(first.stdout);
  });

  it('takes settings from a ConfigMap functionConfig (kpt `-- key=value`)', () => {
    const fc =
      'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: function-input}\n  data: {profile: controller, defaultAgentPodLabels: "team=ml"}\n';
    const out = parse(runKrm(list(MODEL + AGENT(), fc)).stdout);
    expect(out.items[0].metadata.ownerReferences[0].kind).toBe('Agent');
    expect(out.items[2].spec.template.metadata.labels.team).toBe('ml');
  });

  it('applies the controller knobs of a KagentRender functionConfig (bind host, UI URL, node selector)', () => {
    const fc =
      'functionConfig:\n  apiVersion: render.kagent.dev/v1alpha1\n  kind: KagentRender\n  metadata: {name: render}\n  spec: {agentBindHost: "::", uiUrl: "https://ui", defaultAgentNodeSelector: {disk: ssd}, mcpEgressPlaintext: true}\n';
    const r = runKrm(list(MODEL + AGENT(), fc));
    expect(r.exitCode).toBe(0);
    const pod = parse(r.stdout).items.find((i: any) => i.kind === 'Deployment').spec.template.spec;
    expect(pod.containers[0].args.slice(0, 2)).toEqual(['--host', '::']);
    expect(pod.containers[0].env).toContainEqual({ name: 'KAGENT_UI_URL', value: 'https://ui' });
    expect(pod.nodeSelector).toEqual({ disk: 'ssd' });
  });

  it('takes the controller knobs from a ConfigMap functionConfig as strings', () => {
    const fc =
      'functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: function-input}\n  data: {mcpEgressPlaintext: "true", defaultAgentNodeSelector: "disk=ssd,zone=a", agentBindHost: "::"}\n';
    const r = runKrm(list(MODEL + AGENT(), fc));
    expect(r.exitCode).toBe(0);
    const pod = parse(r.stdout).items.find((i: any) => i.kind === 'Deployment').spec.template.spec;
    expect(pod.nodeSelector).toEqual({ disk: 'ssd', zone: 'a' });
    expect(pod.containers[0].args[1]).toBe('::');
  });

  it('sends agent tools through the proxyUrl of a KagentRender functionConfig', () => {
    const caller = `  - apiVersion: kagent.dev/v1alpha2
    kind: Agent
    metadata: {name: caller, namespace: ns}
    spec: {type: Declarative, declarative: {modelConfig: model, systemMessage: hi, tools: [{type: Agent, agent: {name: a}}]}}
`;
    const fc =
      'functionConfig:\n  apiVersion: render.kagent.dev/v1alpha1\n  kind: KagentRender\n  metadata: {name: render}\n  spec: {proxyUrl: "http://proxy.kagent:8080"}\n';
    const out = parse(runKrm(list(MODEL + AGENT() + caller, fc)).stdout);
    const secret = out.items.find((i: any) => i.kind === 'Secret' && i.metadata.name === 'caller');
    expect(JSON.parse(secret.stringData['config.json']).remote_agents[0]).toMatchObject({
      url: 'http://proxy.kagent:8080',
      headers: { 'x-kagent-host': 'a.ns' },
    });
  });

  it('reads a SandboxAgent as an agent tool target and keeps it in the output (it is not rendered)', () => {
    const sandbox = `  - apiVersion: kagent.dev/v1alpha2
    kind: SandboxAgent
    metadata: {name: runner, namespace: ns}
    spec: {description: Runs code}
`;
    const caller = `  - apiVersion: kagent.dev/v1alpha2
    kind: Agent
    metadata: {name: caller, namespace: ns}
    spec: {type: Declarative, declarative: {modelConfig: model, systemMessage: hi, tools: [{type: Agent, agent: {kind: SandboxAgent, name: runner}}]}}
`;
    const r = runKrm(list(MODEL + sandbox + caller));
    expect(r.exitCode).toBe(0);
    const out = parse(r.stdout);
    expect(out.items.map((i: any) => i.kind)).toEqual([
      'SandboxAgent',
      'Secret',
      'ServiceAccount',
      'Deployment',
      'Service',
    ]);
    expect(JSON.parse(out.items[1].stringData['config.json']).remote_agents).toEqual([
      {
        name: 'ns__NS__runner',
        url: 'http://kagent-controller.kagent:8083/api/a2a-sandboxes/ns/runner',
        description: 'Runs code',
      },
    ]);
    expect(out.results.map((x: any) => x.severity)).toEqual(['warning']);
  });

  it('reports diagnostics as results with resourceRef, field, file and rule, and exits 1 on errors', () => {
    const r = runKrm(list(MODEL + AGENT('missing')));
    expect(r.exitCode).toBe(1);
    const out = parse(r.stdout);
    expect(out.results).toEqual([
      expect.objectContaining({
        severity: 'error',
        resourceRef: { apiVersion: 'kagent.dev/v1alpha2', kind: 'Agent', name: 'a', namespace: 'ns' },
        field: { path: 'spec.declarative.modelConfig' },
        file: { path: 'agents.yaml' },
        tags: { rule: 'ref-missing' },
      }),
    ]);
    // kustomize shows only stderr: the same error, placed by file, object and field.
    expect(r.stderr).toBe(
      "agents.yaml Agent ns/a: error[ref-missing]: ModelConfig 'missing' not found in namespace 'ns' (used by agent 'a' at spec.declarative.modelConfig); add it to the input or fix the name\nkagent-render krm: 1 error(s)\n",
    );
  });

  it('rejects empty input, non-ResourceLists and unknown functionConfig kinds with exit 1', () => {
    expect(runKrm('').exitCode).toBe(1);
    expect(runKrm('kind: Deployment\n').exitCode).toBe(1);
    const bad = runKrm(list(OTHER, 'functionConfig:\n  apiVersion: x/v1\n  kind: Other\n'));
    expect(bad.exitCode).toBe(1);
    expect(parse(bad.stdout).results[0].message).toContain('unknown functionConfig');
  });
});
