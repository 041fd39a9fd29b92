/**
 * ../shared/reference/apiserver.md §1 (how kubectl reads YAML) as test data: the resolution
 * table (§1.2), non-string keys (§1.3), numbers (§1.4), merge keys (§1.5) and every worked
 * example of §1.6, each read by the full reader (`yaml` failsafe + compose.ts) and by the
 * fast reader, which must agree wherever it answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseDocuments } from './fast-yaml.js';
import { readDocuments } from './parse.js';
import { formatFloat32, jsonKey, resolvePlain } from './yaml11.js';

type Read = { value: unknown } | { errors: string[] };

function readWith(text: string, reader: 'fast' | 'full'): Read {
  const r = readDocuments({ path: 't.yaml', text }, {}, reader);
  if (r.diagnostics.length > 0) return { errors: r.diagnostics.map((d) => d.rule) };
  return { value: r.docs[0]?.value };
}

/** The full reader's answer; the fast reader must give the same whenever it answers. */
function read(text: string): Read {
  const full = readWith(text, 'full');
  const fast = fastParseDocuments(text, 100);
  if (fast !== undefined) {
    const maps = fast.filter((d) => d.value !== null && typeof d.value === 'object' && !Array.isArray(d.value));
    expect({ value: maps[0]?.value }, `fast reader on ${JSON.stringify(text)}`).toEqual(full);
  }
  return full;
}

/** Go's json.Marshal of the read value: keys sorted (the reference's JSON column is Go output). */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function json(text: string): string {
  const r = read(text);
  return 'value' in r ? goJson(r.value) : `error ${r.errors.join(',')}`;
}

describe('§1.2 plain-scalar resolution table (go-yaml v2 resolve.go)', () => {
  it.each(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])('bool true: %s', (s) => {
    expect(json(`v: ${s}\n`)).toBe('{"v":true}');
  });
  it.each(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])('bool false: %s', (s) => {
    expect(json(`v: ${s}\n`)).toBe('{"v":false}');
  });
  it.each(['', '~', 'null', 'Null', 'NULL'])('null: %j', (s) => {
    expect(json(`v: ${s}\n`)).toBe('{"v":null}');
  });
  it.each(['nil', 'None', 'NUL', 'yEs', 'tRUE', '1:30', '190:20:30', '0x1p3', '1e', '500m', '1Gi'])(
    '"%s" stays a string',
    (s) => {
      expect(json(`v: ${s}\n`)).toBe(`{"v":"${s}"}`);
    },
  );
  it.each(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'])(
    'float special %s: JSON conversion fails (json: unsupported value)',
    (s) => {
      expect(json(`v: ${s}\n`)).toBe('error yaml-unsupported');
    },
  );
  it.each([
    ['2001-12-14', 'timestamp, text kept'],
    ['2001-12-14t21:59:43.10-05:00', 'timestamp with t, text kept'],
    ['2001-12-14T21:59:43Z', 'timestamp with T, text kept'],
  ])('%s: %s', (s) => {
    expect(resolvePlain(s).kind).toBe('timestamp');
    expect(json(`v: ${s}\n`)).toBe(`{"v":"${s}"}`);
  });
  it.each([
    ['010', 8],
    ['0777', 511],
    ['0o10', 8],
    ['0O17', 15],
    ['0x1F', 31],
    ['0X1f', 31],
    ['-0x1F', -31],
    ['0b101', 5],
    ['-0b101', -5],
    ['+12', 12],
    ['1_000', 1000],
    ['0x_1F', 31],
    ['0', 0],
    ['-0', 0],
    ['00', 0],
  ] as const)('int %s → %d (underscores removed, then ParseInt(s, 0, 64))', (s, n) => {
    expect(json(`v: ${s}\n`)).toBe(`{"v":${n}}`);
  });
  it.each([
    ['08', 8],
    ['09', 9],
    ['1_0.5', 10.5],
    ['1.', 1],
    ['.5', 0.5],
    ['+.5', 0.5],
    ['1e3', 1000],
    ['-1.5e-7', -1.5e-7],
  ] as const)('float %s → %d', (s, n) => {
    expect(resolvePlain(s).kind).toBe('float');
    expect(json(`v: ${s}\n`)).toBe(`{"v":${JSON.stringify(n)}}`);
  });
  it('a float out of range stays a string: 1e400', () => {
    expect(json('v: 1e400\n')).toBe('{"v":"1e400"}');
  });
  it('uint64: an int above int64 is read by ParseUint (exact up to 18446744073709551615)', () => {
    expect(resolvePlain('18446744073709551615')).toEqual({ kind: 'int', value: 18446744073709551615n });
    expect(resolvePlain('18446744073709551616').kind).toBe('float');
  });
  it.each([
    ['!!int "10"', '10'],
    ['!!float 1', '1'],
    ['!!bool yes', 'true'],
    ['!!str 10', '"10"'],
    ['!!str yes', '"yes"'],
    ['!!binary aGk=', '"hi"'],
  ])('explicit tag %s → %s', (s, out) => {
    expect(json(`v: ${s}\n`)).toBe(`{"v":${out}}`);
  });
  it('a tag that does not fit its value fails (cannot decode !!str `x` as a !!int)', () => {
    expect(json('v: !!int x\n')).toBe('error yaml-unsupported');
  });
  it('quoted and block scalars are strings', () => {
    expect(json(`a: "on"\nb: '0777'\nc: |\n  on\nd: >-\n  1e3\n`)).toBe('{"a":"on","b":"0777","c":"on\\n","d":"1e3"}');
  });
});

describe('§1.3 non-string map keys → JSON keys', () => {
  it.each([
    ['0x10', '16'],
    ['0b11', '3'],
    ['y', 'true'],
    ['n', 'false'],
    ['on', 'true'],
    ['off', 'false'],
    ['yes', 'true'],
    ['No', 'false'],
    ['1.5', '1.5'],
    ['1e3', '1000'],
    ['1e7', '1e+07'],
    ['3.14159265358979', '3.1415927'],
    ['.inf', '.inf'],
    ['-.inf', '-.inf'],
    ['.nan', '.nan'],
  ])('%s: → "%s"', (k, out) => {
    expect(json(`${k}: a\n`)).toBe(`{${JSON.stringify(out)}:"a"}`);
  });
  it.each([['~: a\n'], ['null: a\n'], ['? [1, 2]\n: a\n'], ['? {a: 1}\n: a\n'], ['x:\n  : a\n']])(
    '%j is an error',
    (t) => {
      expect(json(t)).toBe('error yaml-unsupported');
    },
  );
  it('float keys use the 32-bit shortest form', () => {
    expect([1.5, 1000, 1e7, 3.14159265358979, 0.0001, 0.00001, 123456, 1234567, 16777217].map(formatFloat32)).toEqual([
      '1.5',
      '1000',
      '1e+07',
      '3.1415927',
      '0.0001',
      '1e-05',
      '123456',
      '1.234567e+06',
      '1.6777216e+07',
    ]);
    expect(jsonKey({ kind: 'float', value: -2.5 })).toBe('-2.5');
  });
});

describe('§1.4 numbers in the JSON output', () => {
  it('ints exactly, floats as ES6 formats them', () => {
    expect(json('a: 1e3\nb: 1.0\nc: 1e21\nd: 1.5e-7\n')).toBe('{"a":1000,"b":1,"c":1e+21,"d":1.5e-7}');
  });
  it('an int64 beyond ±2^53 cannot be carried exactly: an error, never a changed value', () => {
    expect(json('v: 9007199254740993\n')).toBe('error yaml-int-precision');
    expect(json('v: -9223372036854775808\n')).toBe('error yaml-int-precision');
    expect(json('v: 9007199254740991\n')).toBe('{"v":9007199254740991}');
  });
});

describe('§1.5 merge keys', () => {
  const anchor = 'a: &x {p: 1, q: 2}\n';
  it('an explicit key after << wins', () => {
    expect(json(`${anchor}b:\n  <<: *x\n  q: 3\n`)).toBe('{"a":{"p":1,"q":2},"b":{"p":1,"q":3}}');
  });
  it('an explicit key before << is overwritten by the merged value (go-yaml v2, unlike v3)', () => {
    expect(json(`${anchor}b:\n  q: 3\n  <<: *x\n`)).toBe('{"a":{"p":1,"q":2},"b":{"p":1,"q":2}}');
  });
  it('a list of maps: the earlier map takes precedence', () => {
    expect(json('a: &x {p: 1}\nc: &y {p: 2, r: 3}\nb:\n  <<: [*x, *y]\n')).toBe(
      '{"a":{"p":1},"b":{"p":1,"r":3},"c":{"p":2,"r":3}}',
    );
  });
  it('an inline map merges too', () => {
    expect(json('b:\n  <<: {p: 1}\n  q: 2\n')).toBe('{"b":{"p":1,"q":2}}');
  });
  it.each([['<<: 1\n'], ['a: &x [1]\nb:\n  <<: *x\n'], ['b:\n  <<: [1]\n']])(
    '%j fails: map merge requires map or sequence of maps',
    (t) => {
      expect(json(t)).toBe('error yaml-unsupported');
    },
  );
  it('duplicate keys stay an error (SPEC §8), also after conversion: on and true are one key', () => {
    expect(json('a: 1\na: 2\n')).toBe('error yaml-duplicate-key');
    expect(json('on: 1\ntrue: 2\n')).toBe('error yaml-duplicate-key');
    expect(json('0x10: 1\n16: 2\n')).toBe('error yaml-duplicate-key');
  });
  it('anchors and aliases are expanded', () => {
    expect(json('a: &x [1, on]\nb: *x\n')).toBe('{"a":[1,true],"b":[1,true]}');
  });
});

describe('§1.6 worked examples, input → YAMLToJSON', () => {
  it.each([
    ['v: y', '{"v":true}'],
    ['v: No', '{"v":false}'],
    ['v: ON', '{"v":true}'],
    ['v: yEs', '{"v":"yEs"}'],
    ['v: ~', '{"v":null}'],
    ['v:', '{"v":null}'],
    ['v: nil', '{"v":"nil"}'],
    ['v: 010', '{"v":8}'],
    ['v: 0o10', '{"v":8}'],
    ['v: 0777', '{"v":511}'],
    ['v: 08', '{"v":8}'],
    ['v: 0x1F', '{"v":31}'],
    ['v: -0x1F', '{"v":-31}'],
    ['v: 0x_1F', '{"v":31}'],
    ['v: 0b101', '{"v":5}'],
    ['v: -0b101', '{"v":-5}'],
    ['v: +12', '{"v":12}'],
    ['v: 1_000', '{"v":1000}'],
    ['v: [1, 1.0, "1", on]', '{"v":[1,1,"1",true]}'],
    ['n: 1', '{"false":1}'],
    ['1e3: a', '{"1000":"a"}'],
    ['v: 123456789012345678901', '{"v":123456789012345680000}'],
    ['v: -9223372036854775809', '{"v":-9223372036854776000}'],
    ['v: 1e3', '{"v":1000}'],
    ['v: 1E3', '{"v":1000}'],
    ['v: +1e3', '{"v":1000}'],
    ['v: 1.0', '{"v":1}'],
    ['v: 1.', '{"v":1}'],
    ['v: .5', '{"v":0.5}'],
    ['v: +.5', '{"v":0.5}'],
    ['v: 1_0.5', '{"v":10.5}'],
    ['v: 1e21', '{"v":1e+21}'],
    ['v: 1e400', '{"v":"1e400"}'],
    ['v: 2001-12-14', '{"v":"2001-12-14"}'],
    ['v: 2001-12-14 21:59:43.10', '{"v":"2001-12-14 21:59:43.10"}'],
    ['v: 1:30', '{"v":"1:30"}'],
    ['v: 0.5Gi', '{"v":"0.5Gi"}'],
    ['v: 500m', '{"v":"500m"}'],
    ['v: |\n  on', '{"v":"on\\n"}'],
    ['on: push', '{"true":"push"}'],
  ])('%j → %s', (yaml, out) => {
    expect(json(`${yaml}\n`)).toBe(out);
  });

  // §1.1.2: kubectl decodes YAMLToJSON's output to int64 or float64, so a uint64 is sent as the nearest double.
  it.each([
    ['v: 12345678901234567890', '{"v":12345678901234567890}', 12345678901234567000],
    // biome-ignore lint/correctness/noPrecisionLoss: the literal is the float64 kubectl sends; the loss is the point
    ['v: 9223372036854775808', '{"v":9223372036854775808}', 9223372036854775808],
  ])('%j → %s (uint64), sent by kubectl as a float64', (yaml, goOut, sent) => {
    expect(JSON.parse(json(`${yaml}\n`))).toEqual(JSON.parse(goOut));
    expect(json(`${yaml}\n`)).toBe(`{"v":${JSON.stringify(sent)}}`);
  });

  it('v: .inf → error json: unsupported value: +Inf; ~: a → error (null key)', () => {
    expect(json('v: .inf\n')).toBe('error yaml-unsupported');
    expect(json('~: a\n')).toBe('error yaml-unsupported');
  });
});

describe('{-first files are JSON, as kubectl reads them', () => {
  it('reads a JSON stream with kubectl number decoding, and no YAML resolution', () => {
    expect(json('  {"a": "on", "b": 1.0, "c": 1e3, "d": [0, -0, true, null], "e": "\\u00e9\\ud83d\\ude00"}')).toBe(
      '{"a":"on","b":1,"c":1000,"d":[0,0,true,null],"e":"é😀"}',
    );
    const r = readDocuments({ path: 't.json', text: '{"a": 1}\n{"b": 2}\n' });
    expect(r.docs.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });
  it.each([
    ['{a: 1}', 'json-syntax'],
    ['{"a": 1,}', 'json-syntax'],
    ['{"a": 01}', 'json-syntax'],
    ["{'a': 1}", 'json-syntax'],
    ['{"a": "x\ty"}', 'json-syntax'],
    ['{"a": 1}\nb: 2\n', 'json-syntax'],
    ['{"a": 1, "a": 2}', 'yaml-duplicate-key'],
    ['{"a": 1e400}', 'yaml-unsupported'],
    ['{"a": 9007199254740993}', 'yaml-int-precision'],
  ])('%j → %s', (text, rule) => {
    expect(readDocuments({ path: 't.json', text }).diagnostics.map((d) => d.rule)).toEqual([rule]);
  });
  it('positions point at the key, line and column', () => {
    const r = readDocuments({ path: 't.json', text: '{\n  "spec": {\n    "port": 1\n  }\n}\n' });
    expect(r.docs[0]!.origin.at(['spec', 'port'])).toEqual({ file: 't.json', line: 3, col: 13 });
    expect(r.docs[0]!.origin.at(['spec'])).toEqual({ file: 't.json', line: 2, col: 3 });
  });
  it('a comment first makes it YAML', () => {
    expect(json('# c\n{"a": on}\n')).toBe('{"a":true}');
  });
});

describe('positions follow converted keys and merges', () => {
  it('a key written 0x10 is found as "16"; a merged key at the anchor', () => {
    const text = 'base: &b\n  image: x\nm:\n  0x10: a\nd:\n  <<: *b\n  port: 1\n';
    const r = readDocuments({ path: 't.yaml', text }, {}, 'full');
    expect(r.docs[0]!.value).toEqual({ base: { image: 'x' }, m: { 16: 'a' }, d: { image: 'x', port: 1 } });
    expect(r.docs[0]!.origin.at(['m', '16']).line).toBe(4);
    expect(r.docs[0]!.origin.at(['d', 'image']).line).toBe(2);
    expect(r.docs[0]!.origin.at(['d', 'port']).line).toBe(7);
  });
});

/** The 22 bool spellings of reference §1.2, written out here as the oracle (not imported from the code). */
const BOOL_SPELLINGS = [
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
];

describe('only the exact §1.2 spellings become bool or null (property)', () => {
  const BOOL_NULL = new Set([...BOOL_SPELLINGS, '', '~', 'null', 'Null', 'NULL']);
  it('for random short words', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[yYnNoOtTfFuUeEsSlLrRaA~]{0,5}$/), (s) => {
        const k = resolvePlain(s).kind;
        expect(k === 'bool' || k === 'null').toBe(BOOL_NULL.has(s));
      }),
      { seed: 15, numRuns: 3000 },
    );
  });
});

describe('readYamlValue (one document, any root, for the KRM adapter)', () => {
  it('reads as kubectl does on both readers, and refuses what kubectl cannot send', async () => {
    const { readYamlValue } = await import('./parse.js');
    expect(readYamlValue('- a: on\n  b: 0440\n')).toEqual([{ a: true, b: 288 }]);
    expect(readYamlValue('- &x {a: on}\n- <<: *x\n  b: 0440\n')).toEqual([{ a: true }, { a: true, b: 288 }]);
    expect(readYamlValue('a: .inf\n')).toBeUndefined();
    expect(readYamlValue('a: 1\na: 2\n')).toBeUndefined();
    expect(readYamlValue('a: 1\n---\nb: 2\n')).toBeUndefined();
  });

  it('gives the reason when it cannot read, and reads a {-first text as JSON', async () => {
    const { readOneDocument } = await import('./parse.js');
    const bomb = `x: &a [1]\n${Array.from({ length: 150 }, (_, i) => `y${i}: *a\n`).join('')}`;
    expect(readOneDocument(bomb)).toEqual({
      problem: { rule: 'yaml-alias-limit', message: expect.stringMatching(/more than 100 aliases/) },
    });
    expect(readOneDocument('{on: a, true: b}\n')).toEqual({
      problem: expect.objectContaining({ rule: 'json-syntax' }),
    });
    expect(readOneDocument(' {"a": "yes", "b": 1}')).toEqual({ value: { a: 'yes', b: 1 } });
    expect(readOneDocument('a: [x\n')).toEqual({ problem: expect.objectContaining({ rule: 'yaml-syntax' }) });
  });
});

describe('parseSingleDocument (the settings file)', () => {
  it('reads a {-first file as JSON, as input files are read: yes is not JSON, and positions are JSON positions', async () => {
    const { parseSingleDocument } = await import('./parse.js');
    const bad = parseSingleDocument({ path: 's.yaml', text: '{"keepInputs":\n  yes}' });
    expect(bad.diagnostics.map((d) => `${d.line}:${d.col} ${d.rule}`)).toEqual(['2:3 json-syntax']);
    const ok = parseSingleDocument({ path: 's.yaml', text: '{"profile": "on",\n "keepInputs": true}' });
    expect(ok.value).toEqual({ profile: 'on', keepInputs: true });
    expect(ok.origin?.at(['keepInputs'])).toEqual({ file: 's.yaml', line: 2, col: 16 });
    expect(parseSingleDocument({ path: 's.yaml', text: 'profile: on\n' }).value).toEqual({ profile: true });
  });
});

describe('fast reader = full reader on fuzzed YAML 1.1 scalars (seeded)', () => {
  const tricky = fc.oneof(
    fc.stringMatching(/^[-+]?(0[xXoObB]?)?[0-9a-fA-F_]{0,6}(\.[0-9_]{0,3})?([eE][-+]?[0-9]{1,3})?$/),
    fc.constantFrom(
      ...BOOL_SPELLINGS,
      '',
      '~',
      'null',
      'Null',
      'nil',
      '.inf',
      '-.Inf',
      '.nan',
      '.5',
      '2001-12-14',
      '2001-12-14t21:59:43.10-05:00',
      '1:30',
      '<<',
      'yEs',
      '1e400',
      '18446744073709551616',
      '9007199254740993',
      '__proto__',
    ),
    fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/),
  );
  const entry = fc.tuple(tricky, tricky, tricky, fc.constantFrom('plain', 'seq', 'flow-seq', 'flow-map', 'nested'));
  const write = ([k, v, w, style]: [string, string, string, string]) => {
    if (style === 'plain') return `${k}: ${v}\n`;
    if (style === 'seq') return `${k}:\n  - ${v}\n  - ${w}\n`;
    if (style === 'flow-seq') return `${k}: [${v}, ${w}]\n`;
    if (style === 'flow-map') return `${k}: {a: ${v}, ${w}: b}\n`;
    return `${k}:\n  ${w}: ${v}\n`;
  };
  it('agree wherever the fast reader answers, and it answers for most documents', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (entries) => {
        const text = entries.map(write).join('');
        read(text); // asserts fast = full when fast answers
        if (fastParseDocuments(text, 100) !== undefined) answered++;
      }),
      { seed: 1511, numRuns: 2000 },
    );
    expect(answered).toBeGreaterThan(400);
  });
});

describe('the JSON reader agrees with JSON.parse on valid JSON (property)', () => {
  it('for generated objects, written compact and indented', async () => {
    const { parseJsonStream } = await import('./json.js');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), fc.boolean(), (obj, indent) => {
        const text = JSON.stringify(obj, null, indent ? 2 : undefined);
        const r = parseJsonStream(text, 100, true);
        if ('problem' in r) {
          // Only an integer JavaScript cannot hold exactly (kubectl would send it as int64) is refused.
          expect(r.problem.rule).toBe('yaml-int-precision');
          return;
        }
        expect(r.docs.map((d) => d.value)).toEqual([JSON.parse(text)]);
      }),
      { seed: 1512, numRuns: 1000 },
    );
  });
});
