import { describe, expect, it } from 'vitest';
import { durationSeconds } from './duration.js';

describe('durationSeconds (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['30s', 30],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['-2m', -120],
    ['250ms', 0.25],
    ['3us', 3e-6],
    ['3\u00b5s', 3e-6], // micro sign
    ['3\u03bcs', 3e-6], // Greek mu: Go accepts both
    ['100ns', 1e-7],
  ])('%s → %s s', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  it.each(['', '5', 'h', '1d', '1h x', '--1s'])('rejects %j', (text) => {
    expect(durationSeconds(text)).toBeUndefined();
  });
});
