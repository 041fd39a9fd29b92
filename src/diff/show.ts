/**
 * How paths and values are written in every format: `spec.template.spec.containers[name=kagent].image`,
 * strings bare when nothing could be misread, quoted (with escapes) when they could; control and
 * bidirectional characters always escaped, so a value cannot rewrite the reviewer's terminal
 * or page; long values cut around what changed, by code point.
 */
import { toYaml, toYamlReference } from '../emit/yaml.js';
import type { FieldChange, PathSegment } from './model.js';

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
const PLAIN_NAME = /^[\w.\-/:@]+$/;

export function pathString(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += `[name=${PLAIN_NAME.test(s.name) ? s.name : escapeString(s.name)}]`;
    else if (PLAIN_KEY.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${escapeString(s)}]`;
  }
  return out;
}

/** Where a change is: `config.json: model.model`, or the field path of a plain field. */
export function locationOf(c: FieldChange): string {
  const inner = pathString(c.path);
  if (!c.document) return inner || '(whole object)';
  return inner ? `${c.document.name}: ${inner}` : c.document.name;
}

/** Characters shown escaped: C0/C1 controls, line/paragraph separators, bidi controls, lone surrogates. */
const UNSAFE = new RegExp(
  [
    '[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
  'gu',
);
/** Strings a reader could take for another type (YAML 1.1 and 1.2 booleans, null, numbers) or miss (empty). */
const AMBIGUOUS = new RegExp(
  '^(?:|true|false|null|~|yes|no|on|off|' +
    '[-+]?(?:\\d[\\d_]*(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|0x[\\da-fA-F]+|\\.inf|\\.nan)$',
  'i',
);

/** A string in double quotes, JSON escapes plus every unsafe character as \uXXXX. */
export function escapeString(s: string): string {
  return JSON.stringify(s).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A scalar on one line; strings bare when that cannot be misread as another type or hide spaces. */
export function inlineValue(v: unknown): string {
  if (typeof v === 'string') {
    UNSAFE.lastIndex = 0;
    const plain = !UNSAFE.test(v) && !AMBIGUOUS.test(v) && !/^[\s"'`?:,[\]{}#&*!|>%@]|^-(?:\s|$)|\s$/.test(v);
    UNSAFE.lastIndex = 0;
    return plain ? v : escapeString(v);
  }
  if (v === undefined) return '(absent)';
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? String(v);
  return escapeString(JSON.stringify(v)).slice(1, -1);
}

export function isCompound(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
}

/** A compound value as YAML lines (escaped: the YAML writer double-quotes strings with controls). */
export function blockLines(v: unknown): string[] {
  const text = !Array.isArray(v) && v !== null && typeof v === 'object' ? toYaml(v) : toYamlReference(v);
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** At most `max` code points of `s`, cut in the middle of nothing (surrogate pairs stay whole). */
export function cut(s: string, max: number): string {
  const cps = Array.from(s);
  return cps.length <= max ? s : `${cps.slice(0, max).join('')}…(+${cps.length - max} chars)`;
}

/**
 * Two long one-line strings around where they differ: the common prefix and suffix elided,
 * `context` code points of each kept, the differing middle cut to `middle`.
 */
export function aroundDifference(a: string, b: string, context = 30, middle = 120): [string, string] {
  const x = Array.from(a);
  const y = Array.from(b);
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const show = (cps: string[]) => {
    const start = Math.max(0, pre - context);
    const end = Math.min(cps.length, cps.length - suf + context);
    const mid = cps.slice(pre, cps.length - suf);
    const midText =
      mid.length > middle ? `${mid.slice(0, middle).join('')}…(+${mid.length - middle} chars)` : mid.join('');
    const head = (start > 0 ? `…(${start} chars)` : '') + cps.slice(start, pre).join('');
    const tail = cps.slice(cps.length - suf, end).join('') + (end < cps.length ? `…(${cps.length - end} chars)` : '');
    return `${head}${midText}${tail}`;
  };
  return [show(x), show(y)];
}

/** Long one-line values are shown around the difference past this many code points. */
export const LONG_VALUE = 160;

export const OP_WORDS = { add: 'added', remove: 'removed', change: 'changed' } as const;

/** One line for the impact summary: `config.json: model.model gpt-4o → gpt-4o-mini`. */
export function describeChange(c: FieldChange, location = locationOf(c)): string {
  if (c.redacted) return `${location} ${OP_WORDS[c.op]} (Secret value, not shown)`;
  if (c.op === 'add') return `${location} added${isCompound(c.new) ? '' : `: ${short(c.new)}`}`;
  if (c.op === 'remove') return `${location} removed`;
  if (isCompound(c.old) || isCompound(c.new)) return `${location} changed`;
  if (typeof c.old === 'string' && typeof c.new === 'string' && (c.old.includes('\n') || c.new.includes('\n')))
    return `${location} changed (text)`;
  if (
    typeof c.old === 'string' &&
    typeof c.new === 'string' &&
    Math.max(Array.from(c.old).length, Array.from(c.new).length) > 60
  ) {
    const [a, b] = aroundDifference(c.old, c.new, 12, 40);
    return `${location} ${inlineValue(a)} → ${inlineValue(b)}`;
  }
  return `${location} ${short(c.old)} → ${short(c.new)}`;
}

function short(v: unknown): string {
  return cut(inlineValue(v), 60);
}
