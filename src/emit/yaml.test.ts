import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml, toYamlReference } from './yaml.js';

const repoRoot = path.resolve(new URL('../..', import.meta.url).pathname);

/** Characters that exercise every quoting and block-scalar rule of the reference. */
const tricky = fc.constantFrom(
  'a',
  'Z',
  '0',
  '7',
  ' ',
  '  ',
  '\n',
  '\t',
  ':',
  '#',
  '-',
  '?',
  ',',
  '[',
  ']',
  '{',
  '}',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '.',
  '/',
  '\\',
  '~',
  '=',
  '+',
  '(',
  ')',
  'é',
  '😀',
  '\u00a0',
  '\r',
  'e',
  'x',
  'o',
  'n',
  'y',
);
const trickyString = fc.oneof(
  fc.string({ unit: tricky, maxLength: 12 }),
  fc.constantFrom(
    'on',
    'yes',
    'Y',
    'off',
    'null',
    '~',
    '0777',
    '1e3',
    '12:30',
    '0x1F',
    '.inf',
    '2001-12-14',
    'true',
    '',
    ' x',
    'x ',
    'a: b',
    'a #b',
    '- x',
    'image:1.0',
    'https://h:8443/mcp',
    'line1\nline2\n',
    '  indented\nx',
    'x\n\n\ny\n\n',
  ),
  fc.string({ maxLength: 20 }),
  // Letter first, as most Kubernetes strings are: the direct writer's own territory.
  fc.stringMatching(/^[A-Za-z_/][A-Za-z0-9_./@+=:() #-]{0,10}$/),
  fc.constantFrom(
    'e3246732',
    'E5',
    'e+1',
    'e-7',
    'e',
    'ex5',
    'Yes',
    'NULL',
    'a:',
    'a :b',
    'x(1)',
    "the shop's [stock], {x} & *y!",
    'a\u0007b',
    'a\ud800b',
  ),
  // Numbers, times, quantities, flags and quotes: the YAML 1.1 look-alikes and the quote choice.
  fc.stringMatching(/^[-+0-9.:eEoxbT_ a-z'"\\,#{}[\]!&*?|>%@`~<=]{0,9}$/),
  // Multi-line text, as in system messages and config.json: block scalars with every chomping.
  fc
    .array(fc.oneof(fc.stringMatching(/^[ a-z{}":,#-]{0,8}$/), fc.constantFrom('', ' ', '  x', 'x  ', '\t')), {
      minLength: 2,
      maxLength: 5,
    })
    .map((ls) => ls.join('\n')),
);
const scalar = fc.oneof(trickyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const key = fc.oneof(
  fc.constantFrom('name', 'app.kubernetes.io/name', 'kagent.dev/x', 'y', 'on', '1', 'a b', 'a:b'),
  trickyString,
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;

describe('toYaml writes the bytes of the reference writer', () => {
  it('for every object of every fixture output', () => {
    const files = fg.sync('fixtures/*/expected/**/*.yaml', { cwd: repoRoot });
    expect(files.length).toBeGreaterThan(20);
    let objects = 0;
    for (const f of files) {
      for (const doc of parseAllDocuments(readFileSync(path.join(repoRoot, f), 'utf8'))) {
        const o = doc.toJS();
        if (o === null) continue;
        objects++;
        expect(toYaml(o), f).toBe(toYamlReference(o));
      }
    }
    expect(objects).toBeGreaterThan(100);
  });

  it('for generated maps of tricky keys, strings, numbers and nesting (seeded)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), (map) => {
        expect(toYaml(map)).toBe(toYamlReference(map));
      }),
      { seed: Number(process.env.SEED ?? 20261124), numRuns: Number(process.env.RUNS ?? 3000) },
    );
  });

  it.each([
    [{ a: 'line1\nline2', b: [{ c: '  x\ny', d: [['n']] }], e: {}, f: [], g: undefined }],
    [{ n: -0, f: 0.5, big: 1e21, nan: Number.NaN, inf: -Infinity }],
    [{ only: undefined }],
    [{ deep: { deeper: { deepest: ['x\n\ny'] } } }],
  ])('for %j', (v) => {
    expect(toYaml(v)).toBe(toYamlReference(v));
  });
});

describe('merge keys', () => {
  it('a `<<` key is quoted: a YAML 1.1 reader (go-yaml v2 under kubectl) would take a plain one for a merge', () => {
    const value = { data: { '<<': 'v', a: { '<<': { x: 1 } } }, list: ['<<'] };
    const text = toYaml(value);
    expect(text).toBe(toYamlReference(value));
    expect(text).toContain('  "<<": v\n');
    expect(text).toContain('  - <<\n');
    const back = parseAllDocuments(text, { version: '1.1', merge: true })[0];
    expect(back.errors).toEqual([]);
    expect(back.toJS()).toEqual(value);
  });
});
