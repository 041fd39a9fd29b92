import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff.js';

describe('unifiedDiff', () => {
  it('prints a changed line as its removal, then its addition (the order of diff -u and git diff)', () => {
    expect(unifiedDiff('a\nold\nb\n', 'a\nnew\nb\n', 'x', 'x')).toBe(
      '--- x\n+++ x\n@@ -1,3 +1,3 @@\n a\n-old\n+new\n b\n',
    );
    expect(unifiedDiff('1\n2\n', '3\n4\n', 'x', 'x')).toBe('--- x\n+++ x\n@@ -1,2 +1,2 @@\n-1\n-2\n+3\n+4\n');
  });

  it('is empty for equal texts and handles files that appear or vanish', () => {
    expect(unifiedDiff('a\n', 'a\n', 'x', 'x')).toBe('');
    expect(unifiedDiff('', 'a\n', '/dev/null', 'x')).toBe('--- /dev/null\n+++ x\n@@ -0,0 +1,1 @@\n+a\n');
    expect(unifiedDiff('a\n', '', 'x', '/dev/null')).toBe('--- x\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n');
  });
});
