/**
 * Quantities as the API server's `requests ≤ limits`, `≥ 0` and whole-number checks read
 * them: on top of the one exact parser (src/go/quantity.ts). Text that is not a
 * quantity gives `undefined`: reporting it is the emitter's job (rule quantity-invalid).
 */
import { compareQuantities as compareParsed, parseQuantity, type Quantity } from '../go/quantity.js';

function parsed(text: string): Quantity | undefined {
  const p = parseQuantity(text);
  return p.ok ? p.value : undefined;
}

/** Sign of a − b, or undefined when either is not a quantity. */
export function compareQuantities(a: string, b: string): number | undefined {
  const x = parsed(a);
  const y = parsed(b);
  if (!x || !y) return undefined;
  return Math.sign(compareParsed(x, y));
}

/** Whether a quantity is a whole number (extended resources must be); undefined when not a quantity. */
export function isWholeQuantity(a: string): boolean | undefined {
  const q = parsed(a);
  if (!q) return undefined;
  return q.exponent >= 0 || q.mantissa % 10n ** BigInt(-q.exponent) === 0n;
}
