import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { Document, isCollection, isScalar, stringify, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { generateRepo } from '../../bench/generate.mjs';
import { toYamlReference } from '../emit/yaml.js';
import { fastParseDocuments } from './fast-yaml.js';
import { readDocuments } from './parse.js';

const repoRoot = path.resolve(new URL('../..', import.meta.url).pathname);

/** What the full reader (`yaml` failsafe + compose.ts, as kubectl reads) makes of a file: its mappings, or 'error'. */
function reference(text: string): Array<{ index: number; value: unknown }> | 'error' {
  const { docs, diagnostics } = readDocuments({ path: 'x.yaml', text }, {}, 'full');
  return diagnostics.length > 0 ? 'error' : docs.map(({ index, value }) => ({ index, value }));
}

/** The fast reader agrees with the reference whenever it answers, and never answers for invalid YAML. */
function agrees(text: string): boolean {
  // A file starting with `{` is JSON (json.ts) and never reaches the fast reader.
  if (/^\s*\{/.test(text)) return false;
  const fast = fastParseDocuments(text, 100);
  if (fast === undefined) return false;
  const maps = fast.filter((d) => d.value !== null && typeof d.value === 'object' && !Array.isArray(d.value));
  expect(reference(text), JSON.stringify(text)).toEqual(maps);
  return true;
}

function repositoryFiles(): string[] {
  const bench = mkdtempSync(path.join(tmpdir(), 'kagent-render-fast-yaml-'));
  generateRepo(bench, 60);
  return [
    ...fg.sync(['fixtures/*/input/**/*.{yaml,yml,json}', 'examples/**/*.yaml'], { cwd: repoRoot, absolute: true }),
    ...fg.sync('*.yaml', { cwd: bench, absolute: true }),
  ];
}

const key = fc.oneof(
  fc.constantFrom('name', 'app.kubernetes.io/name', 'x-kagent-host', 'a', 'on', 'y', '1', '-k', 'k_2'),
  fc.stringMatching(/^[a-z][a-z0-9.-]{0,6}$/),
);
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[a-z0-9 :#'"\\.|>-]{0,10}$/),
  fc.constantFrom(
    'yes',
    'on',
    '0777',
    '0o17',
    '0x1F',
    '1e3',
    '.5',
    '-.inf',
    '.nan',
    '~',
    'null',
    'True',
    '12:30',
    'a\nb',
    'a\n\nb\n',
    ' lead',
    'x ',
    "it's",
    'say "hi"',
    '\\u00e9',
    '-1',
    '+1',
    '007',
    '1_000',
    '9007199254740993',
  ),
);
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;
/** `yaml`'s writing with every collection of scalars in flow style (`{a: 1, b: x}`, `[a, b]`). */
function flowLeaves(v: unknown): string {
  const doc = new Document(v);
  visit(doc, {
    Map(_key, node) {
      if (node.items.every((p) => isScalar(p.value))) node.flow = true;
    },
    Seq(_key, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
  });
  if (isCollection(doc.contents)) doc.contents.flow = false;
  return doc.toString({ lineWidth: 0 });
}
const documentText = fc
  .tuple(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.constantFrom('1.1', '1.2', 'compact', 'flow'))
  .map(([v, style]) =>
    style === '1.1'
      ? toYamlReference(v)
      : style === '1.2'
        ? stringify(v, { lineWidth: 0 })
        : style === 'compact'
          ? stringify(v, { lineWidth: 0, indentSeq: false })
          : flowLeaves(v),
  );
/** Small edits that break or change YAML: the fast reader must then agree or step aside. */
const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom(
    '',
    ' ',
    '  ',
    ':',
    ': ',
    '-',
    '- ',
    '#',
    ' #',
    '|',
    '|-',
    '>',
    '"',
    "'",
    '\n',
    '\n  ',
    '---\n',
    '&a ',
    '*a',
    '!!str ',
    '{',
    '[',
    '\t',
    'x',
  ),
  fc.nat({ max: 3 }),
);

describe('fastParseDocuments', () => {
  it('agrees with `yaml` on every fixture input, example and a generated repository, and reads nearly all of them itself', () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(50);
    const answered = files.filter((f) => agrees(readFileSync(f, 'utf8')));
    expect(answered.length / files.length).toBeGreaterThan(0.8);
  });

  it('agrees with `yaml` on generated documents in three writing styles (seeded)', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.array(documentText, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('', '# head\n', '---\n'),
        (docs, head) => {
          const text = head + docs.join('---\n');
          if (agrees(text)) answered++;
          agrees(text.replace(/\n/g, '\r\n'));
        },
      ),
      { seed: Number(process.env.SEED ?? 424242), numRuns: Number(process.env.RUNS ?? 1500) },
    );
    expect(answered).toBeGreaterThan(300);
  });

  it('never answers differently from `yaml` on mutated documents, and never answers for invalid ones (seeded)', () => {
    fc.assert(
      fc.property(documentText, fc.array(mutation, { minLength: 1, maxLength: 3 }), (doc, edits) => {
        let t = doc;
        for (const [at, insert, remove] of edits) {
          const i = at % (t.length + 1);
          t = t.slice(0, i) + insert + t.slice(i + remove);
        }
        agrees(t);
      }),
      { seed: Number(process.env.SEED ?? 777), numRuns: Number(process.env.RUNS ?? 4000) },
    );
  });

  it.each([
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a nested flow map', 'a: {b: {c: 1}}\n'],
    ['a flow map over two lines', 'a: {b: 1,\n  c: 2}\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a folded scalar', 'a: >\n  one\n'],
    ['a keep-chomped scalar', 'a: |+\n  one\n\n'],
    ['a lone CR', 'a: 1\rb: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['a quoted key', '"a": 1\n'],
    ['__proto__', '__proto__: 1\n'],
    ['deep nesting', `${Array.from({ length: 120 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n')} 1\n`],
  ])('steps aside for %s', (_name, t) => {
    expect(fastParseDocuments(t, 100)).toBeUndefined();
  });

  it.each([
    ['document markers and comments', '# c\n---\na: 1 # x\n---\n# only a comment\n---\nb:\n- 1\n- two\n'],
    ['literal block scalars', 'a: |\n  x\n\n  y\nb: |-\n    z\nc:\n  - |\n    in a list\n'],
    ['quotes', `a: 'it''s'\nb: "t\\"q\\u00e9\\n"\nc: '' # empty\n`],
    ['one-line flow collections', 'a: {type: ConfigMap, name: "x y", key: \'k\'}\nb: [1, two, "3"]\nc: {}\n'],
    ['compact sequences of maps', 'items:\n- name: a\n  value: 1\n- - nested\n  - list\n- {}\n- []\n'],
  ])('reads %s as `yaml` does', (_name, t) => {
    expect(agrees(t)).toBe(true);
  });
});
