import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goJson, goJsonIndent, goJsonReference, goMap, goNumber, goStringReference } from './json.js';

describe('goJson', () => {
  it('escapes HTML characters and line separators as Go does', () => {
    expect(goJson({ s: 'a<b>&c\u2028\u2029"\\\n\t\u0001' })).toBe(
      '{"s":"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\"\\\\\\n\\t\\u0001"}',
    );
  });
  it('formats floats like strconv (shortest, exponent outside [1e-6, 1e21))', () => {
    expect([0.7, 30, 300, 0.95, 1e-7, 1e21, 123456789.5, -0.000001].map(goNumber)).toEqual([
      '0.7',
      '30',
      '300',
      '0.95',
      '1e-07',
      '1e+21',
      '123456789.5',
      '-0.000001',
    ]);
  });
  it('keeps insertion order and sorts Go maps by byte order', () => {
    expect(goJson({ b: 1, a: goMap({ z: 1, B: 2, a: 3 }) })).toBe('{"b":1,"a":{"B":2,"a":3,"z":1}}');
  });
  it('MarshalIndent puts each element on its own line and keeps empty collections compact', () => {
    expect(goJsonIndent({ a: ['x'], b: [], c: {} })).toBe('{\n  "a": [\n    "x"\n  ],\n  "b": [],\n  "c": {}\n}');
  });

  it('takes the verbatim shortcut only where the character-by-character encoder agrees, and sorts keys by UTF-8 bytes (seeded)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({
        unit: fc.constantFrom('a', '<', '&', '"', '\\', '\n', '\u2028', '\ud83d', '\ude00', '\uffff', 'é'),
        maxLength: 6,
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(text, text), (m) => {
        const sorted = Object.keys(m).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect(goJson(goMap(m))).toBe(
          `{${sorted.map((k) => `${goStringReference(k)}:${goStringReference(m[k]!)}`).join(',')}}`,
        );
      }),
      { seed: 99, numRuns: 2000 },
    );
  });

  it('the JSON.stringify fast path writes the same bytes as the reference encoder, compact and indented (seeded)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({
        unit: fc.constantFrom(
          'a',
          '<',
          '>',
          '&',
          '"',
          '\\',
          '\n',
          '\b',
          '\u0001',
          '\u007f',
          '\u2028',
          '\u2029',
          '\ud83d',
          '\ude00',
          'null',
          '1e-7',
          'é',
        ),
        maxLength: 6,
      }),
    );
    const number = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(1e-7, 1e21, 1e-6, 0.7, -0, 123456789012345680000),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        number,
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(text, tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(value, (v) => {
        expect(goJson(v)).toBe(goJsonReference(v));
        expect(goJsonIndent(v)).toBe(goJsonReference(v, '  '));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });
});
