/**
 * Exact comparison of two resource quantities, for the API server's `requests ≤ limits` and
 * `≥ 0` checks. Values are read as exact rationals (no float rounding: `0.1` + suffixes).
 * Unparsable text gives `undefined`: reporting a malformed quantity is the emitter's job.
 */
const PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;
const BINARY: Record<string, bigint> = { Ki: 2n ** 10n, Mi: 2n ** 20n, Gi: 2n ** 30n, Ti: 2n ** 40n, Pi: 2n ** 50n, Ei: 2n ** 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** `num / den`, den > 0. */
function rational(text: string): { num: bigint; den: bigint } | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, sign, digitsText, suffix = '', exp] = m;
  const [int, frac = ''] = digitsText!.split('.');
  let num = BigInt(`${int || '0'}${frac}`) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  if (BINARY[suffix]) num *= BINARY[suffix]!;
  else {
    // An exponent beyond any real quantity is refused rather than computed.
    const e = exp !== undefined ? Number(exp) : DECIMAL[suffix]!;
    if (Math.abs(e) > 100) return undefined;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  return { num, den };
}

/** Sign of a − b, or undefined when either is not a quantity. */
export function compareQuantities(a: string, b: string): number | undefined {
  const x = rational(a);
  const y = rational(b);
  if (!x || !y) return undefined;
  const d = x.num * y.den - y.num * x.den;
  return d === 0n ? 0 : d > 0n ? 1 : -1;
}

/** Whether a quantity is a whole number (extended resources must be); undefined when not a quantity. */
export function isWholeQuantity(a: string): boolean | undefined {
  const x = rational(a);
  return x && x.num % x.den === 0n;
}
