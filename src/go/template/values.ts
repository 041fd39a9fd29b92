/**
 * The Go values a template sees, and how fmt prints them. JS numbers are Go `int`s; floats,
 * bytes and structs are wrapped so that printing, truth and type names follow Go.
 * `undefined` is Go's invalid reflect.Value (a missing map key: prints `<no value>`),
 * `null` a nil interface (prints `<nil>`).
 */
import { goQuote } from './quote.js';

export class GoFloat {
  constructor(readonly v: number) {}
}

/** A uint8, as `index` of a string yields. */
export class GoByte {
  constructor(readonly v: number) {}
}

/** A Go struct value: fields in declaration order; `typeName` as reflect prints it (`agent.PromptTemplateContext`). */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, GoValue>,
  ) {}
}

/** A Go function value (the template's FuncMap entries). */
export class GoFunc {
  constructor(
    readonly name: string,
    readonly fn: (...args: GoValue[]) => GoValue,
    readonly params: ParamType[],
    readonly variadic: boolean,
  ) {}
}

/** What a function parameter accepts: `any` (interface{} or reflect.Value) or a concrete `string`. */
export type ParamType = 'any' | 'value' | 'string';

export type GoValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | GoFloat
  | GoByte
  | GoStruct
  | GoFunc
  | GoValue[]
  | Map<string, GoValue>;

/** reflect's name for the value's type. */
export function typeName(v: GoValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoByte) return 'uint8';
  if (v instanceof GoStruct) return v.typeName;
  if (v instanceof GoFunc) return 'func';
  if (v instanceof Map) return 'map[string]interface {}';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return '[]string';
    if (v.every((x) => typeof x === 'number')) return '[]int';
    return '[]interface {}';
  }
  return 'interface {}';
}

/** text/template isTrue: the zero value of a type is false. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'number' || typeof v === 'boolean') return Boolean(v);
  if (v instanceof GoFloat || v instanceof GoByte) return v.v !== 0;
  return true; // structs and functions
}

/** strconv.FormatFloat(f, 'g', -1, 64), fmt's %v of a float64: exponent form from 1e6 or below 1e-4. */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= EXP_THRESHOLD) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  return String(f);
}

const EXP_THRESHOLD = 6;

/** fmt's %v of one value (also what `print` and `{{.}}` write). */
export function formatValue(v: GoValue, top = true): string {
  if (v === undefined) return top ? '<no value>' : '<invalid reflect.Value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof GoFloat) return formatFloat(v.v);
  if (v instanceof GoByte) return String(v.v);
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, false)).join(' ')}]`;
  if (v instanceof Map)
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${formatValue(v.get(k), false)}`)
      .join(' ')}]`;
  if (v instanceof GoStruct) return `{${[...v.fields.values()].map((x) => formatValue(x, false)).join(' ')}}`;
  return `0x0`; // a func; text/template refuses to print one before we get here
}

/** fmt.Sprint: spaces between operands when neither is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a, false);
  });
  return out;
}

/** fmt.Sprintln: spaces always, newline at the end. */
export function sprintln(args: GoValue[]): string {
  return `${args.map((a) => formatValue(a, false)).join(' ')}\n`;
}

/** Go compares strings by bytes; map keys print and range in that order. */
export function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sortedKeys(m: Map<string, GoValue>): string[] {
  return [...m.keys()].sort(compareStrings);
}

export { goQuote };
