/**
 * go-yaml v2.4.0 emitter rules, case by case, with the exact bytes its emitter writes (worked out
 * from emitterc.go / encode.go / resolve.go; kmcp.md §2.11). The hash vectors of kmcp.md §2.12
 * are in configmap.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { goYaml, resolvesToString } from './yaml.js';

const one = (v: string) => goYaml({ a: v });

describe('go-yaml v2 scalar styles', () => {
  it.each([
    // Plain where it reads back as the same string.
    ['plain', 'a: plain\n'],
    ['-y', 'a: -y\n'],
    ['a#b', 'a: a#b\n'],
    ['a:b', 'a: a:b\n'],
    ['<<', 'a: <<\n'], // '<' is no resolve hint: the merge key is a string here
    ['.', 'a: .\n'],
    ['1.2.3', 'a: 1.2.3\n'],
    ['0x', 'a: 0x\n'],
    ['2001-13-01', 'a: 2001-13-01\n'], // no such month: not a timestamp
    // Leading or trailing space, or an indicator: single quotes.
    [' leading space', "a: ' leading space'\n"],
    ['trailing space ', "a: 'trailing space '\n"],
    [' ', "a: ' '\n"],
    ["it's here ", "a: 'it''s here '\n"],
    ['@scope/pkg', "a: '@scope/pkg'\n"],
    ['- item', "a: '- item'\n"],
    ['-', "a: '-'\n"],
    ['key: value', "a: 'key: value'\n"],
    ['trailing:', "a: 'trailing:'\n"],
    ['a #comment', "a: 'a #comment'\n"],
    ['#x', "a: '#x'\n"],
    ['---x', "a: '---x'\n"],
    ['*alias', "a: '*alias'\n"],
    ['%x', "a: '%x'\n"],
    ['`x', "a: '`x'\n"],
    // Strings that would resolve to another type: double quotes.
    ['', 'a: ""\n'],
    ['true', 'a: "true"\n'],
    ['yes', 'a: "yes"\n'],
    ['Off', 'a: "Off"\n'],
    ['y', 'a: "y"\n'],
    ['~', 'a: "~"\n'],
    ['null', 'a: "null"\n'],
    ['8080', 'a: "8080"\n'],
    ['-1', 'a: "-1"\n'],
    ['+1', 'a: "+1"\n'],
    ['1_000', 'a: "1_000"\n'],
    ['0x1F', 'a: "0x1F"\n'],
    ['0o17', 'a: "0o17"\n'],
    ['0b101', 'a: "0b101"\n'],
    ['0777', 'a: "0777"\n'],
    ['08', 'a: "08"\n'], // not octal, but a float
    ['1e3', 'a: "1e3"\n'],
    ['1.5', 'a: "1.5"\n'],
    ['.5', 'a: ".5"\n'],
    ['.inf', 'a: ".inf"\n'],
    ['-.Inf', 'a: "-.Inf"\n'],
    ['.NaN', 'a: ".NaN"\n'],
    ['1:30', 'a: "1:30"\n'], // base 60
    ['2001-12-14', 'a: "2001-12-14"\n'],
    ['2001-12-14T21:59:43.10-05:00', 'a: "2001-12-14T21:59:43.10-05:00"\n'],
    ['2001-12-14 21:59:43.10', 'a: "2001-12-14 21:59:43.10"\n'],
    ['99999999999999999999', 'a: "99999999999999999999"\n'], // out of int64: a float
    // Not printable, or a space next to a line break: double quotes with escapes.
    ['tab\there', 'a: "tab\\there"\n'],
    ['bell\u0007', 'a: "bell\\a"\n'],
    ['nul\u0000', 'a: "nul\\0"\n'],
    ['del\u007f', 'a: "del\\x7F"\n'],
    ['bom\ufeff', 'a: "bom\\uFEFF"\n'],
    ['emoji \u{1F600}', 'a: "emoji \\U0001F600"\n'],
    ['cr\r\nlf', 'a: "cr\\r\\nlf"\n'],
    ['space \nbreak', 'a: "space \\nbreak"\n'],
    ['trailing space\n ', 'a: "trailing space\\n "\n'],
    ['quote " and \\ ', `a: 'quote " and \\ '\n`],
    // Non-ASCII printable characters stay as they are.
    ['café', 'a: café\n'],
  ])('%j', (input, expected) => {
    expect(one(input)).toBe(expected);
  });
});

describe('go-yaml v2 literal blocks', () => {
  it.each([
    ['line1\nline2', 'a: |-\n  line1\n  line2\n'],
    ['line1\nline2\n', 'a: |\n  line1\n  line2\n'],
    ['line1\n\n', 'a: |+\n  line1\n\n'],
    ['\n', 'a: |2+\n\n'],
    [' indented\nnext', 'a: |2-\n   indented\n  next\n'],
    ['\nafter a break', 'a: |2-\n\n  after a break\n'],
    ['a\n\nb', 'a: |-\n  a\n\n  b\n'],
    ['a\n b', 'a: |-\n  a\n   b\n'], // a space after a break: no single quotes, but a block
    ['#! /bin/sh\necho "hi" # x', 'a: |-\n  #! /bin/sh\n  echo "hi" # x\n'],
    ['x: 1\ny: [2]', 'a: |-\n  x: 1\n  y: [2]\n'],
  ])('%j', (input, expected) => {
    expect(one(input)).toBe(expected);
  });

  it('indents block content two past the mapping, in a sequence two past the dash', () => {
    expect(goYaml({ m: { k: 'a\nb' }, s: ['c\nd', ' e'] })).toBe(
      "m:\n  k: |-\n    a\n    b\ns:\n- |-\n  c\n  d\n- ' e'\n",
    );
  });

  it('continues after a block that ends in a break without a blank line', () => {
    expect(goYaml({ a: 'x\n', b: 'z' })).toBe('a: |\n  x\nb: z\n');
  });
});

describe('go-yaml v2 folding at 80 columns', () => {
  const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
  it('folds a plain scalar at the first space past column 80, continuing two past the key', () => {
    expect(one(`${words} fifteen sixteen`)).toBe(
      'a: one two three four five six seven eight nine ten eleven twelve thirteen fourteen\n  fifteen sixteen\n',
    );
  });

  it('folds single-quoted scalars the same way, never at a first or last space', () => {
    expect(one(`@${words} fifteen sixteen `)).toBe(
      "a: '@one two three four five six seven eight nine ten eleven twelve thirteen fourteen\n  fifteen sixteen '\n",
    );
  });

  it('folds double-quoted scalars and escapes a space that starts the next line', () => {
    expect(one(`\t${words}  fifteen`)).toBe(
      'a: "\\tone two three four five six seven eight nine ten eleven twelve thirteen fourteen\n  \\ fifteen"\n',
    );
  });

  it('never folds a key', () => {
    const key = `${words} fifteen sixteen`;
    expect(goYaml({ [key]: 'v' })).toBe(`${key}: v\n`);
  });
});

describe('go-yaml v2 structure', () => {
  it('writes sequences of sequences compactly and empty collections in flow style', () => {
    expect(goYaml({ a: [['x', 'y'], []], b: {}, c: [{}], d: [{ k: 1, j: null }] })).toBe(
      'a:\n- - x\n  - "y"\n- []\nb: {}\nc:\n- {}\nd:\n- j: null\n  k: 1\n', // "y" is a YAML 1.1 bool
    );
  });

  it('writes numbers and booleans as go-yaml does (ints, then %g floats)', () => {
    expect(goYaml({ i: 3000, n: -1, f: 1.5, big: 1e21, small: 0.000001, t: true })).toBe(
      'big: 1e+21\nf: 1.5\ni: 3000\n"n": -1\nsmall: 1e-06\nt: true\n', // the key "n" is a YAML 1.1 bool
    );
  });

  it('quotes keys by the same rules, and writes a multi-line key as a complex key', () => {
    expect(goYaml({ '8080': 'x', ' k': 'z', 'a\nb': 'v' })).toBe(`' k': z\n"8080": x\n? |-\n  a\n  b\n: v\n`);
  });
});

describe('resolvesToString (resolve.go)', () => {
  it.each(['abc', '<<', 'o', 'nil', 'None', 'NUL', '0x', '1e', '1.2.3', '12:', '+', '2024-02-30', '._5', '.5_'])(
    '%j is a string',
    (s) => {
      expect(resolvesToString(s)).toBe(true);
    },
  );
  it.each([
    '',
    'True',
    'NO',
    'on',
    '0',
    '-0',
    '+12',
    '1_0',
    '1.',
    '1e+5',
    '0b1',
    '-0x10',
    '190:20:30',
    '2024-02-29',
    '2024-2-3',
    '.5_0',
    '0x_1F',
  ])('%j is not', (s) => {
    expect(resolvesToString(s)).toBe(false);
  });
});
