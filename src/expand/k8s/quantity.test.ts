import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalQuantity, canonicalResources } from './quantity.js';

describe('canonicalQuantity', () => {
  it.each([
    ['3000m', '3'], ['2000m', '2'], ['100m', '100m'], ['1500m', '1500m'], ['0.5', '500m'], ['1024Mi', '1Gi'],
    ['384Mi', '384Mi'], ['1536Mi', '1536Mi'], ['1Gi', '1Gi'], ['1000', '1k'], ['1e3', '1e3'], ['2', '2'], ['0', '0'],
    ['0.5Gi', '512Mi'], ['1000Ki', '1000Ki'], ['1.5', '1500m'], ['1M', '1M'], ['1000k', '1M'],
  ])('%s → %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom('m', '', 'k', 'Mi', 'Gi', 'Ki'), (n, s) => {
        const once = canonicalQuantity(`${n}${s}`);
        expect(canonicalQuantity(once)).toBe(once);
      }),
      { seed: 42 },
    );
  });
});

/** The exact value of a quantity as a fraction num/den (Kubernetes resource.Quantity semantics). */
function exactValue(q: string): { num: bigint; den: bigint } {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE]([+-]?\d+))?$/.exec(q);
  if (!m) throw new Error(`not a quantity: ${q}`);
  const [, sign, number, suffix = '', exp] = m;
  const [int, frac = ''] = number!.split('.');
  let num = BigInt((int || '0') + frac) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  const power = exp !== undefined ? Number(exp) : suffix in decimal ? decimal[suffix]! : undefined;
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

/** Quantities no finer than 1n (Kubernetes rounds finer values up, so their value is not kept). */
const quantity = fc.oneof(
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom('n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'Ki', 'Mi', 'Gi', 'Ti')).map(([n, s]) => `${n}${s}`),
  fc.tuple(fc.nat(99_999), fc.nat(999), fc.constantFrom('m', '', 'k', 'M', 'Ki', 'Mi', 'Gi')).map(([i, f, s]) => `${i}.${String(f).padStart(3, '0')}${s}`),
  fc.tuple(fc.nat(9_999), fc.integer({ min: -6, max: 12 })).map(([n, e]) => `${n}e${e}`),
);

describe('canonicalQuantity properties (Kubernetes resource.Quantity canonical form)', () => {
  it('keeps the value', () => {
    fc.assert(fc.property(quantity, (q) => sameValue(canonicalQuantity(q), q)), { seed: 7, numRuns: 2000 });
  });

  it('is idempotent', () => {
    fc.assert(fc.property(quantity, (q) => canonicalQuantity(canonicalQuantity(q)) === canonicalQuantity(q)), { seed: 8, numRuns: 2000 });
  });

  it('writes an integral mantissa with the largest suffix of its format that keeps it integral', () => {
    fc.assert(
      fc.property(quantity, (q) => {
        const c = canonicalQuantity(q);
        const m = /^(-?)(\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|e-?\d+)?$/.exec(c);
        if (!m) return false;
        const [, , digits, suffix = ''] = m;
        if (digits === '0') return c === '0';
        // Binary: never divisible by 1024 again (unless already Ei); decimal SI: never by 1000 (unless E).
        if (/i$/.test(suffix)) return suffix === 'Ei' || BigInt(digits!) % 1024n !== 0n;
        if (suffix.startsWith('e')) return Number(suffix.slice(1)) % 3 === 0 && BigInt(digits!) % 1000n !== 0n;
        return suffix === 'E' || BigInt(digits!) % 1000n !== 0n;
      }),
      { seed: 9, numRuns: 2000 },
    );
  });

  it.each([
    ['3000m', '3'], ['1024Mi', '1Gi'], ['1048576Ki', '1Gi'], ['0.25Ki', '256'], ['0.3Ki', '307200m'], ['1.5Gi', '1536Mi'],
    ['12e6', '12e6'], ['1000e3', '1e6'], ['0.001', '1m'], ['100000000n', '100m'], ['1500u', '1500u'],
  ])('%s → %s, the same value', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
    expect(sameValue(input, canonical)).toBe(true);
  });
});

describe('canonicalResources', () => {
  it('writes limits before requests, as Go writes ResourceRequirements, whatever the input order', () => {
    const out = canonicalResources({ requests: { memory: '1024Mi', cpu: '500m' }, limits: { memory: '2048Mi', cpu: '3000m' } });
    expect(JSON.stringify(out)).toBe('{"limits":{"cpu":"3","memory":"2Gi"},"requests":{"cpu":"500m","memory":"1Gi"}}');
  });
});

describe('binary quantities that Kubernetes writes otherwise', () => {
  it.each([
    ['1.953125Ki', '2000'], // whole bytes not divisible by 1024: the plain number, not "2k"
    ['0.9765625Ki', '1k'], // under 1024: DecimalSI
    ['0Ki', '0'],
    // 8192.156 × 2^30 is not a whole number of bytes: exact DecimalSI (milli), no float rounding.
    ['8192.156Gi', '8796260525932544m'],
  ])('%s → %s', (input, canonical) => {
    expect(canonicalQuantity(input)).toBe(canonical);
  });
});

