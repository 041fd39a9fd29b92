import { describe, expect, it } from 'vitest';
import { checkCase, layoutProblems, listCases } from './harness/golden.js';

const cases = listCases();

describe('golden fixtures', () => {
  it('finds the fixture cases (an empty suite is a failure)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('every case has the layout of aesthetics.md §8.2 and no stray files', () => {
    expect(cases.flatMap(layoutProblems)).toEqual([]);
  });

  it.each(cases)('%s', async (name) => {
    const report = await checkCase(name);
    expect(report, report).toBe('');
  });
});
