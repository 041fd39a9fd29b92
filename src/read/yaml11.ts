/**
 * Scalars as kubectl reads them: go-yaml v2 `resolve.go` (YAML 1.1), then sigs.k8s.io/yaml's
 * JSON conversion and kubectl's int64/float64 decoding (reference/apiserver.md §1.1-§1.4).
 * Both readers (fast-yaml.ts and the `yaml` library path in compose.ts) resolve through here,
 * so they cannot disagree on what a scalar is.
 */
import { Buffer } from 'node:buffer';
import { RESOLVE_TABLE } from '../go/yaml.js';

/** A scalar as go-yaml v2 types it (before any JSON conversion). */
export type GoScalar =
  | { kind: 'str'; value: string }
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  /** Resolved as a timestamp; decoding into interface{} keeps the text (decode.go:475). */
  | { kind: 'timestamp'; value: string };

/** Why a scalar cannot become JSON (kubectl fails too), or cannot be carried exactly in JavaScript. */
export interface ScalarProblem {
  rule: 'yaml-unsupported' | 'yaml-int-precision';
  message: string;
}

/** go-yaml's resolve table (src/go/yaml.ts) as the scalars this reader produces. */
const BOOL_NULL: ReadonlyMap<string, GoScalar> = new Map<string, GoScalar>(
  [...RESOLVE_TABLE].map(([spelling, v]): [string, GoScalar] => [
    spelling,
    v === null ? { kind: 'null' } : typeof v === 'boolean' ? { kind: 'bool', value: v } : { kind: 'float', value: v },
  ]),
);

/** go-yaml's `resolveTable`: the first byte decides whether a plain scalar can be anything but a string. */
function hint(s: string): 'M' | 'D' | 'S' | '.' | undefined {
  if (s === '') return 'M';
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) return 'D';
  if (c === 43 || c === 45) return 'S'; // + -
  if (c === 46) return '.';
  return 'yYnNtTfFoO~'.includes(s[0]!) ? 'M' : undefined;
}

/** True when go-yaml would give this plain scalar a type other than string (quick test for the readers). */
export function mayResolve(s: string): boolean {
  return hint(s) !== undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** `yamlStyleFloat` of resolve.go. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const PREFIX: Record<number, string> = { 2: '0b', 8: '0o', 16: '0x' };

/** Go `strconv.ParseUint(s, 0, 64)` (no underscores: resolve.go removes them first). */
function parseUint0(s: string): bigint | undefined {
  if (s === '') return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === '0') {
    const p = s.length >= 3 ? s[1]!.toLowerCase() : '';
    base = p === 'b' ? 2 : p === 'o' ? 8 : p === 'x' ? 16 : 8;
    digits = p === 'b' || p === 'o' || p === 'x' ? s.slice(2) : s.slice(1);
    if (digits === '') return 0n; // "0"
  }
  if (!DIGITS[base]!.test(digits)) return undefined;
  const v = BigInt(base === 10 ? digits : `${PREFIX[base] ?? '0o'}${digits}`);
  return v <= UINT64_MAX ? v : undefined;
}

/** Go `strconv.ParseInt(s, 0, 64)`. */
function parseInt0(s: string): bigint | undefined {
  const neg = s[0] === '-';
  const u = parseUint0(s[0] === '-' || s[0] === '+' ? s.slice(1) : s);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

/** Go `strconv.underscoreOK`: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go `strconv.ParseFloat(s, 64)` for text starting with `.` (the only form that branch can see). */
function parseDotFloat(s: string): number | undefined {
  if (!underscoreOK(s)) return undefined;
  const t = s.replace(/_/g, '');
  if (!/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * The `2006-1-2…` forms go-yaml tries with time.Parse (needed only to check `!!timestamp`;
 * an untagged scalar starting with `YYYY-` is a string either way).
 */
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2}))|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?$/;

/** go-yaml v2 `resolve("", s)`: what an unquoted, untagged scalar is. */
export function resolvePlain(s: string): GoScalar {
  const h = hint(s);
  if (h === undefined) return { kind: 'str', value: s };
  const known = BOOL_NULL.get(s);
  if (known) return known;
  if (h === '.') {
    const f = parseDotFloat(s);
    return f === undefined ? { kind: 'str', value: s } : { kind: 'float', value: f };
  }
  if (h === 'M') return { kind: 'str', value: s };
  if (/^[0-9]{4}-/.test(s) && TIMESTAMP.test(s)) return { kind: 'timestamp', value: s };
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const int = parseInt0(plain);
  if (int !== undefined) return { kind: 'int', value: int };
  const uint = plain[0] === '+' || plain[0] === '-' ? undefined : parseUint0(plain);
  if (uint !== undefined) return { kind: 'int', value: uint };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return { kind: 'float', value: f };
  }
  return { kind: 'str', value: s };
}

const TAG = 'tag:yaml.org,2002:';

/**
 * go-yaml v2 for a scalar with an explicit tag (quoted or not): `!!str` keeps the text,
 * `!!int`/`!!float`/`!!bool`/`!!null`/`!!timestamp` resolve it and must get that type
 * (`!!float 1` is 1.0), `!!binary` is base64-decoded; other tags leave the text.
 * `!!null` is not in the reference; it is held to the same rule as the others.
 */
export function resolveTagged(tag: string, s: string): GoScalar | ScalarProblem {
  const short = tag.startsWith(TAG) ? tag.slice(TAG.length) : undefined;
  switch (short) {
    case 'str':
      return { kind: 'str', value: s };
    case 'binary':
      return decodeBinary(s);
    case 'int':
    case 'float':
    case 'bool':
    case 'null':
    case 'timestamp': {
      const r = resolvePlain(s);
      if (r.kind === short) return r;
      if (short === 'float' && r.kind === 'int') return { kind: 'float', value: Number(r.value) };
      return unsupported(
        `a value tagged !!${short} is not a${short === 'int' ? 'n' : ''} ${short} (kubectl: cannot decode it as a !!${short}); remove the tag or fix the value`,
      );
    }
    default:
      return { kind: 'str', value: s };
  }
}

function decodeBinary(s: string): GoScalar | ScalarProblem {
  const b64 = s.replace(/[\r\n]/g, '');
  if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64))
    return unsupported('a !!binary value is not valid base64');
  return { kind: 'str', value: Buffer.from(b64, 'base64').toString('utf8') };
}

function unsupported(message: string): ScalarProblem {
  return { rule: 'yaml-unsupported', message };
}

export function isProblem(v: GoScalar | ScalarProblem): v is ScalarProblem {
  return 'rule' in v;
}

const SAFE = 2n ** 53n;
export const INT_PRECISION_MESSAGE =
  'an integer beyond ±2^53: kubectl sends it exactly, but it cannot be carried exactly here; quote it if it is text';

/** Whether an integer is beyond what a JavaScript number holds exactly but within int64 (kubectl sends it exactly). */
export function loosesPrecision(v: bigint): boolean {
  return (v <= -SAFE || v >= SAFE) && v >= INT64_MIN && v <= INT64_MAX;
}

/**
 * The JSON value kubectl sends for a scalar (sigs.k8s.io/yaml, then apimachinery's int64-or-
 * float64 decoding): ints beyond int64 become the nearest float64, as kubectl sends them.
 * ±Inf and NaN fail in kubectl (`json: unsupported value`); an int64 beyond ±2^53 is sent
 * exactly by kubectl but cannot be a JavaScript number, so it is refused rather than changed.
 */
export function jsonValue(v: GoScalar): unknown | ScalarProblem {
  switch (v.kind) {
    case 'str':
    case 'timestamp':
      return v.value;
    case 'null':
      return null;
    case 'bool':
      return v.value;
    case 'int':
      return loosesPrecision(v.value)
        ? ({ rule: 'yaml-int-precision', message: INT_PRECISION_MESSAGE } satisfies ScalarProblem)
        : Number(v.value);
    case 'float':
      if (Number.isFinite(v.value)) return v.value;
      return unsupported(
        `${Number.isNaN(v.value) ? '.nan' : '.inf'} cannot be sent as JSON (kubectl: json: unsupported value); quote it if it is text`,
      );
  }
}

/** `value` is a ScalarProblem (the JSON value of a scalar never is an object with `rule`). */
export function isValueProblem(value: unknown): value is ScalarProblem {
  return value !== null && typeof value === 'object' && 'rule' in value;
}

/** The JSON key sigs.k8s.io/yaml makes of a map key (`yaml.go:205-249`, reference §1.3). */
export function jsonKey(v: GoScalar): string | ScalarProblem {
  switch (v.kind) {
    case 'str':
    case 'timestamp':
      return v.value;
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'int':
      return v.value.toString();
    case 'float':
      return formatFloat32(v.value);
    case 'null':
      return unsupported(
        'a null key (~, null or an empty key) cannot be sent as JSON (kubectl: unsupported map key); quote it if it is text',
      );
  }
}

/** Go `strconv.FormatFloat(v, 'g', -1, 32)`: the shortest float32 digits, `%e` form when the exponent is < -4 or >= 6. */
export function formatFloat32(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Number.POSITIVE_INFINITY) return '.inf';
  if (v === Number.NEGATIVE_INFINITY) return '-.inf';
  const f = Math.fround(v);
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const t = Math.abs(f).toExponential(p - 1);
    if (Math.fround(Number(t)) === Math.abs(f)) {
      const [m, e] = t.split('e');
      digits = m!.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const sign = f < 0 ? '-' : '';
  // Go's 'g' with the shortest precision (ftoa.go): `%e` when exp < -4 || exp >= 6.
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** A plain scalar straight to its JSON value (the fast reader's use): a problem leaves it to the full reader. */
export function plainJsonValue(s: string): unknown | ScalarProblem {
  return hint(s) === undefined ? s : jsonValue(resolvePlain(s));
}

/** The JSON key of a plain scalar key. */
export function plainJsonKey(s: string): string | ScalarProblem {
  return hint(s) === undefined ? s : jsonKey(resolvePlain(s));
}
