/**
 * Byte-exact go-yaml v2.4.0 output (as sigs.k8s.io/yaml Marshal writes it) for the plain
 * JSON data of kmcp's agentgateway config: go-yaml's key order, its quoting rules and its
 * folding of long plain scalars at 80 columns (kmcp.md §2.11). The config hash is taken over
 * these bytes, so they must match exactly.
 */
type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

const BEST_WIDTH = 80;

export function goYaml(value: Value): string {
  const lines: string[] = [];
  if (isMap(value)) emitMap(value, 0, lines, '');
  else throw new Error('goYaml: top level must be a mapping');
  return `${lines.join('\n')}\n`;
}

function isMap(v: Value): v is { [k: string]: Value } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `first` is the text that precedes the first line (a `- ` of an enclosing sequence). */
function emitMap(m: { [k: string]: Value }, indent: number, lines: string[], first: string): void {
  const keys = goSortedKeys(m);
  keys.forEach((k, i) => {
    const prefix = i === 0 && first ? first : ' '.repeat(indent);
    emitEntry(`${prefix}${scalar(k, indent, prefix.length)}:`, m[k], indent, lines);
  });
}

function emitEntry(head: string, v: Value, indent: number, lines: string[]): void {
  if (isMap(v)) {
    if (Object.keys(v).length === 0) lines.push(`${head} {}`);
    else {
      lines.push(head);
      emitMap(v, indent + 2, lines, '');
    }
  } else if (Array.isArray(v)) {
    if (v.length === 0) lines.push(`${head} []`);
    else {
      lines.push(head);
      emitSeq(v, indent, lines);
    }
  } else {
    lines.push(`${head} ${scalar(v, indent + 2, head.length + 1)}`);
  }
}

function emitSeq(s: Value[], indent: number, lines: string[]): void {
  for (const item of s) {
    const dash = `${' '.repeat(indent)}- `;
    if (isMap(item) && Object.keys(item).length > 0) emitMap(item, indent + 2, lines, dash);
    else if (Array.isArray(item) && item.length > 0) {
      lines.push(`${' '.repeat(indent)}-`);
      emitSeq(item, indent + 2, lines);
    } else if (isMap(item)) lines.push(`${dash}{}`);
    else if (Array.isArray(item)) lines.push(`${dash}[]`);
    else lines.push(`${dash}${scalar(item, indent + 2, dash.length)}`);
  }
}

function scalar(v: Value, indent: number, column: number): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (!resolvesToString(s)) return doubleQuoted(s);
  if (s.includes('\n')) return doubleQuoted(s); // not produced by the kmcp config; keep it safe
  if (plainAllowed(s)) return fold(s, indent, column);
  if (singleQuotedAllowed(s)) return `'${s.replace(/'/g, "''")}'`;
  return doubleQuoted(s);
}

/** go-yaml v2 `resolve`: strings that would read back as another type must be quoted. */
function resolvesToString(s: string): boolean {
  if (s === '' || s === '~' || /^(null|Null|NULL)$/.test(s)) return false;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return false;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$/.test(s) || /^(\.nan|\.NaN|\.NAN)$/.test(s)) return false;
  if (s === '<<') return false;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(plain)) return false;
  if (/^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(plain)) return false;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return false; // base 60
  return true;
}

/** libyaml yaml_emitter_analyze_scalar, block context. */
function plainAllowed(s: string): boolean {
  if (s.length === 0) return false;
  if (/^\s|\s$/.test(s)) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  const c0 = s[0];
  const next = s[1] ?? '';
  if ('#,[]{}&*!|>\'"%@`'.includes(c0)) return false;
  if ((c0 === '-' || c0 === '?' || c0 === ':') && (next === '' || next === ' ')) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    const after = s[i + 1] ?? '';
    if (c === ':' && (after === '' || after === ' ')) return false;
    if (c === '#' && s[i - 1] === ' ') return false;
    if (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) return false;
  }
  return true;
}

function singleQuotedAllowed(s: string): boolean {
  return !/[\x00-\x1f\x7f]/.test(s) && !/^\s|\s$/.test(s);
}

/** libyaml writes a plain scalar breaking at a space once the line is past 80 columns. */
function fold(s: string, indent: number, column: number): string {
  let out = '';
  let col = column;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ' ' && col > BEST_WIDTH && s[i - 1] !== ' ' && s[i + 1] !== ' ') {
      out += `\n${' '.repeat(indent)}`;
      col = indent;
      continue;
    }
    out += c;
    col++;
  }
  return out;
}

function doubleQuoted(s: string): string {
  return JSON.stringify(s);
}

/** Every MCPServer's config has the same few shapes of map: each shape's key order is worked out once. */
const sortedKeysMemo = new Map<string, string[]>();

function goSortedKeys(m: { [k: string]: Value }): string[] {
  const keys = Object.keys(m);
  const shape = JSON.stringify(keys);
  let sorted = sortedKeysMemo.get(shape);
  if (!sorted) {
    sorted = keys.sort(goKeyCompare);
    if (sortedKeysMemo.size < 10_000) sortedKeysMemo.set(shape, sorted);
  }
  return sorted;
}

/** go-yaml v2 keyList.Less for string keys: letters after non-letters, digit runs numerically. */
export function goKeyCompare(a: string, b: string): number {
  if (a === b) return 0;
  return goKeyLess(a, b) ? -1 : 1;
}

function goKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
