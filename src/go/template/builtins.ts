/**
 * text/template's predefined functions (text/template/funcs.go builtins), with Go's error
 * texts. `and`/`or` are evaluated by the executor (they short-circuit); their entries here
 * only carry the signature.
 */
import { sprintf } from './printf.js';
import { isPrint } from './quote.js';
import {
  GoByte,
  GoFloat,
  GoFunc,
  GoStruct,
  formatValue,
  compareStrings,
  isTrue,
  sprint,
  sprintln,
  typeName,
  type GoValue,
} from './values.js';

/** An error a function returns: the executor reports it as `error calling NAME: ...`. */
export class FuncError extends Error {}

const fail = (msg: string): never => {
  throw new FuncError(msg);
};

export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map(
  [
    new GoFunc('and', () => undefined, ['value', 'value'], true),
    new GoFunc('or', () => undefined, ['value', 'value'], true),
    new GoFunc('not', (a) => !isTrue(a), ['value'], false),
    new GoFunc('call', call, ['value', 'value'], true),
    new GoFunc('html', (...a) => htmlEscape(evalArgs(a)), ['any'], true),
    new GoFunc('index', index, ['value', 'value'], true),
    new GoFunc('slice', slice, ['value', 'value'], true),
    new GoFunc('js', (...a) => jsEscape(evalArgs(a)), ['any'], true),
    new GoFunc('len', length, ['value'], false),
    new GoFunc('print', (...a) => sprint(a), ['any'], true),
    new GoFunc('printf', (f, ...a) => sprintf(f as string, a), ['string', 'any'], true),
    new GoFunc('println', (...a) => sprintln(a), ['any'], true),
    new GoFunc('urlquery', (...a) => queryEscape(evalArgs(a)), ['any'], true),
    new GoFunc('eq', eq, ['value', 'value'], true),
    new GoFunc('ge', (a, b) => !lt(a, b), ['value', 'value'], false),
    new GoFunc('gt', (a, b) => !le(a, b), ['value', 'value'], false),
    new GoFunc('le', (a, b) => le(a, b), ['value', 'value'], false),
    new GoFunc('lt', (a, b) => lt(a, b), ['value', 'value'], false),
    new GoFunc('ne', (a, b) => !eq(a, b), ['value', 'value'], false),
  ].map((f) => [f.name, f]),
);

function call(fn: GoValue): GoValue {
  if (fn === undefined || fn === null) return fail('call of nil');
  return fail(`non-function of type ${typeName(fn)}`);
}

function length(item: GoValue): GoValue {
  if (item === null) return fail('len of nil pointer');
  if (item === undefined) return fail('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return Buffer.byteLength(item, 'utf8');
  if (Array.isArray(item)) return item.length;
  if (item instanceof Map) return item.size;
  return fail(`len of type ${typeName(item)}`);
}

/** indexArg: an integer index within [0, cap]. */
function indexArg(i: GoValue, cap: number): number {
  let x: number;
  if (typeof i === 'number') x = i;
  else if (i instanceof GoByte) x = i.v;
  else if (i === undefined || i === null) return fail('cannot index slice/array with nil');
  else return fail(`cannot index slice/array with type ${typeName(i)}`);
  if (x < 0 || x > cap) return fail(`index out of range: ${x}`);
  return x;
}

function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === undefined || item === null) return fail('index of untyped nil');
  for (const i of indexes) {
    if (item === null) return fail('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item)) {
      const bytes: Buffer | undefined = typeof item === 'string' ? Buffer.from(item, 'utf8') : undefined;
      const len: number = bytes ? bytes.length : (item as GoValue[]).length;
      const x = indexArg(i, len);
      if (x === len) return fail(`index out of range: ${x}`);
      item = bytes ? new GoByte(bytes[x]) : (item as GoValue[])[x];
    } else if (item instanceof Map) {
      if (i === undefined || i === null) return fail('value is nil; should be of type string');
      if (typeof i !== 'string') return fail(`value has type ${typeName(i)}; should be string`);
      item = item.has(i) ? item.get(i) : null;
    } else return fail(`can't index item of type ${typeName(item)}`);
  }
  return item;
}

function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  if (item === undefined || item === null) return fail('slice of untyped nil');
  if (indexes.length > 3) return fail(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) return fail('cannot 3-index slice a string');
    len = Buffer.byteLength(item, 'utf8');
  } else if (Array.isArray(item)) len = item.length;
  else return fail(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, 0];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0] > idx[1]) return fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) return fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(idx[0], idx[1]).toString('utf8');
  return item.slice(idx[0], idx[1]);
}

// ---- comparisons (funcs.go eq, lt, le) ----

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: GoValue): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || v instanceof GoByte) return 'int';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'string') return 'string';
  return 'invalid';
}

const num = (v: GoValue): number => (typeof v === 'number' ? v : (v as GoByte | GoFloat).v);

function comparable(v: GoValue): boolean {
  if (Array.isArray(v) || v instanceof Map || v instanceof GoFunc) return false;
  if (v instanceof GoStruct) return [...v.fields.values()].every(comparable);
  return true;
}

function eq(arg1: GoValue, ...rest: GoValue[]): boolean {
  const a = arg1 === null ? undefined : arg1;
  // Go's own argument order: the value where the type belongs and vice versa.
  if (a !== undefined && !comparable(a)) return fail(`non-comparable type ${formatValue(a, false)}: ${typeName(a)}`);
  if (rest.length === 0) return fail('missing argument for comparison');
  const k1 = basicKind(a);
  for (const r of rest) {
    const b = r === null ? undefined : r;
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (a !== undefined && b !== undefined) return fail('incompatible types for comparison');
    } else if (k1 === 'int' || k1 === 'float') truth = num(a) === num(b);
    else if (k1 === 'bool' || k1 === 'string') truth = a === b;
    else if (a === undefined || b === undefined) truth = a === b;
    else {
      if (!comparable(b)) return fail(`non-comparable type ${formatValue(b, false)}: ${typeName(b)}`);
      truth = typeName(a) === typeName(b) && formatValue(a, false) === formatValue(b, false);
    }
    if (truth) return true;
  }
  return false;
}

function lt(arg1: GoValue, arg2: GoValue): boolean {
  const a = arg1 === null ? undefined : arg1;
  const b = arg2 === null ? undefined : arg2;
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') return fail('invalid type for comparison');
  if (k1 !== k2) return fail('incompatible types for comparison');
  if (k1 === 'bool') return fail('invalid type for comparison');
  if (k1 === 'string') return compareStrings(a as string, b as string) < 0;
  return num(a) < num(b);
}

function le(a: GoValue, b: GoValue): boolean {
  return lt(a, b) || eq(a, b);
}

// ---- escapers ----

/** evalArgs: one string as is, anything else through fmt.Sprint (a nil prints as <no value>). */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(
    /[\0"'&<>]/g,
    (c) => ({ '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!,
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    const special: Record<string, string> = {
      '\\': '\\\\',
      "'": "\\'",
      '"': '\\"',
      '<': '\\u003C',
      '>': '\\u003E',
      '&': '\\u0026',
      '=': '\\u003D',
    };
    if (special[ch]) out += special[ch];
    else if (r < 0x20) out += `\\u00${r.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (r < 0x80 || isPrint(r)) out += ch;
    else out += `\\u${r.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
