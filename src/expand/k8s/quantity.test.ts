import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalQuantity } from './quantity.js';

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
