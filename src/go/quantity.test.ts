import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalQuantity, compareQuantities, parseQuantity, QUANTITY_ERRORS, roundUpMilli } from './quantity.js';

/**
 * The oracle table of reference apiserver.md §2.3 (input → the string resource.Quantity stores),
 * plus the canonical strings of TestQuantityString, which re-emit themselves.
 */
const ORACLE: Array<[string, string]> = [
  ['0', '0'],
  ['0m', '0'],
  ['0Ki', '0'],
  ['0.5', '500m'],
  ['1Ki', '1Ki'],
  ['1', '1'],
  ['0.001', '1m'],
  ['8Ki', '8Ki'],
  ['1000m', '1'],
  ['0.05000', '50m'],
  ['1024Mi', '1Gi'],
  ['1500m', '1500m'],
  ['0.0005k', '500m'],
  ['1.5Gi', '1536Mi'],
  ['1.5', '1500m'],
  ['.001', '1m'],
  ['0.5Mi', '512Ki'],
  ['1000', '1k'],
  ['.0001k', '100m'],
  ['0.5Gi', '512Mi'],
  ['1001', '1001'],
  ['9.01', '9010m'],
  ['1.25Gi', '1280Mi'],
  ['1000000', '1M'],
  ['8.1k', '8100'],
  ['1.5Ti', '1536Gi'],
  ['1000k', '1M'],
  ['1.5k', '1500'],
  ['2048Gi', '2Ti'],
  ['1000M', '1G'],
  ['1.2M', '1200k'],
  ['4096Mi', '4Gi'],
  ['50k', '50k'],
  ['7.123456M', '7.123456M'],
  ['1000Ki', '1000Ki'],
  ['2.5P', '2500T'],
  ['40.1T', '40100G'],
  ['1.1Ki', '1126400m'],
  ['1.01E', '1010P'],
  ['300.2T', '300200G'],
  ['1.5Ki', '1536'],
  ['12E', '12E'],
  ['100.035k', '100.035k'],
  ['0.5Ki', '512'],
  ['1e3', '1e3'],
  ['1e13', '10e12'],
  ['1023.5Ki', '1048064'],
  ['1E6', '1E6'],
  ['1e14', '100e12'],
  ['100.035Ki', '102435840m'],
  ['1000e0', '1e3'],
  ['1.2e3', '1200'],
  ['0.05Gi', '53687091200m'],
  ['0.5e0', '500e-3'],
  ['1.3E+6', '1300e3'],
  ['.001Ki', '1024m'],
  ['0.5e-2', '5e-3'],
  ['1.7E18', '1700e15'],
  ['.000000000001Ki', '2n'],
  ['1.1E-9', '2e-9'],
  ['5e2', '500'],
  ['9Ei', '9223372036854775807'],
  ['0.5e-9', '1e-9'],
  ['1e-10', '1e-9'],
  ['1Ei', '1Ei'],
  ['3.001n', '4n'],
  ['0.1m', '100u'],
  ['-1.5Gi', '-1536Mi'],
  ['0.9n', '1n'],
  ['1.5m', '1500u'],
  ['-0.5', '-500m'],
  ['0.00000012345', '124n'],
  ['0.3333', '333300u'],
  ['+1', '+1'],
  ['1000n', '1u'],
  ['1000000m', '1k'],
  ['01', '01'],
  ['007Mi', '007Mi'],
  ['999999999999999999.1', '999999999999999999100m'],
  ['10000000000000000000', '10E'],
  ['1.0E', '1E'],
  ['-9223372036854775808.1', '-9223372036854775808100m'],
  ['9223372036854775807000m', '9223372036854775807'],
  ['1000E', '1'],
  // §2.1: legal oddities equal to zero; §2.2: strings kept verbatim.
  ['.', '0'],
  ['+', '0'],
  ['-', '0'],
  ['m', '0'],
  ['Ki', '0'],
  ['e3', '0'],
  ['00', '0'],
  ['-0', '0'],
  ['0.0', '0'],
  ['8Ei', '9223372036854775807'],
  ['1.', '1.'],
  ['1.G', '1.G'],
  ['1.234M', '1.234M'],
  ['12.345k', '12.345k'],
  ['1e+3', '1e+3'],
  ['1E3', '1E3'],
  ['1e-0', '1e-0'],
  ['1e+21', '1e+21'],
  // TestQuantityString canonical forms.
  ['1Gi', '1Gi'],
  ['300Mi', '300Mi'],
  ['1G', '1G'],
  ['80m', '80m'],
  ['1080m', '1080m'],
  ['1e9', '1e9'],
  ['80e-3', '80e-3'],
  ['300e6', '300e6'],
  ['3k', '3k'],
  ['1080n', '1080n'],
  ['1025', '1025'],
  ['1234567M', '1234567M'],
];

describe('parseQuantity: the oracle table of resource.Quantity (reference §2.3)', () => {
  it.each(ORACLE)('%s → %s', (input, stored) => {
    const p = parseQuantity(input);
    expect(p.ok && p.canonical).toBe(stored);
  });
});

describe('parseQuantity: JSON input (UnmarshalJSON, reference §2.2)', () => {
  it.each([
    [0.5, '500m'],
    [1.0, '1'],
    [1000, '1k'],
    [1073741824, '1073741824'],
    [1000000000, '1G'],
    [2, '2'],
    [1e21, '1e+21'],
    [1.5e-7, '150e-9'],
    [-0, '0'],
    [' 1', '1'],
    ['1\n', '1'],
    [null, '0'],
  ] as const)('%j → %s', (input, stored) => {
    const p = parseQuantity(input);
    expect(p.ok && p.canonical).toBe(stored);
  });
});

describe('parseQuantity: errors with the API server words (reference §2.4)', () => {
  it.each(['1Gb', '1gi', '1KI', '1.1.M', '1e3.5', '1.5e3Mi', '', ' ', '1 1', 'abc'])('%j: format', (input) => {
    expect(parseQuantity(input)).toEqual({ ok: false, kind: 'format', error: QUANTITY_ERRORS.format });
  });
  it.each(['1K', '1mi', '1i', '1e', '1e-', '1EE', '1e99999999999999999999'])('%j: suffix', (input) => {
    expect(parseQuantity(input)).toEqual({ ok: false, kind: 'suffix', error: QUANTITY_ERRORS.suffix });
  });
  it.each(['Pi', 'Ei', '-Ei', 'e-10'])('%j: numeric (the exact path has no digit to read)', (input) => {
    expect(parseQuantity(input)).toEqual({ ok: false, kind: 'numeric', error: QUANTITY_ERRORS.numeric });
  });
  it('says what the regular expression is', () => {
    expect(QUANTITY_ERRORS.format).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
  it('canonicalQuantity leaves a non-quantity as written', () => {
    expect(canonicalQuantity('1Gb')).toBe('1Gb');
    expect(canonicalQuantity(2)).toBe('2');
  });
});

/** Exact value of a quantity string as a fraction, computed independently of the parser. */
function exactValue(q: string): { num: bigint; den: bigint } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE]([+-]?\d+))?$/.exec(q);
  if (!m) throw new Error(`not a quantity: ${q}`);
  const [, sign, int = '', frac = '', suffix = '', exp] = m;
  let num = BigInt(`0${int}${frac}`) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  const power = exp !== undefined ? Number(exp) : decimal[suffix];
  if (suffix in binary) num *= 2n ** BigInt(binary[suffix]!);
  else if (power! >= 0) num *= 10n ** BigInt(power!);
  else den *= 10n ** BigInt(-power!);
  return { num, den };
}

const sameValue = (a: string, b: string) => {
  const x = exactValue(a);
  const y = exactValue(b);
  return x.num * y.den === y.num * x.den;
};

/**
 * Quantities no finer than 1n, within int64 bytes for binary ones (finer values are rounded up, larger capped),
 * and below 1000E in decimal SI (above it Go drops the exponent: `1000E` → `1`, in the oracle table).
 */
const below1000E = (q: string) => {
  const v = exactValue(q);
  return (v.num < 0n ? -v.num : v.num) < v.den * 10n ** 21n || /e/i.test(q.replace(/E$/, ''));
};
const quantity = fc
  .oneof(
    fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.constantFrom('n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'),
      )
      .map(([s, n, x]) => `${s}${n}${x}`),
    fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.constantFrom('Ki', 'Mi', 'Gi', 'Ti'))
      .map(([n, s]) => `${n}${s}`),
    fc
      .tuple(fc.nat(99_999), fc.nat(999), fc.constantFrom('m', '', 'k', 'M', 'Ki', 'Mi', 'Gi'))
      .map(([i, f, s]) => `${i}.${String(f).padStart(3, '0')}${s}`),
    fc
      .tuple(fc.nat(9_999), fc.constantFrom('e', 'E'), fc.integer({ min: -6, max: 30 }))
      .map(([n, e, x]) => `${n}${e}${x}`),
    fc.tuple(fc.nat(999_999), fc.nat(999_999)).map(([i, f]) => `${i}.${f}`),
  )
  .filter(below1000E);

describe('parseQuantity properties', () => {
  it('canonical(canonical(x)) = canonical(x)', () => {
    fc.assert(
      fc.property(quantity, (q) => {
        const once = canonicalQuantity(q);
        return canonicalQuantity(once) === once;
      }),
      { seed: 8, numRuns: 3000 },
    );
  });

  it('keeps the value', () => {
    fc.assert(
      fc.property(quantity, (q) => sameValue(canonicalQuantity(q), q)),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('the parsed value is the value of the text', () => {
    fc.assert(
      fc.property(quantity, (q) => {
        const p = parseQuantity(q);
        if (!p.ok) return false;
        const v = exactValue(q);
        const { mantissa, exponent } = p.value;
        const num = exponent >= 0 ? mantissa * 10n ** BigInt(exponent) : mantissa;
        const den = exponent >= 0 ? 1n : 10n ** BigInt(-exponent);
        return num * v.den === v.num * den;
      }),
      { seed: 9, numRuns: 2000 },
    );
  });

  it('rounds values finer than a nano up, away from zero', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 10, max: 20 }), (n, places) => {
        const text = `0.${n.toString().padStart(places, '0')}`;
        const c = canonicalQuantity(text);
        const neg = canonicalQuantity(`-${text}`);
        const v = exactValue(text);
        const r = exactValue(c);
        // r ≥ v and r − v < 1n.
        return (
          r.num * v.den >= v.num * r.den &&
          (r.num * v.den - v.num * r.den) * 10n ** 9n < v.den * r.den &&
          neg === `-${c}`
        );
      }),
      { seed: 10, numRuns: 1000 },
    );
  });

  it('compareQuantities orders by value', () => {
    const q = (s: string) => {
      const p = parseQuantity(s);
      if (!p.ok) throw new Error(s);
      return p.value;
    };
    expect(compareQuantities(q('1'), q('1000m'))).toBe(0);
    expect(compareQuantities(q('2'), q('1500m'))).toBe(1);
    expect(compareQuantities(q('1Gi'), q('1G'))).toBe(1);
    expect(compareQuantities(q('-1'), q('0'))).toBe(-1);
    expect(compareQuantities(q('100e-3'), q('1e-1'))).toBe(0);
  });
});

describe('roundUpMilli: container limits and requests as the API server stores them (reference §2.2 Defaulting)', () => {
  const stored = (text: string) => {
    const p = parseQuantity(text);
    if (!p.ok) throw new Error(p.error);
    return roundUpMilli(p.value).canonical;
  };
  it.each([
    ['100u', '1m'],
    ['0.5m', '1m'],
    ['1.5m', '2m'],
    ['1001u', '2m'],
    ['1n', '1m'],
    ['1.5e-7', '1e-3'],
    ['-100u', '-1m'],
  ])('%s is stored as %s', (input, want) => {
    expect(stored(input)).toBe(want);
  });

  it.each(['250m', '100.035k', '1e-3', '1000u', '0', '1Gi', '1.5Gi'])('%s keeps its canonical string', (input) => {
    expect(stored(input)).toBe(canonicalQuantity(input));
  });

  it('never lowers a value, and leaves nothing below milli (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: -9, max: 3 }), (m, e) => {
        const p = parseQuantity(`${m}e${e}`);
        if (!p.ok) return;
        const r = roundUpMilli(p.value);
        expect(compareQuantities(r, p.value)).toBeGreaterThanOrEqual(0);
        expect(r.exponent >= -3 || r === p.value).toBe(true);
      }),
    );
  });
});
