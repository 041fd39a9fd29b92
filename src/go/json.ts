/**
 * Byte-exact Go `encoding/json` for plain data whose key insertion order is the Go struct
 * field order (callers omit `omitempty` fields and sort Go maps with `goMap`). Differences
 * from JSON.stringify: HTML characters and U+2028/2029 are escaped, and floats use Go's
 * exponent form outside [1e-6, 1e21). config.json feeds the config-hash, so every byte counts.
 */
export function goJson(value: unknown): string {
  return viaStringify(JSON.stringify(value)) ?? encode(value, undefined, '');
}

/** `json.MarshalIndent(v, "", indent)`. */
export function goJsonIndent(value: unknown, indent = '  '): string {
  return viaStringify(JSON.stringify(value, null, indent)) ?? encode(value, indent, '');
}

/** The JS-only encoder (the reference the fast path is tested against). */
export function goJsonReference(value: unknown, indent?: string): string {
  return encode(value, indent, '');
}

/**
 * JSON.stringify agrees with Go's encoder on key order, layout, and the escaping of quotes,
 * backslashes and control characters; Go additionally escapes `<>&` and U+2028/2029, which
 * JSON.stringify leaves raw and which can only stand inside strings, so a replace completes
 * it. Where they may still differ — an exponent (`1e-7` vs Go's `1e-07`), an escaped lone
 * surrogate (Go writes U+FFFD), a number that is not finite (JSON.stringify writes null) —
 * this returns undefined and the reference encoder decides. ~4× faster on config.json.
 */
function viaStringify(json: string | undefined): string | undefined {
  if (json === undefined || MAYBE_DIFFERENT.test(json)) return undefined;
  return GO_EXTRA_ESCAPES.test(json) ? json.replace(GO_EXTRA_ESCAPES_ALL, (ch) => GO_ESCAPE[ch]!) : json;
}

const MAYBE_DIFFERENT = /\d[eE][-+]|\\ud[89a-f]|null/;
const GO_EXTRA_ESCAPES = /[<>&\u2028\u2029]/;
const GO_EXTRA_ESCAPES_ALL = /[<>&\u2028\u2029]/g;
const GO_ESCAPE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** A copy of a Go map with keys in Go's marshal order (byte order of the UTF-8 keys). */
export function goMap<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort(compareUtf8)) out[k] = obj[k];
  return out;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Go sorts map keys by their UTF-8 bytes; UTF-16 order agrees except around surrogates. */
function compareUtf8(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

function encode(v: unknown, indent: string | undefined, prefix: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goNumber(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (indent === undefined) return `[${v.map((x) => encode(x, indent, prefix)).join(',')}]`;
    const inner = prefix + indent;
    return `[\n${v.map((x) => inner + encode(x, indent, inner)).join(',\n')}\n${prefix}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    if (indent === undefined)
      return `{${entries.map(([k, x]) => `${goString(k)}:${encode(x, indent, prefix)}`).join(',')}}`;
    const inner = prefix + indent;
    return `{\n${entries.map(([k, x]) => `${inner}${goString(k)}: ${encode(x, indent, inner)}`).join(',\n')}\n${prefix}}`;
  }
  throw new Error(`goJson: cannot encode ${typeof v}`);
}

export function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error('goJson: non-finite number');
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: strconv 'e' format with at least two exponent digits ("1e-07").
    const [mant, exp] = n.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[-+]/, '');
    return `${mant}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
  }
  return String(n);
}

/** Nothing Go's encoder would escape (surrogates included, to be judged one by one below). */
const GO_VERBATIM = /^[^"\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]*$/;

function goString(s: string): string {
  return GO_VERBATIM.test(s) ? `"${s}"` : goStringReference(s);
}

/** Character by character, as Go's encoder does; goString skips it for strings that need no escape. */
export function goStringReference(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '<') out += '\\u003c';
    else if (ch === '>') out += '\\u003e';
    else if (ch === '&') out += '\\u0026';
    else if (c === 0x2028) out += '\\u2028';
    else if (c === 0x2029) out += '\\u2029';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20) out += `\\u00${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff)
      out += '\\ufffd'; // lone surrogate = invalid UTF-8 in Go
    else out += ch;
  }
  return `${out}"`;
}
