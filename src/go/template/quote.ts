/** Go's strconv.Quote and strconv.Unquote, as text/template uses them. */

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  return r === 0x20 || PRINTABLE.test(String.fromCodePoint(r));
}

const ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function escapeRune(r: number, quote: string): string {
  const ch = String.fromCodePoint(r);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd; // a lone surrogate is not valid UTF-8
  if (isPrint(r)) return String.fromCodePoint(r);
  if (ESCAPES[r]) return ESCAPES[r];
  if (r < 0x20 || r === 0x7f) return `\\x${r.toString(16).padStart(2, '0')}`;
  if (r < 0x10000) return `\\u${r.toString(16).padStart(4, '0')}`;
  return `\\U${r.toString(16).padStart(8, '0')}`;
}

/** strconv.Quote (Go's %q of a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"');
  return `${out}"`;
}

/** strconv.QuoteRune (Go's %q of an integer). */
export function goQuoteRune(r: number): string {
  if (r < 0 || r > 0x10ffff) r = 0xfffd;
  return `'${escapeRune(r, "'")}'`;
}

export class UnquoteSyntaxError extends Error {}

/** strconv.Unquote of a "..." or `...` literal; throws `invalid syntax` like Go. */
export function goUnquote(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) throw new UnquoteSyntaxError('invalid syntax');
  const body = lit.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new UnquoteSyntaxError('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw new UnquoteSyntaxError('invalid syntax');
  const bytes: number[] = [];
  const pushRune = (r: number) => bytes.push(...Buffer.from(String.fromCodePoint(r), 'utf8'));
  let runes = 0;
  for (let i = 0; i < body.length; ) {
    const c = body.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    runes++;
    if (String.fromCodePoint(c) === q || c === 0x0a) throw new UnquoteSyntaxError('invalid syntax');
    if (c !== 0x5c) {
      pushRune(c);
      i += w;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };
    if (e in simple) pushRune(simple[e]);
    else if (e === "'" || e === '"') {
      if (e !== q) throw new UnquoteSyntaxError('invalid syntax');
      pushRune(e.charCodeAt(0));
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new UnquoteSyntaxError('invalid syntax');
      i += n;
      const v = parseInt(hex, 16);
      if (e === 'x') {
        if (q === "'") pushRune(v);
        else bytes.push(v);
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new UnquoteSyntaxError('invalid syntax');
        pushRune(v);
      }
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) throw new UnquoteSyntaxError('invalid syntax');
      i += 2;
      const v = parseInt(oct, 8);
      if (v > 255) throw new UnquoteSyntaxError('invalid syntax');
      if (q === "'") pushRune(v);
      else bytes.push(v);
    } else throw new UnquoteSyntaxError('invalid syntax');
  }
  if (q === "'" && runes !== 1) throw new UnquoteSyntaxError('invalid syntax');
  return Buffer.from(bytes).toString('utf8');
}
