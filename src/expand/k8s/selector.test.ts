import { describe, expect, it } from 'vitest';
import { matchesLabelSelector } from './selector.js';

const labels = { team: 'platform', tier: 'gold' };

describe('matchesLabelSelector (metav1.LabelSelector)', () => {
  it.each([
    ['matchLabels equal', { matchLabels: { team: 'platform' } }, true],
    ['matchLabels differ', { matchLabels: { team: 'ops' } }, false],
    ['matchLabels key absent', { matchLabels: { region: 'eu' } }, false],
    ['empty selector: everything', {}, true],
    ['In, value listed', { matchExpressions: [{ key: 'team', operator: 'In', values: ['ops', 'platform'] }] }, true],
    ['In, value not listed', { matchExpressions: [{ key: 'team', operator: 'In', values: ['ops'] }] }, false],
    ['In, key absent', { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] }, false],
    ['NotIn, value listed', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['platform'] }] }, false],
    ['NotIn, value not listed', { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['ops'] }] }, true],
    ['NotIn, key absent', { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['Exists, key absent', { matchExpressions: [{ key: 'region', operator: 'Exists' }] }, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'region', operator: 'DoesNotExist' }] }, true],
    ['DoesNotExist, key present', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    [
      'all must hold',
      {
        matchLabels: { team: 'platform' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['gold'] },
          { key: 'region', operator: 'Exists' },
        ],
      },
      false,
    ],
    [
      'In without values: refused by Kubernetes',
      { matchExpressions: [{ key: 'team', operator: 'In', values: [] }] },
      false,
    ],
    [
      'Exists with values: refused by Kubernetes',
      { matchExpressions: [{ key: 'team', operator: 'Exists', values: ['x'] }] },
      false,
    ],
    ['unknown operator', { matchExpressions: [{ key: 'team', operator: 'Equals', values: ['platform'] }] }, false],
  ])('%s', (_name, selector, want) => {
    expect(matchesLabelSelector(selector, labels)).toBe(want);
  });

  it('nil selects nothing', () => {
    expect(matchesLabelSelector(undefined, labels)).toBe(false);
    expect(matchesLabelSelector(null, labels)).toBe(false);
  });

  it('does not take inherited properties for labels', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {})).toBe(false);
  });
});
