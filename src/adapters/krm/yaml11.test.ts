/**
 * The KRM function reads its ResourceList as kubectl reads YAML (go-yaml v2, YAML 1.1;
 * reference/apiserver.md §1): `0440` is 288, `yes` is true, `<<` merges — on the fast path,
 * on its `yaml` fallback for a piece the fast reader does not take, and on the Document path.
 * Pass-through items keep their text (`0440` is not re-written as 440).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocuments, readYamlValue } from '../../read/parse.js';
import { runKrm } from './main.js';
import { readRawList } from './raw-list.js';

type Obj = Record<string, any>;

const HEAD = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n';
/** Documents of a YAML stream as ResourceList items, their text unchanged (indented under `- `). */
const asItems = (stream: string) =>
  stream
    .split(/^---\n/m)
    .filter((d) => d.trim() !== '')
    .map(
      (d) =>
        d
          .trimEnd()
          .split('\n')
          .map((l, i) => (i === 0 ? `- ${l}` : l === '' ? l : `  ${l}`))
          .join('\n') + '\n',
    )
    .join('');
/** A stdout as kubectl would read it. */
const read = (stdout: string) => readYamlValue(stdout) as Obj;
/** Without the annotations the function adds (path, index, our marker). */
const withoutToolAnnotations = (o: Obj): Obj => {
  const ann: Obj = { ...o.metadata.annotations };
  for (const k of Object.keys(ann))
    if (k.includes('config.kubernetes.io/') || k.startsWith('render.kagent.dev/')) delete ann[k];
  const metadata: Obj = { ...o.metadata, annotations: ann };
  if (Object.keys(ann).length === 0) delete metadata.annotations;
  return { ...o, metadata };
};
const key = (o: Obj) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
const byKey = (objects: Obj[]) => [...objects].sort((a, b) => key(a).localeCompare(key(b)));

describe('the KRM function reads YAML 1.1', () => {
  // The golden fixtures for 1.1 scalars and merges: as ResourceList items, the same objects come out.
  it.each(['yaml11-octal-default-mode', 'yaml11-bool-where-bool-wanted', 'yaml11-merge-keys'])(
    'fixture %s as a ResourceList → its expected objects, on the fast and the Document path',
    (name) => {
      const dir = path.join('fixtures', name);
      const inputs = readdirSync(path.join(dir, 'input')).map((f) => readFileSync(path.join(dir, 'input', f), 'utf8'));
      const stdin = HEAD + inputs.map(asItems).join('');
      const expected: Obj[] = [];
      for (const sub of readdirSync(path.join(dir, 'expected'), { recursive: true }) as string[]) {
        if (!sub.endsWith('.yaml') || sub === 'kustomization.yaml') continue;
        const file = { path: sub, text: readFileSync(path.join(dir, 'expected', sub), 'utf8') };
        expected.push(...readDocuments(file).docs.map((d) => d.value));
      }
      expect(expected.length).toBeGreaterThan(0);
      for (const reader of ['fast', 'reference'] as const) {
        const r = runKrm(stdin, { reader });
        expect(r.stderr).toBe('');
        expect(r.exitCode).toBe(0);
        const items = (read(r.stdout).items as Obj[]).map((o) => withoutToolAnnotations(o));
        expect(byKey(items)).toEqual(byKey(expected));
      }
    },
  );

  const AGENT = `- apiVersion: kagent.dev/v1alpha2
  kind: ModelConfig
  metadata: {name: model, namespace: ns}
  spec: {provider: OpenAI, model: gpt-4o, apiKeySecret: k, apiKeySecretKey: key}
- apiVersion: kagent.dev/v1alpha2
  kind: Agent
  metadata: {name: a, namespace: ns}
  spec:
    type: Declarative
    declarative:
      modelConfig: model
      systemMessage: hi
      deployment:
        volumes:
          - name: creds
            secret: {secretName: creds, defaultMode: 0440}
        volumeMounts:
          - {name: creds, mountPath: /creds, readOnly: yes}
`;
  const volumeOf = (stdout: string) => {
    const deployment = (read(stdout).items as Obj[]).find((o) => o.kind === 'Deployment')!;
    const pod = deployment.spec.template.spec;
    return {
      volume: pod.volumes.find((v: Obj) => v.name === 'creds'),
      mount: pod.containers[0].volumeMounts.find((m: Obj) => m.name === 'creds'),
    };
  };

  it('an Agent item: defaultMode 0440 → 288 and readOnly yes → true in the Deployment, through a merge key too', () => {
    // The second list forces the fallback (the fast reader refuses `<<`): the pieces' two readers agree.
    const merged = AGENT.replace(
      'secret: {secretName: creds, defaultMode: 0440}',
      'secret:\n              <<: {secretName: creds, defaultMode: 0440}',
    );
    expect(merged).not.toBe(AGENT);
    for (const items of [AGENT, merged]) {
      for (const reader of ['fast', 'reference'] as const) {
        const r = runKrm(HEAD + items, { reader });
        expect(r.exitCode).toBe(0);
        const { volume, mount } = volumeOf(r.stdout);
        expect(volume.secret).toEqual({ secretName: 'creds', defaultMode: 288 });
        expect(mount.readOnly).toBe(true);
      }
    }
  });

  it('a piece the fast reader refuses (an anchor, a merge) is read by the 1.1 composition, as the fast reader reads the same data', () => {
    const plain =
      '- kind: ConfigMap\n  metadata: {name: c}\n  data:\n    mode: 0440\n    on: yes\n    hex: 0x1F\n    keep: "0440"\n';
    const anchored = plain.replace('name: c', 'name: &n c');
    const merged = plain.replace('  data:\n', '  data:\n    <<: {extra: off}\n');
    const want = [
      { kind: 'ConfigMap', metadata: { name: 'c' }, data: { mode: 288, true: true, hex: 31, keep: '0440' } },
    ];
    expect(readYamlValue(plain, 'fast')).toEqual(want);
    expect(readYamlValue(plain, 'full')).toEqual(want);
    expect(readYamlValue(anchored)).toEqual(want);
    expect(readYamlValue(merged)).toEqual([{ ...want[0], data: { extra: false, ...want[0]!.data } }]);
    // Through readRawList: item 0 by the fast reader, item 1 (anchor) by the fallback.
    const list = readRawList(HEAD + plain + anchored);
    expect(list?.list.items).toEqual([...want, ...want]);
  });

  it('pass-through items keep their text: byte for byte, and 0440, yes and << as written when comments are dropped', () => {
    const item =
      '- apiVersion: v1\n  kind: Secret\n  metadata: &m {name: s, namespace: ns}\n  data: {mode: 0440, flag: yes}\n  stringData:\n    <<: {a: on}\n    b: 0x1F\n';
    const fast = runKrm(HEAD + item);
    expect(fast.exitCode).toBe(0);
    expect(fast.stdout).toBe(HEAD + item);
    const commented = item.replace('flag: yes}', 'flag: yes} # a comment');
    for (const reader of ['fast', 'reference'] as const) {
      const r = runKrm(HEAD + commented, { reader });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).not.toContain('# a comment');
      expect(r.stdout).toContain('mode: 0440');
      expect(r.stdout).toContain('flag: yes');
      expect(r.stdout).toContain('<<: { a: on }');
      expect(r.stdout).toContain('b: 0x1F');
      expect(read(r.stdout).items[0]).toEqual(read(HEAD + item).items[0]);
    }
  });

  it('the Document path writes generated strings quoted for a 1.1 reader (its output read back gives the same data)', () => {
    const stdin = `${HEAD}${AGENT}`.replace('systemMessage: hi', 'systemMessage: "yes"');
    const fast = runKrm(stdin);
    const reference = runKrm(stdin, { reader: 'reference' });
    expect(reference.exitCode).toBe(0);
    expect(read(reference.stdout)).toEqual(read(fast.stdout));
  });

  it('a functionConfig in YAML 1.1: keepInputs: yes (and through a merge key) keeps the inputs', () => {
    const fc = (spec: string) =>
      `functionConfig:\n  apiVersion: render.kagent.dev/v1alpha1\n  kind: KagentRender\n  metadata: {name: render}\n  spec:\n${spec}`;
    for (const spec of ['    keepInputs: yes\n', '    <<: {keepInputs: on}\n']) {
      for (const reader of ['fast', 'reference'] as const) {
        const r = runKrm(HEAD + AGENT + fc(spec), { reader });
        expect(r.stderr).toBe('');
        expect((read(r.stdout).items as Obj[]).map((o) => o.kind).slice(0, 2)).toEqual(['ModelConfig', 'Agent']);
      }
    }
  });

  it('a list that is not valid YAML 1.1 for kubectl (a duplicate key as kubectl converts keys) → an error result, exit 1', () => {
    const r = runKrm(`${HEAD}- kind: ConfigMap\n  metadata: {name: c}\n  data: {on: a, true: b}\n`);
    expect(r.exitCode).toBe(1);
    expect(read(r.stdout).results).toEqual([
      { message: expect.stringMatching(/\(yaml-duplicate-key\)$/), severity: 'error' },
    ]);
  });
});
