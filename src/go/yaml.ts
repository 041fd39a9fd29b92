/**
 * Byte-exact go-yaml v2.4.0 output (as sigs.k8s.io/yaml Marshal writes it) for the plain JSON
 * data of kmcp's agentgateway config (kmcp.md §2.11). The config hash is taken over these bytes,
 * so they must match exactly. A port of the parts of go-yaml's emitter (emitterc.go, itself a
 * port of libyaml) that block-style documents of maps, sequences and scalars go through:
 *
 * - encode.go `stringv`: a string with a `\n` asks for a literal block, one that would resolve
 *   to another type (resolve.go, base-60 floats too) for double quotes, any other for plain;
 * - `yaml_emitter_analyze_scalar` + `select_scalar_style`: plain falls back to single quotes
 *   (leading/trailing space, indicators), single quotes and literal blocks to double quotes
 *   (tabs, control characters, a space before a line break, ...); keys never fold or use blocks;
 * - the writers: plain and quoted scalars fold at a space past column 80, literal blocks carry
 *   an indentation indicator when they start with a space or a break and a chomping indicator
 *   (`|-`, `|`, `|+`), double quotes escape what is not printable;
 * - keyList.Less for key order; empty maps and sequences as `{}` and `[]`.
 */
type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

export function goYaml(value: Value): string {
  const e = new Emitter();
  e.node(value, { root: true });
  return e.finish();
}

interface Context {
  root?: boolean;
  sequence?: boolean;
  mapping?: boolean;
  simpleKey?: boolean;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

class Emitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];

  finish(): string {
    // The document ends with a line break (yaml_emitter_emit_document_end writes the indent).
    this.writeIndent();
    return this.out;
  }

  node(v: Value, ctx: Context): void {
    if (Array.isArray(v)) {
      if (v.length === 0) this.emptyFlow('[', ']');
      else this.blockSequence(v, ctx);
    } else if (v !== null && typeof v === 'object') {
      const keys = goSortedKeys(v);
      if (keys.length === 0) this.emptyFlow('{', '}');
      else this.blockMapping(v, keys);
    } else this.scalar(v, ctx);
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private blockSequence(items: Value[], ctx: Context): void {
    this.increaseIndent(false, Boolean(ctx.mapping) && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { sequence: true });
    }
    this.indent = this.indents.pop()!;
  }

  private blockMapping(m: { [k: string]: Value }, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      const key = analyze(k);
      // yaml_emitter_check_simple_key: at most 128 bytes, on one line.
      if (!key.multiline && utf8Length(k) <= 128) {
        this.scalar(k, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.scalar(k, { mapping: true });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(m[k]!, { mapping: true });
    }
    this.indent = this.indents.pop()!;
  }

  private scalar(v: null | boolean | number | string, ctx: Context): void {
    let text: string;
    let requested: Style;
    if (typeof v === 'string') {
      text = v;
      requested = v.includes('\n') ? 'literal' : resolvesToString(v) ? 'plain' : 'double';
    } else {
      text = v === null ? 'null' : typeof v === 'number' ? goNumber(v) : String(v);
      requested = 'plain';
    }
    const a = analyze(text);
    const style = selectStyle(requested, a, Boolean(ctx.simpleKey));
    this.increaseIndent(true, false);
    const breaks = !ctx.simpleKey;
    if (style === 'plain') this.writePlain(text, breaks);
    else if (style === 'single') this.writeSingleQuoted(text, breaks);
    else if (style === 'double') this.writeDoubleQuoted(text, breaks);
    else this.writeLiteral(text);
    this.indent = this.indents.pop()!;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private put(s: string): void {
    this.out += s;
    this.column += s.length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** Writes a line break character: `\n` as a break, the others (NEL, LS, PS) as they are. */
  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writePlain(s: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const cs = [...s];
    let spaces = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cs[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        // Plain scalars never hold line breaks (analysis rules them out).
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(s: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const cs = [...s];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cs.length - 1 && cs[i + 1] !== ' ') {
          this.writeIndent();
        } else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(s: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const cs = [...s];
    let spaces = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put(`\\${escapeSequence(cp)}`);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cs.length - 1) {
          this.writeIndent();
          if (cs[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(s: string): void {
    this.writeIndicator('|', true, false, false);
    const cs = [...s];
    // yaml_emitter_write_block_scalar_hints: indentation indicator, then chomping indicator.
    if (cs[0] === ' ' || isBreak(cs[0] ?? '')) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = cs.length - 1;
    let chomp = '';
    if (cs.length === 0 || !isBreak(cs[last]!)) chomp = '-';
    else if (last === 0 || isBreak(cs[last - 1]!)) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cs) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  empty: boolean;
}

/** yaml_emitter_analyze_scalar, on code points (the checks it makes on UTF-8 bytes say the same). */
function analyze(s: string): Analysis {
  if (s.length === 0)
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false, empty: true };
  const cs = [...s];
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const followedByWhitespace = i + 1 >= cs.length || cs[i + 1] === ' ' || cs[i + 1] === '\t';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) blockIndicators = true;
    if (!isPrintable(c.codePointAt(0)!)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === cs.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cs.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || isBreak(c) || c === '\0';
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed, empty: false };
}

/** yaml_emitter_select_scalar_style in block context (flow level 0), implicit tags. */
function selectStyle(requested: Style, a: Analysis, simpleKey: boolean): Style {
  let style = requested;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (a.empty && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

function isBreak(c: string): boolean {
  return c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

/** libyaml is_printable: LF, 0x20-0x7E, 0xA0-0xD7FF, 0xE000-0xFFFD except the BOM; nothing beyond the BMP. */
function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

const ESCAPES: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  133: 'N',
  160: '_',
  8232: 'L',
  8233: 'P',
};

function escapeSequence(cp: number): string {
  const named = ESCAPES[cp];
  if (named !== undefined) return named;
  const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return `${letter}${cp.toString(16).toUpperCase().padStart(width, '0')}`;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** encode.go: ints with FormatInt, floats with FormatFloat(f, 'g', -1, 64) and .inf/.nan. */
function goNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  // Shortest digits, %e when the exponent is below -4 or at least 6 (eprec 6 for the shortest form).
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/**
 * resolve.go `resolve("", s)` is `!!str` and the string is no base-60 float: only then may it be
 * written plain (encode.go `stringv`); otherwise go-yaml double-quotes it.
 */
export function resolvesToString(s: string): boolean {
  if (s === '') return false;
  const hint = s[0]!;
  const tableHint = '+-0123456789yYnNtTfFoO~.'.includes(hint);
  if (tableHint) {
    if (RESOLVE_TABLE.has(s)) return false;
    if (hint === '.') {
      // strconv.ParseFloat, which takes underscores between digits.
      if (/^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/.test(s)) return false;
    } else if ('+-0123456789'.includes(hint)) {
      if (/^[0-9]/.test(s) && isTimestamp(s)) return false;
      const plain = s.replace(/_/g, '');
      if (isGoInt(plain)) return false;
      if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return false; // yamlStyleFloat
    }
  }
  // isBase60Float: quoted on the way out for other parsers.
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return false;
  return true;
}

/**
 * go-yaml v2 resolve.go's `resolveMap`: the plain spellings that are not strings, and what they
 * are. The reader (src/read/yaml11.ts) resolves with it; this emitter quotes them.
 */
export const RESOLVE_TABLE: ReadonlyMap<string, boolean | null | number> = new Map<string, boolean | null | number>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((k) => [k, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((k) => [k, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((k) => [k, null] as const),
  ...['.nan', '.NaN', '.NAN'].map((k) => [k, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((k) => [k, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((k) => [k, Number.NEGATIVE_INFINITY] as const),
]);

/** strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeds (base prefixes 0x, 0o, 0b, 0; underscores removed). */
function isGoInt(s: string): boolean {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const body = m[2]!;
  const digits = /^0[oO]/.test(body) ? `0o${body.slice(2)}` : /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
  const v = BigInt(digits.replace(/^0X/, '0x').replace(/^0B/, '0b'));
  if (m[1] === '-') return v <= 2n ** 63n; // ParseInt
  if (m[1] === '+') return v < 2n ** 63n; // ParseInt (ParseUint takes no sign)
  return v < 2n ** 64n; // ParseInt or ParseUint
}

/** parseTimestamp: YYYY- then one of go-yaml's four layouts, as time.Parse checks them. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      s,
    );
  if (!m) return false;
  const [, y, mo, d, space, h, mi, sec, zone] = m;
  if (h !== undefined && (space !== undefined) === (zone !== undefined)) return false; // T needs a zone, ' ' has none
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (day > days[month - 1]!) return false;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59)) return false;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4)) > 60)) return false;
  return true;
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
  const ar = [...a].map((c) => c.codePointAt(0)!);
  const br = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    // int64 arithmetic on digit runs (unicode.IsDigit; the value is rune - '0', wrapping like Go).
    let an = 0n;
    let bn = 0n;
    if (ar[i] === 48 || br[i] === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== 48) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]! - 48));
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]! - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function isLetter(cp: number): boolean {
  return /\p{L}/u.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  return /\p{Nd}/u.test(String.fromCodePoint(cp));
}
