import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYamlReference } from '../../emit/yaml.js';
import { runKrm } from './main.js';
import { readRawList } from './raw-list.js';

const KPT_STYLE = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web # the web tier
    labels: {app: web, tier: "front end"}
    annotations:
      internal.config.kubernetes.io/path: 'web.yaml'
  spec:
    template:
      spec:
        containers: [{name: web, image: nginx}]
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: script
    namespace: ns
  data:
    run.sh: |
      #!/bin/sh
      echo "it's  spaced"

    empty: ""
- apiVersion: kagent.dev/v1alpha2
  kind: ModelConfig
  metadata:
    name: model
    namespace: ns
  spec:
    provider: OpenAI
    model: gpt-4o
    apiKeySecret: k
    apiKeySecretKey: key
- apiVersion: kagent.dev/v1alpha2
  kind: Agent
  metadata:
    name: a
    namespace: ns
  spec:
    type: Declarative
    declarative:
      modelConfig: model
      systemMessage: |-
        You help.
        Briefly.
functionConfig:
  apiVersion: render.kagent.dev/v1alpha1
  kind: KagentRender
  metadata:
    name: render
  spec:
    keepInputs: true
`;

const INDENTED = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: s, namespace: ns}
    spec: {ports: [{port: 80}]}
`;

/** The same list through the fast path and the `yaml` Document path. */
function bothPaths(stdin: string) {
  return { fast: runKrm(stdin), reference: runKrm(stdin, { reader: 'reference' }) };
}

describe('the raw ResourceList path', () => {
  it.each([
    ['kpt style, with comments, flow maps and block scalars', KPT_STYLE],
    ['indented items', INDENTED],
    ['an invalid Agent', KPT_STYLE.replace('modelConfig: model', 'modelConfig: missing')],
    ['no items', 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n'],
  ])('gives the same ResourceList as the yaml Document path: %s', (_name, stdin) => {
    expect(readRawList(stdin)).toBeDefined();
    const { fast, reference } = bothPaths(stdin);
    expect(fast.exitCode).toBe(reference.exitCode);
    expect(fast.stderr).toBe(reference.stderr);
    expect(parse(fast.stdout)).toEqual(parse(reference.stdout));
  });

  it('copies pass-through items without a comment byte for byte, and re-running over its output is stable', () => {
    const r = runKrm(KPT_STYLE);
    expect(r.exitCode).toBe(0);
    const configMap = KPT_STYLE.slice(
      KPT_STYLE.indexOf('- apiVersion: v1\n  kind: ConfigMap'),
      KPT_STYLE.indexOf('- apiVersion: kagent.dev/v1alpha2'),
    );
    expect(r.stdout).toContain(configMap);
    expect(r.stdout).toContain(KPT_STYLE.slice(KPT_STYLE.indexOf('functionConfig:')));
    expect(r.stdout).not.toContain('# the web tier'); // kpt puts comments back itself
    expect(r.stdout).toContain('labels: { app: web, tier: "front end" }'); // flow style kept (as yaml writes it)
    expect(runKrm(r.stdout).stdout).toBe(r.stdout);
  });

  it('reads an item the fast reader does not take (an anchor) with yaml, and agrees with the Document path', () => {
    const stdin = INDENTED.replace('name: s', 'name: &n s');
    expect(readRawList(stdin)?.list.items[0].metadata.name).toBe('s');
    const { fast, reference } = bothPaths(stdin);
    expect(parse(fast.stdout)).toEqual(parse(reference.stdout));
  });

  it('steps aside for lists not laid out as block YAML, invalid YAML and other kinds', () => {
    expect(readRawList(JSON.stringify(parse(INDENTED)))).toBeUndefined();
    expect(readRawList(INDENTED.replace('kind: ResourceList', 'kind: List'))).toBeUndefined();
    expect(readRawList(INDENTED.replace('kind: Service', 'kind: [Service'))).toBeUndefined();
    expect(readRawList(`${INDENTED}kind: again\n`)).toBeUndefined();
  });

  it('passes generated lists of unrelated objects through byte for byte (seeded)', () => {
    const item = fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constantFrom('ConfigMap', 'Secret', 'Namespace'),
      metadata: fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/) }),
      data: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.]{0,6}$/), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 5 }), (items) => {
        const stdin = toYamlReference({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items });
        const { fast, reference } = bothPaths(stdin);
        expect(parse(fast.stdout)).toEqual(parse(reference.stdout));
        if (!stdin.includes('#')) expect(fast.stdout).toBe(stdin);
      }),
      { seed: 31337, numRuns: 300 },
    );
  });
});
