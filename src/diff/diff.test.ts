import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/k8s.js';
import type { InputObject } from '../model/source.js';
import { render } from '../pipeline.js';
import { resolveSettings } from '../settings/settings.js';
import { diffRenders, mergeOrder } from './compare.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatText } from './text.js';

const deployment = (name: string, image: string, extra: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'ns' },
  spec: { template: { metadata: { annotations: {} }, spec: { containers: [{ name: 'main', image, ...extra }] } } },
});
const side = (objects: K8sObject[], inputs: InputObject[] = []) => ({ label: 'x', objects, inputs });
const secretInput = (data: Record<string, string>): InputObject => ({
  body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, stringData: data },
  apiVersion: 'v1',
  kind: 'Secret',
  namespace: 'ns',
  name: 's',
  origin: { file: 's.yaml', index: 0, at: () => ({ file: 's.yaml', line: 1, col: 1 }) },
});

describe('diff core', () => {
  it('mergeOrder keeps head order and puts base-only items where they were', () => {
    expect(mergeOrder(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd'])).toEqual(['a', 'b', 'c', 'x', 'd']);
    expect(mergeOrder(['a', 'b'], [])).toEqual(['a', 'b']);
    expect(mergeOrder([], ['b', 'a'])).toEqual(['b', 'a']);
  });

  it('named lists are matched by name, other lists by content; a replaced item is compared field by field', () => {
    const a = deployment('d', 'img:1', {
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      args: ['--port', '80', '--v'],
    });
    const b = deployment('d', 'img:1', {
      env: [
        { name: 'B', value: '3' },
        { name: 'A', value: '1' },
      ],
      args: ['--x', '--port', '81', '--v'],
    });
    const r = diffRenders(side([a]), side([b]));
    const paths = r.objects[0].changes.map((c) => `${c.op} ${JSON.stringify(c.path)}`);
    expect(paths).toEqual([
      'change ["spec","template","spec","containers",{"name":"main"},"env",{"name":"B"},"value"]',
      'add ["spec","template","spec","containers",{"name":"main"},"args",0]',
      'change ["spec","template","spec","containers",{"name":"main"},"args",2]',
    ]);
    expect(r.objects[0].rollout?.reasons).toEqual([
      'containers[name=main].env[name=B].value "2" → "3"',
      'containers[name=main].args[0] added: --x',
      'containers[name=main].args[2] "80" → "81"',
    ]);
    expect(r.summary).toMatchObject({ changed: 1, rollouts: 1, changedWithoutRestart: 0 });
  });

  it('map key order alone is no change; a Deployment change outside the pod template is no rollout', () => {
    const a = deployment('d', 'img:1');
    const b = {
      ...deployment('d', 'img:1'),
      spec: { replicas: 2, ...(deployment('d', 'img:1').spec as object) },
    } as K8sObject;
    const reordered = { metadata: a.metadata, kind: a.kind, spec: a.spec, apiVersion: a.apiVersion } as K8sObject;
    expect(diffRenders(side([a]), side([reordered])).objects).toEqual([]);
    const r = diffRenders(side([a]), side([b]));
    expect(r.objects[0].rollout).toBeUndefined();
    expect(r.summary.changedWithoutRestart).toBe(1);
  });

  it("a generated Secret's other keys are listed, never shown; input Secret values are redacted anywhere", () => {
    const secret = (v: Record<string, string>): K8sObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'g', namespace: 'ns' },
      stringData: v,
    });
    const inputs = [secretInput({ token: 'hunter2-long', pin: 'ab' })];
    const a = [secret({ opaque: 'one', 'config.json': '{"h":"Bearer hunter2-long","p":"xab","q":"abc"}' })];
    const b = [
      secret({ opaque: 'two', extra: 'x', 'config.json': '{"h":"Bearer other","p":"ab2","q":"ab","hunter2-long":1}' }),
    ];
    const r = diffRenders(side(a, inputs), side(b, inputs));
    const out = [formatText(r, { color: false }), formatMarkdown(r), formatJson(r)].join('\n');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('one');
    expect(out).not.toContain('two');
    expect(
      r.objects[0].changes.map((c) => [
        c.op,
        c.document?.name ?? '',
        JSON.stringify(c.path),
        c.redacted ?? false,
        c.new ?? null,
      ]),
    ).toEqual([
      ['change', '', '["stringData","opaque"]', true, null],
      ['add', '', '["stringData","extra"]', true, null],
      ['change', 'config.json', '["h"]', true, null],
      // "ab" is too short to look for inside other strings; as a whole value it is a secret.
      ['change', 'config.json', '["p"]', false, 'ab2'],
      ['change', 'config.json', '["q"]', true, null],
      ['add', 'config.json', '["<input Secret value, not shown>"]', false, 1],
    ]);
  });

  it('a Secret value used as a template reaches the output changed: none of its lines is shown', () => {
    const inputs = [secretInput({ prompt: 'You are {{ .AgentName }}. Password hunter2-XYZ.\nNever say it.\n' })];
    const cm = (text: string): K8sObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'ns' },
      data: { prompt: text },
    });
    const a = [cm('You are bot. Password hunter2-XYZ.\nNever say it.\nold\n')];
    const b = [cm('You are bot. Password hunter2-XYZ.\nNever say it.\nnew\n')];
    const r = diffRenders(side(a, inputs), side(b, inputs));
    const out = [formatText(r, { color: false }), formatMarkdown(r), formatJson(r)].join('\n');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('Never say');
    expect(r.objects[0].changes.map((c) => c.redacted)).toEqual([true]);
  });

  it('kmcp local.yaml is decoded and compared by its paths; the MCPServer Deployment rolls out because of it', () => {
    const mcp = (arg: string) => `apiVersion: kagent.dev/v1alpha1
kind: MCPServer
metadata: {name: m, namespace: ns}
spec:
  transportType: stdio
  stdioTransport: {}
  deployment: {cmd: npx, args: ["-y", "${arg}"]}
`;
    const settings = resolveSettings({});
    const a = render([{ path: 'm.yaml', text: mcp('server-a') }], settings);
    const b = render([{ path: 'm.yaml', text: mcp('server-b') }], settings);
    expect(a.ok && b.ok).toBe(true);
    const r = diffRenders(
      side(
        a.rendered.flatMap((x) => x.objects),
        a.inputs,
      ),
      side(
        b.rendered.flatMap((x) => x.objects),
        b.inputs,
      ),
    );
    const configMap = r.objects.find((o) => o.kind === 'ConfigMap')!;
    expect(configMap.changes.every((c) => c.document?.name === 'local.yaml')).toBe(true);
    expect(configMap.pickedUpBy).toEqual(['Deployment ns/m']);
    const dep = r.objects.find((o) => o.kind === 'Deployment')!;
    expect(dep.changes.find((c) => c.consequenceOf)?.path).toEqual([
      'spec',
      'template',
      'metadata',
      'annotations',
      'kmcp.kagent.dev/mcpserver-config-hash',
    ]);
    expect(dep.rollout?.reasons.some((x) => x.startsWith('local.yaml: ') && x.endsWith('server-a → server-b'))).toBe(
      true,
    );
  });

  it('control and bidi characters are escaped; a value with backticks cannot close the Markdown code block', () => {
    const a = deployment('d', 'img:1', { command: ['ok'] });
    const b = deployment('d', 'img:1', { command: ['\x1b[31mred\u202e```'] });
    const r = diffRenders(side([a]), side([b]));
    const text = formatText(r, { color: false });
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('"\\u001b[31mred\\u202e```"');
    const md = formatMarkdown(r);
    expect(md).toContain('\n````diff\n');
    expect(md).toContain('\n````\n');
  });

  it('markdown stays under the comment limit: objects that do not fit are left out, with a note', () => {
    const many = (img: string) =>
      Array.from({ length: 400 }, (_, i) => deployment(`app-${i}`, `${img}-${'x'.repeat(200)}`));
    const r = diffRenders(side(many('a')), side(many('b')));
    const md = formatMarkdown(r);
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toMatch(/> \*\*Output truncated\*\* to fit a comment \(65536 characters\): \d+ of 400 changed/);
    expect(md).toMatch(/ objects are not shown\. Run `kagent-render diff` locally for the whole diff\.\n$/);
    // Long names in the Created / Deleted / without-restart lists cannot push the summary past the limit.
    const cm = (name: string, v: string): K8sObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-${'x'.repeat(240)}`, namespace: 'n'.repeat(63) },
      data: { k: v },
    });
    const names = (p: string) => Array.from({ length: 60 }, (_, i) => `${p}-${i}`);
    const lists = diffRenders(
      side([...names('chg').map((n) => cm(n, 'a')), ...names('del').map((n) => cm(n, 'a'))]),
      side([...names('chg').map((n) => cm(n, 'b')), ...names('new').map((n) => cm(n, 'a'))]),
    );
    const listed = formatMarkdown(lists, { limit: 20_000 });
    expect(listed.length).toBeLessThanOrEqual(20_000);
    expect(listed).toMatch(/\*\*Created\*\*: `ConfigMap n+\/new-0-x+`, .*, … and \d+ more\n/);
    const small = formatMarkdown(r, { limit: 10_000 });
    expect(small.length).toBeLessThanOrEqual(10_000);
    // One object bigger than the whole limit is cut short, not dropped.
    const big = diffRenders(
      side([deployment('d', 'i', { args: [] })]),
      side([deployment('d', 'i', { args: Array.from({ length: 3000 }, (_, i) => `--flag-${i}`) })]),
    );
    const cut = formatMarkdown(big, { limit: 20_000 });
    expect(cut.length).toBeLessThanOrEqual(20_000);
    expect(cut).toMatch(/… \d+ more lines not shown/);
    expect(cut).toContain('and one is cut short');
  });
});
