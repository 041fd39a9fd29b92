/**
 * Fuzzing the YAML writer (src/emit/yaml.ts) and the template engine with fast-check (seeds
 * fixed): random strings from every plane — controls, DEL, C1, NEL, U+2028/2029, the BOM,
 * U+FFFE/FFFF, lone surrogates, astral characters, YAML indicators, multi-line text — read
 * back by the `yaml` package as YAML 1.1 and 1.2, and, on a sample, by the real go-yaml
 * readers: v3 (kyaml) through `kubectl kustomize` and v2 (sigs.k8s.io/yaml) through
 * `kubectl annotate --local`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml, toYamlReference } from '../../src/emit/yaml.js';
import { executeTemplate, GoStruct, type GoValue } from '../../src/go/template/index.js';

/** What YAML cannot carry: a lone surrogate is written as U+FFFD (no Go string holds one). */
const expected = (s: string) => s.replace(/\p{Cs}/gu, '\ufffd');

const special = fc.constantFrom(
  ...Array.from('\x00\x01\x07\b\t\n\v\f\r\x1b\x7f\x80\x85\x9f\xa0\u2028\u2029\ufeff\ufffe\uffff\ud800\udfff'),
  ...Array.from('😀\u{10ffff}\u{1fffe} :#-?\'"\\|>{}[],&*!%@`aé'),
);
/** Strings over all of Unicode (surrogate halves included), and over the characters above. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 16 }),
  fc.string({ unit: special, maxLength: 16 }),
  fc.array(fc.string({ unit: special, maxLength: 6 }), { minLength: 2, maxLength: 4 }).map((ls) => ls.join('\n')),
);

const SEED = Number(process.env.SEED ?? 20261207);

describe('the YAML writer: every string reads back the same', () => {
  it('through the `yaml` package as YAML 1.1 and 1.2, as a value and as a key, both writers alike (seeded)', () => {
    fc.assert(
      fc.property(anyString, anyString, (value, key) => {
        const doc = { k: value, list: [value], [key]: 'v' };
        const written = toYaml(doc);
        expect(written).toBe(toYamlReference(doc));
        for (const version of ['1.1', '1.2'] as const) {
          const back = parse(written, { version });
          expect(back.k).toBe(expected(value));
          expect(back.list).toEqual([expected(value)]);
          expect(back[expected(key)]).toBe('v');
        }
        // Nothing a YAML 1.1 reader would take for a line break or refuse is left raw.
        expect(written).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u);
      }),
      { seed: SEED, numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });

  it('the characters of issue 19 are escaped, not written raw', () => {
    expect(toYaml({ a: 'x\x7fy' })).toBe('a: "x\\u007Fy"\n');
    expect(toYaml({ a: 'x\u0085y' })).toBe('a: "x\\u0085y"\n');
    expect(toYaml({ a: 'x\u2028y', b: 'x\u2029y' })).toBe('a: "x\\u2028y"\nb: "x\\u2029y"\n');
    expect(toYaml({ a: 'x\ufffey\uffff' })).toBe('a: "x\\uFFFEy\\uFFFF"\n');
    expect(toYaml({ a: 'line\nwith NEL\u0085\n' })).toBe('a: "line\\nwith NEL\\u0085\\n"\n');
    expect(toYaml({ a: 'x\ud800' })).toBe('a: "x\\uFFFD"\n');
  });
});

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/** A ConfigMap whose data values are the strings, as this writer writes it. */
function configMap(values: string[]): string {
  const data: Record<string, string> = {};
  values.forEach((v, i) => (data[`k${i}`] = v));
  return toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'strings' }, data });
}

describe.skipIf(!hasKubectl)('the YAML writer against go-yaml (skipped when kubectl is not installed)', () => {
  const sample = fc.sample(anyString, { seed: SEED, numRuns: 400 });
  const dir = mkdtempSync(path.join(tmpdir(), 'kagent-render-yaml-'));
  writeFileSync(path.join(dir, 'cm.yaml'), configMap(sample));
  mkdirSync(path.join(dir, 'kustomize'));
  writeFileSync(path.join(dir, 'kustomize', 'kustomization.yaml'), 'resources:\n- cm.yaml\n');

  it('go-yaml v3 (kubectl kustomize) reads every sampled string as written', () => {
    // kustomize 5.5 reads DEL, the C1 controls, U+FFFE and U+FFFF however they are written,
    // then fails on its own output ("control characters are not allowed"), and writes NEL,
    // U+2028 and U+2029 raw between its own passes, which fold them into spaces: kustomize
    // limits no writer can avoid, so those strings are left to the go-yaml v2 check.
    const kustomizable = sample.filter((s) => !/[\x7f-\x9f\u2028\u2029\ufffe\uffff]/.test(s));
    expect(kustomizable.length).toBeGreaterThan(200);
    writeFileSync(path.join(dir, 'kustomize', 'cm.yaml'), configMap(kustomizable));
    const r = spawnSync('kubectl', ['kustomize', path.join(dir, 'kustomize')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // kustomize writes NEL and U+2028 raw inside quotes again: read its output as YAML 1.2.
    const [out] = parseAllDocuments(r.stdout, { version: '1.2' }).map((d) => d.toJS());
    kustomizable.forEach((s, i) => expect(out.data[`k${i}`], JSON.stringify(s)).toBe(expected(s)));
  });

  it('kustomize reads a file with NEL, U+2028 and U+2029 in every style of string (they broke its parse when raw)', () => {
    const sub = path.join(dir, 'breaks');
    mkdirSync(sub);
    writeFileSync(path.join(sub, 'kustomization.yaml'), 'resources:\n- cm.yaml\n');
    writeFileSync(
      path.join(sub, 'cm.yaml'),
      configMap(['plain\u2028text', 'a\u2029b: c', 'two\nlines\u2028\n', 'nel\u0085', '\u2028']),
    );
    const r = spawnSync('kubectl', ['kustomize', sub], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Object.keys(parse(r.stdout).data)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('go-yaml v2 (sigs.k8s.io/yaml in kubectl annotate --local) reads every sampled string as written', () => {
    const r = spawnSync(
      'kubectl',
      ['annotate', '--local', '-f', path.join(dir, 'cm.yaml'), 'checked=1', '-o', 'json'],
      { encoding: 'utf8' },
    );
    rmSync(dir, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    sample.forEach((s, i) => expect(out.data[`k${i}`], JSON.stringify(s)).toBe(expected(s)));
  });
});

describe('fuzzing the template engine', () => {
  const data: GoValue = new GoStruct(
    'agent.PromptTemplateContext',
    new Map<string, GoValue>([
      ['AgentName', 'a'],
      ['ToolNames', ['x', 'y']],
    ]),
  );
  const piece = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '{{',
      '}}',
      '{{-',
      '-}}',
      '{{end}}',
      '{{else}}',
      '{{range',
      '{{if',
      '{{with',
      '{{define "a"}}',
      '{{template "a"}}',
      '{{block "b" .}}',
      '.AgentName',
      '.ToolNames',
      '$x := ',
      '$x = ',
      '$x',
      '(',
      ')',
      '|',
      ' printf "%s%s" ',
      ' printf "%*d" ',
      ' printf "%.*x" ',
      ' 1000000000 ',
      ' -7 ',
      ' 999999999 ',
      ' len ',
      ' index ',
      ' slice ',
      ' print ',
      ' html ',
      ' js ',
      ' and ',
      ' or ',
      ' not ',
      ' eq ',
      ' "s" ',
      ' `r` ',
      " 'c' ",
      ' nil ',
      ' true ',
      ' 1.5 ',
      '{{break}}',
      '{{continue}}',
      '/*',
      '*/',
    ),
  );
  const template = fc.array(piece, { maxLength: 30 }).map((ps) => ps.join(''));

  it('any template text ends in output or a template error (parse, execute or a named limit), never an exception (seeded)', () => {
    fc.assert(
      fc.property(template, (text) => {
        const r = executeTemplate('system-message', text, data);
        if (r.ok) expect(typeof r.text).toBe('string');
        else expect(r.error).toMatch(/^template: system-message[:\w -]/);
        if (!r.ok && r.stage === 'limit') expect(r.error).toMatch(/exceeded the template limit on /);
      }),
      { seed: SEED, numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });

  it('self-calling and doubling templates built from random parts stay within the budgets (seeded)', () => {
    const hostile = fc.record({
      calls: fc.integer({ min: 1, max: 4 }),
      depth: fc.integer({ min: 1, max: 30 }),
      body: fc.constantFrom('x', '{{printf "%s%s" . .}}', '{{range 100}}y{{end}}'),
    });
    fc.assert(
      fc.property(hostile, ({ calls, depth, body }) => {
        const defs = Array.from(
          { length: depth },
          (_, i) => `{{define "t${i}"}}${`{{template "t${i + 1}" .}}`.repeat(calls)}{{end}}`,
        ).join('');
        const r = executeTemplate(
          'system-message',
          `${defs}{{define "t${depth}"}}${body}{{end}}{{template "t0" "ab"}}`,
          data,
        );
        if (r.ok) expect(Buffer.byteLength(r.text)).toBeLessThanOrEqual(1 << 20);
        else expect(r.stage).toBe('limit');
      }),
      { seed: SEED, numRuns: 12 },
    );
  });
});
