/**
 * fmt.Sprintf for the values a template holds: flags `+ - # 0 space`, width, precision
 * (`*` too), verbs v s q d t b o O x X c U e E f F g G T and %%, and Go's in-band error
 * forms (`%!d(string=x)`, `%!v(MISSING)`, `%!(EXTRA ...)`, `%!(NOVERB)`).
 */
import { goQuote, goQuoteRune } from './quote.js';
import { OutputTooLarge, TEMPLATE_LIMITS } from './limits.js';
import { GoByte, GoFloat, GoStruct, formatFloat, formatValue, sortedKeys, typeName, type GoValue } from './values.js';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argNum = 0;
  const runes = [...format];
  let i = 0;
  while (i < runes.length) {
    if (runes[i] !== '%') {
      out += runes[i++];
      continue;
    }
    i++;
    const spec: Spec = { plus: false, minus: false, sharp: false, space: false, zero: false };
    for (; i < runes.length; i++) {
      const c = runes[i];
      if (c === '+') spec.plus = true;
      else if (c === '-') spec.minus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    // fmt.doPrintf: a width or precision from `*` must be an int of magnitude ≤ 1e6
    // (%!(BADWIDTH), %!(BADPREC)); a literal one that grows past 1e6 is taken as a crazy long
    // number and ends the format (parsenum returns the end: %!(NOVERB)).
    const parseNum = (): number | undefined => {
      let n = 0;
      let any = false;
      while (i < runes.length && runes[i]! >= '0' && runes[i]! <= '9') {
        if (tooLarge(n)) {
          i = runes.length;
          return undefined;
        }
        n = n * 10 + Number(runes[i++]);
        any = true;
      }
      return any ? n : undefined;
    };
    const intFromArg = (): number | undefined => {
      if (argNum >= args.length) return undefined;
      const a = args[argNum++];
      return typeof a === 'number' && Number.isInteger(a) && !tooLarge(a) ? a : undefined;
    };
    if (runes[i] === '*') {
      i++;
      spec.width = intFromArg();
      if (spec.width === undefined) out += '%!(BADWIDTH)';
      else if (spec.width < 0) {
        spec.minus = true;
        spec.width = -spec.width;
      }
    } else spec.width = parseNum();
    if (i + 1 < runes.length && runes[i] === '.') {
      i++;
      if (runes[i] === '*') {
        i++;
        spec.prec = intFromArg();
        if (spec.prec !== undefined && spec.prec < 0) spec.prec = undefined;
        if (spec.prec === undefined) out += '%!(BADPREC)';
      } else spec.prec = parseNum() ?? 0;
    }
    if (spec.minus) spec.zero = false;
    if (i >= runes.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = runes[i++];
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argNum++], verb, spec);
    // Widths up to 1e6 per verb: a long format could build gigabytes before returning.
    if (out.length > TEMPLATE_LIMITS.outputBytes) throw new OutputTooLarge();
  }
  if (argNum < args.length) {
    out += `%!(EXTRA ${args
      .slice(argNum)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a, false)}`))
      .join(', ')})`;
  }
  return out;
}

/** fmt's tooLarge: a width or precision beyond ±1e6. */
function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

function pad(s: string, spec: Spec, zeroOk = true): string {
  const len = [...s].length;
  if (spec.width === undefined || len >= spec.width) return s;
  const fill = spec.width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && zeroOk) {
    const sign = /^[+\- ]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function badVerb(v: GoValue, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v, false)})`;
}

function formatArg(v: GoValue, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(v === null || v === undefined ? '<nil>' : typeName(v), spec, false);
  if (v === null || v === undefined) return verb === 'v' ? pad('<nil>', spec, false) : badVerb(v, verb);
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), spec, false) : badVerb(v, verb);
  if (typeof v === 'number' || v instanceof GoByte) return formatInt(typeof v === 'number' ? v : v.v, v, verb, spec);
  if (v instanceof GoFloat) return formatFloatVerb(v.v, v, verb, spec);
  if (typeof v === 'string') return formatString(v, verb, spec);
  if (Array.isArray(v)) return `[${v.map((e) => formatArg(e, verb, { ...spec })).join(' ')}]`;
  if (v instanceof Map)
    return `map[${sortedKeys(v)
      .map((k) => `${formatArg(k, verb, spec)}:${formatArg(v.get(k), verb, spec)}`)
      .join(' ')}]`;
  if (v instanceof GoStruct) {
    const parts = [...v.fields].map(
      ([k, x]) => (spec.plus && verb === 'v' ? `${k}:` : '') + formatArg(x, verb, { ...spec, plus: false }),
    );
    return `{${parts.join(' ')}}`;
  }
  return badVerb(v, verb);
}

function formatInt(n: number, v: GoValue, verb: string, spec: Spec): string {
  const neg = n < 0;
  const abs = Math.abs(n);
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = String(abs);
      break;
    case 'b':
      digits = abs.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
      digits = abs.toString(8);
      if (spec.sharp) prefix = '0';
      break;
    case 'O':
      digits = abs.toString(8);
      prefix = '0o';
      break;
    case 'x':
      digits = abs.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(n >= 0 && n <= 0x10ffff ? n : 0xfffd), spec, false);
    case 'q':
      return pad(goQuoteRune(n), spec, false);
    case 'U':
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, spec, false);
    default:
      return badVerb(v, verb);
  }
  if (spec.prec !== undefined) {
    digits = spec.prec === 0 && abs === 0 ? '' : digits.padStart(spec.prec, '0');
    spec = { ...spec, zero: false };
  }
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + prefix + digits, spec);
}

function expForm(s: string): string {
  // JS writes e+6; Go writes e+06.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** strconv 'g' with a precision: that many significant digits, trailing zeros dropped. */
function formatG(f: number, prec: number): string {
  if (!Number.isFinite(f)) return formatFloat(f);
  const p = Math.max(1, prec);
  const [m, e] = f.toExponential(p - 1).split('e');
  const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
  const exp = Number(e);
  const nd = mant.replace(/^-/, '').replace('.', '').length;
  const eprec = p > nd && nd >= exp + 1 ? nd : p;
  if (exp < -4 || exp >= eprec) return expForm(`${mant}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`);
  return String(Number(`${mant}e${exp}`));
}

function formatFloatVerb(f: number, v: GoValue, verb: string, spec: Spec): string {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = spec.prec === undefined ? formatFloat(f) : formatG(f, spec.prec);
      if (verb === 'G') s = s.toUpperCase();
      break;
    case 'e':
    case 'E':
      s = expForm(f.toExponential(spec.prec ?? 6));
      if (verb === 'E') s = s.toUpperCase();
      break;
    case 'f':
    case 'F':
      s = f.toFixed(spec.prec ?? 6);
      break;
    default:
      return badVerb(v, verb);
  }
  if (f >= 0 && !s.startsWith('+')) s = (spec.plus ? '+' : spec.space ? ' ' : '') + s;
  return pad(s, spec);
}

function formatString(s: string, verb: string, spec: Spec): string {
  switch (verb) {
    case 'v':
    case 's':
      return pad(spec.prec === undefined ? s : [...s].slice(0, spec.prec).join(''), spec);
    case 'q':
      return pad(goQuote(spec.prec === undefined ? s : [...s].slice(0, spec.prec).join('')), spec);
    case 'x':
    case 'X': {
      const hex = Buffer.from(s, 'utf8').toString('hex');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec);
    }
    default:
      return badVerb(s, verb);
  }
}
