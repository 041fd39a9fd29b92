/** A small unified diff (Myers/LCS over lines) for `--check`; no dependency needed for this size. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  if (ops.every((o) => o.kind === ' ')) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are within 2*context lines of each other.
    while (end < ops.length) {
      let j = end;
      while (j < ops.length && ops[j].kind !== ' ') j++;
      let k = j;
      while (k < ops.length && ops[k].kind === ' ' && k - j < 2 * context) k++;
      if (k < ops.length && ops[k].kind !== ' ') end = k;
      else {
        end = Math.min(ops.length, j + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].a + 1;
    const bStart = hunk[0].b + 1;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen === 0 ? aStart - 1 : aStart},${aLen} +${bLen === 0 ? bStart - 1 : bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.text}`);
    i = end;
    start = end;
  }
  return `${out.join('\n')}\n`;
}

export interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  a: number;
  b: number;
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // LCS table on the trimmed middle (common prefix/suffix removed first for speed).
  let pre = 0;
  while (pre < n && pre < m && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && a[n - 1 - suf] === b[m - 1 - suf]) suf++;
  const A = a.slice(pre, n - suf);
  const B = b.slice(pre, m - suf);
  const dp: Uint32Array[] = Array.from({ length: A.length + 1 }, () => new Uint32Array(B.length + 1));
  for (let i = A.length - 1; i >= 0; i--)
    for (let j = B.length - 1; j >= 0; j--)
      dp[i][j] = A[i] === B[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: ' ', text: a[k], a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < A.length || j < B.length) {
    if (i < A.length && j < B.length && A[i] === B[j]) {
      ops.push({ kind: ' ', text: A[i], a: pre + i, b: pre + j });
      i++;
      j++;
    } else if (i < A.length && (j === B.length || dp[i + 1][j] >= dp[i][j + 1])) {
      // Removals before additions, as diff(1) and git print a changed line.
      ops.push({ kind: '-', text: A[i], a: pre + i, b: pre + j });
      i++;
    } else {
      ops.push({ kind: '+', text: B[j], a: pre + i, b: pre + j });
      j++;
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', text: a[n - suf + k], a: n - suf + k, b: m - suf + k });
  return ops;
}
