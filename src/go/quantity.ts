/**
 * Kubernetes `resource.Quantity`, as k8s.io/apimachinery pkg/api/resource/quantity.go parses and
 * prints it (reference apiserver.md §2): `ParseQuantity` (the scanner, suffix interpretation,
 * the int64 fast path that keeps the input string verbatim, the exact slow path rounded up to
 * nano, the BinarySI cap at 2^63-1), `UnmarshalJSON` (null is zero, quotes off, TrimSpace) and
 * `CanonicalizeBytes` (the canonical string a Go controller writes). Values are exact: a bigint
 * mantissa times a power of ten, never a float.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The exact value `mantissa × 10^exponent`, the format remembered from the suffix, and the string Go writes. */
export interface Quantity {
  mantissa: bigint;
  exponent: number;
  format: QuantityFormat;
  canonical: string;
}

export type QuantityErrorKind = 'format' | 'suffix' | 'numeric';

export type ParsedQuantity =
  | { ok: true; value: Quantity; canonical: string }
  | { ok: false; kind: QuantityErrorKind; error: string };

/** The error texts of quantity.go:150-157 (ErrFormatWrong, ErrSuffix, ErrNumeric). */
export const QUANTITY_ERRORS: Record<QuantityErrorKind, string> = {
  format: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  suffix: "unable to parse quantity's suffix",
  numeric: 'unable to parse numeric part of quantity',
};

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([s, e]) => [e, s]));
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const BIN_BY_TIMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = 2n ** 63n - 1n;
/** Go's unicode.IsSpace set, which strings.TrimSpace strips (JS `trim` differs on U+0085 and U+FEFF). */
const GO_SPACE =
  '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

const fail = (kind: QuantityErrorKind): ParsedQuantity => ({ ok: false, kind, error: QUANTITY_ERRORS[kind] });

/**
 * A quantity as a Go controller reads it from JSON (`Quantity.UnmarshalJSON`): a string is
 * trimmed of white space, a number is its JSON text (`2` → "2", `0.5` → "500m"), null is zero.
 */
export function parseQuantity(input: string | number | bigint | null): ParsedQuantity {
  if (input === null) return { ok: true, value: zero('0'), canonical: '0' };
  let text: string;
  if (typeof input === 'string') text = goTrimSpace(input);
  else if (typeof input === 'bigint') text = input.toString();
  else if (Number.isFinite(input)) text = Object.is(input, -0) ? '-0' : JSON.stringify(input);
  else return fail('format');
  return parseQuantityString(text);
}

/** `ParseQuantity` (quantity.go:278) on text that is already unquoted and trimmed. */
export function parseQuantityString(str: string): ParsedQuantity {
  if (str.length === 0) return fail('format');
  if (str === '0') return { ok: true, value: zero('0'), canonical: '0' };
  const scanned = scan(str);
  if (!scanned) return fail('format');
  const { positive, value, num, denom, suffix } = scanned;
  const interpreted = interpret(suffix);
  if (!interpreted) return fail('suffix');
  const { base, exponent } = interpreted;
  let format = interpreted.format;

  // The int64 fast path (quantity.go:300-340), which keeps the input string when it is canonical enough.
  let precision = 0;
  let scale = 0;
  let multiplier = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      multiplier = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround((Math.fround(exponent) * 3) / 10)) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      const product = v * multiplier;
      if (product <= MAX_INT64) {
        const result = positive ? product : -product;
        const reuse =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (v & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        const q: Quantity = { mantissa: result, exponent: scale, format, canonical: '' };
        q.canonical = reuse ? str : canonicalize(q);
        return { ok: true, value: q, canonical: q.canonical };
      }
    }
  }

  // The exact path (inf.Dec): the numeric text must have a digit.
  const dec = parseDec(value);
  if (!dec) return fail('numeric');
  let mantissa = dec.unscaled;
  let exp10 = -dec.scale;
  if (base === 10) exp10 += exponent;
  else mantissa *= 1n << BigInt(exponent);
  const negative = mantissa < 0n;
  if (negative) mantissa = -mantissa;
  if (mantissa !== 0n && exp10 < -9) {
    // Round up (away from zero) to nano.
    mantissa = ceilShift(mantissa, -9 - exp10);
    exp10 = -9;
  }
  if (format === 'BinarySI' && compare(mantissa, exp10, MAX_INT64, 0) > 0) {
    mantissa = MAX_INT64;
    exp10 = 0;
  }
  if (format === 'BinarySI' && mantissa !== 0n && compare(mantissa, exp10, 1n, 0) < 0) format = 'DecimalSI';
  if (negative) mantissa = -mantissa;
  const q: Quantity = { mantissa, exponent: exp10, format, canonical: '' };
  q.canonical = canonicalize(q);
  return { ok: true, value: q, canonical: q.canonical };
}

/**
 * The canonical string of a quantity (`CanonicalizeBytes`, quantity.go:425), or the input
 * unchanged when it is not a quantity (callers that must report that use `parseQuantity`).
 */
export function canonicalQuantity(input: string | number): string {
  const p = parseQuantity(input);
  return p.ok ? p.canonical : String(input);
}

/** Compare two parsed quantities by value: negative, zero or positive, as `Quantity.Cmp`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return compare(a.mantissa, a.exponent, b.mantissa, b.exponent);
}

/**
 * A container's `limits`/`requests` entry as the API server stores it (`SetDefaults_ResourceList`,
 * reference apiserver.md §2.2): rounded up, away from zero, to milli with `RoundUp(-3)`; the
 * string is kept when nothing was rounded (`250m`, `1e-3`, `100.035k` stay; `100u` → `1m`).
 */
export function roundUpMilli(q: Quantity): Quantity {
  if (q.mantissa === 0n || q.exponent >= -3) return q;
  const k = -3 - q.exponent;
  const negative = q.mantissa < 0n;
  const magnitude = negative ? -q.mantissa : q.mantissa;
  if (magnitude % 10n ** BigInt(k) === 0n) return q;
  const rounded: Quantity = {
    mantissa: ceilShift(magnitude, k) * (negative ? -1n : 1n),
    exponent: -3,
    format: q.format,
    canonical: '',
  };
  rounded.canonical = canonicalize(rounded);
  return rounded;
}

function zero(s: string): Quantity {
  return { mantissa: 0n, exponent: 0, format: 'DecimalSI', canonical: s };
}

function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && GO_SPACE.includes(s[start]!)) start++;
  while (end > start && GO_SPACE.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** `parseQuantityString` (quantity.go:161); undefined is ErrFormatWrong. */
function scan(
  str: string,
): { positive: boolean; value: string; num: string; denom: string; suffix: string } | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  // Leading zeros; all zeros (or nothing after the sign) is zero.
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num || '0', denom: '', suffix: '' };
  if (num.length === 0) num = '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  return undefined;
}

/** `suffixHandler.interpret` (suffix.go:180). */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  if (suffix in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[suffix]!, format: 'DecimalSI' };
  if (suffix in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(s, 10, 64), then int32(parsed).
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const n = BigInt(digits);
    if (n > MAX_INT64 || n < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** inf.Dec SetString: an optional sign, digits with at most one `.`, at least one digit. */
function parseDec(value: string): { unscaled: bigint; scale: number } | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2]! + (m[3] ?? '')).length === 0) return undefined;
  const digits = m[2]! + (m[3] ?? '');
  const unscaled = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  return { unscaled, scale: (m[3] ?? '').length };
}

/** ceil(m / 10^k) for m > 0, without building 10^k when it is larger than m. */
function ceilShift(m: bigint, k: number): bigint {
  if (k > m.toString().length) return 1n;
  const d = 10n ** BigInt(k);
  return (m + d - 1n) / d;
}

/** Compare a·10^ea with b·10^eb exactly. */
function compare(a: bigint, ea: number, b: bigint, eb: number): number {
  const sa = a === 0n ? 0 : a < 0n ? -1 : 1;
  const sb = b === 0n ? 0 : b < 0n ? -1 : 1;
  if (sa !== sb || sa === 0) return sa - sb;
  // Same sign, both non-zero: compare magnitudes by their decimal lengths first.
  const la = (a < 0n ? -a : a).toString().length + ea;
  const lb = (b < 0n ? -b : b).toString().length + eb;
  if (la !== lb) return (la < lb ? -1 : 1) * sa;
  const e = Math.min(ea, eb);
  const x = a * 10n ** BigInt(ea - e);
  const y = b * 10n ** BigInt(eb - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `CanonicalizeBytes` (quantity.go:425) for a quantity whose string is not reused. */
function canonicalize(q: Quantity): string {
  let { mantissa: m, exponent: e } = q;
  if (m === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    if (compare(m, e, -1024n, 0) > 0 && compare(m, e, 1024n, 0) < 0) format = 'DecimalSI';
    else {
      const whole = integerValue(m, e);
      if (whole === undefined) format = 'DecimalSI';
      else {
        let n = whole < 0n ? -whole : whole;
        let times = 0;
        while (n >= 1024n && n % 1024n === 0n) {
          n /= 1024n;
          times++;
        }
        return `${whole < 0n ? '-' : ''}${n}${BIN_BY_TIMES[times]}`;
      }
    }
  }
  const negative = m < 0n;
  if (negative) m = -m;
  while (m >= 10n && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  const suffix = format === 'DecimalSI' ? (DEC_BY_EXP.get(e) ?? '') : e === 0 ? '' : `e${e}`;
  return `${negative ? '-' : ''}${m}${suffix}`;
}

/** The value as an integer, or undefined when it has a fraction. */
function integerValue(m: bigint, e: number): bigint | undefined {
  if (e >= 0) return m * 10n ** BigInt(e);
  const d = 10n ** BigInt(-e);
  return m % d === 0n ? m / d : undefined;
}
