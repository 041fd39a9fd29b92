import { describe, expect, it } from 'vitest';
import { compact, sortedMap } from './meta.js';

describe('sortedMap (Go marshals maps with sorted keys)', () => {
  it('sorts by byte order, copying sorted and unsorted maps alike', () => {
    const sorted = { a: '1', b: '2' };
    expect(Object.keys(sortedMap({ kagent: 'x', 'app.kubernetes.io/name': 'y', app: 'z' })!)).toEqual([
      'app',
      'app.kubernetes.io/name',
      'kagent',
    ]);
    expect(sortedMap(sorted)).toEqual(sorted);
    expect(sortedMap(sorted)).not.toBe(sorted);
    expect(Object.keys(sortedMap({ B: '', a: '', _: '' })!)).toEqual(['B', '_', 'a']);
  });

  it('has nothing to say for an absent or empty map', () => {
    expect(sortedMap(undefined)).toBeUndefined();
    expect(sortedMap({})).toBeUndefined();
  });
});

describe('compact', () => {
  it('drops undefined values, keeps order and falsy values, and returns the same object when nothing is dropped', () => {
    const full = { a: 1, b: null, c: '' };
    expect(compact(full)).toBe(full);
    const out = compact({ x: undefined, a: 0, y: undefined, b: false, c: 'v' });
    expect(Object.keys(out)).toEqual(['a', 'b', 'c']);
    expect(out).toEqual({ a: 0, b: false, c: 'v' });
  });
});
