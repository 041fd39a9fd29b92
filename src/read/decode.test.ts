import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSource } from './parse.js';

/** What decodeSource did with a fatal TextDecoder before it used isUtf8: the reference. */
function reference(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

describe('decodeSource', () => {
  it('decodes exactly as a fatal TextDecoder, BOMs included, and refuses what it refuses', () => {
    const utf8ish = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 32 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(fc.integer({ min: 0, max: 2 }), fc.string({ maxLength: 16 }))
        .map(([boms, s]) => new TextEncoder().encode('\ufeff'.repeat(boms) + s)),
    );
    fc.assert(
      fc.property(utf8ish, (bytes) => {
        const { file, diagnostics } = decodeSource('x.yaml', bytes);
        const want = reference(bytes);
        expect(file?.text).toBe(want);
        expect(diagnostics.map((d) => d.rule)).toEqual(want === undefined ? ['yaml-invalid-utf8'] : []);
      }),
      { numRuns: 2000 },
    );
  });

  it('drops one BOM, or two (as before)', () => {
    expect(decodeSource('x', new TextEncoder().encode('\ufeffa: 1')).file?.text).toBe('a: 1');
    expect(decodeSource('x', new TextEncoder().encode('\ufeff\ufeffa: 1')).file?.text).toBe('a: 1');
    expect(decodeSource('x', new TextEncoder().encode('a: \ufeff')).file?.text).toBe('a: \ufeff');
  });
});
