/** Number constants of text/template (parse/node.go newNumber) and the strconv parsing they use. */
import type { ItemType } from './lex.js';
import type { NumberNode } from './nodes.js';
import { goQuote, goUnquote } from './quote.js';

/**
 * NumberNode values (parse/node.go newNumber): integer syntax first (0x, 0o, 0b, a leading 0
 * is octal, `_` separators), a float otherwise; a float that is integral is also an int.
 * Complex constants are not supported (a prompt has no use for them).
 */
export function parseNumber(text: string, type: ItemType): Omit<NumberNode, 'kind' | 'pos'> | string {
  if (type === 'charConstant') {
    let r: number;
    try {
      r = goUnquote(text).codePointAt(0)!;
    } catch {
      // strconv.UnquoteChar read one character and found more before the closing quote.
      let body: string | undefined;
      try {
        body = goUnquote(`"${text.slice(1, -1).replace(/\\'/g, "'")}"`);
      } catch {
        body = undefined;
      }
      return body !== undefined && [...body].length > 1 ? `malformed character constant: ${text}` : 'invalid syntax';
    }
    return { text, isInt: true, isFloat: true, int: r, float: r };
  }
  if (type === 'complex' || text.endsWith('i')) return `illegal number syntax: ${goQuote(text)}`;
  const int = parseGoInt(text);
  if (int !== undefined) return { text, isInt: true, isFloat: true, int, float: int };
  const f = parseGoFloat(text);
  if (f === undefined) return `illegal number syntax: ${goQuote(text)}`;
  if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
  const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
  return { text, isInt, isFloat: true, int: isInt ? f : 0, float: f };
}

/** strconv.ParseInt(text, 0, 64): base prefixes, a leading 0 is octal, `_` only between digits. */
function parseGoInt(text: string): number | undefined {
  const negative = text.startsWith('-');
  const s = text.replace(/^[+-]/, '');
  let base = 10;
  let digits = s;
  if (/^0[xX]/.test(s)) (base = 16), (digits = s.slice(2));
  else if (/^0[oO]/.test(s)) (base = 8), (digits = s.slice(2));
  else if (/^0[bB]/.test(s)) (base = 2), (digits = s.slice(2));
  else if (s.length > 1 && s[0] === '0') (base = 8), (digits = s.slice(1));
  if (!underscoreOK(s)) return undefined;
  digits = digits.replace(/_/g, '');
  const valid = '0123456789abcdef'.slice(0, base);
  if (digits === '' || [...digits.toLowerCase()].some((c) => !valid.includes(c))) return undefined;
  let n = 0n;
  const radix = BigInt(base);
  for (const c of digits.toLowerCase()) {
    n = n * radix + BigInt(valid.indexOf(c));
    // Past 2^64 it can only grow: out of range whatever follows (and no quadratic BigInt work on a huge literal).
    if (n > 2n ** 64n) return undefined;
  }
  if (negative) n = -n;
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) return undefined;
  return Number(n);
}

/** strconv's underscoreOK: an underscore only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  const hex = /^0[xX]/.test(s);
  if (/^0[xXoObB]/.test(s)) (i = 2), (saw = '0');
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

/** strconv.ParseFloat(text, 64) for decimal forms (hex floats are not supported). */
function parseGoFloat(text: string): number | undefined {
  // Underscores are allowed only in hex floats, which a prompt has no use for.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const f = Number(text);
  return Number.isFinite(f) ? f : undefined; // out of range is a syntax error to Go's parser
}
