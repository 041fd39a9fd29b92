/**
 * YAML output. Keys in insertion order (builders own order; nothing sorts here), block
 * style, no line folding, no anchors, and strings a YAML 1.1 reader (kubectl, Argo CD,
 * go-yaml) would misread — `on`, `yes`, `0777`, `1e3`, `12:30` — quoted.
 *
 * `yaml`'s `stringify` with OPTIONS is the reference. It is also slow (about 1 s for 6,000
 * objects), so plain data — maps, lists, strings, numbers, booleans, null — is written
 * directly, and only what needs a decision (a string that may need quotes or a block
 * scalar, a float) is handed to the reference one scalar at a time. Anything else falls
 * back to the reference for the whole document. yaml.test.ts proves both write the same
 * bytes, on every fixture and on generated values.
 */
import { Document, stringify } from 'yaml';
import type { K8sObject } from '../model/k8s.js';

const OPTIONS = {
  version: '1.1' as const,
  // Also quote what YAML 1.2 readers (kyaml, go-yaml v3) would read as another type: `0o17`.
  compat: 'core' as const,
  lineWidth: 0,
  aliasDuplicateObjects: false,
  indentSeq: true,
  blockQuote: 'literal' as const,
};

/**
 * Characters YAML readers forbid or change, so written only as escapes inside double quotes:
 * C0 controls but tab and line feed; DEL and the C1 controls (not printable in YAML 1.1 or
 * 1.2, go-yaml refuses them); NEL, U+2028 and U+2029 (line breaks to YAML 1.1 and go-yaml,
 * which fold them into a space inside quotes and break plain and block scalars at them);
 * the BOM, U+FFFE and U+FFFF (go-yaml refuses the last two); and lone surrogates.
 * The `yaml` library writes all but the C0 controls and surrogates raw, so every string
 * holding one is written here, in both writers.
 */
const ESCAPE_ONLY = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;

/**
 * A double-quoted scalar every YAML 1.1 and 1.2 reader reads back as `s`: `\\`, `\"`, `\t`,
 * `\n`, `\r`, and `\uXXXX` for every character of ESCAPE_ONLY. A lone surrogate cannot be a Go
 * string (go-yaml refuses `\uD800`), so it is written as U+FFFD, as Go's own encoders do.
 */
export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\uFFFD';
    else if (ESCAPE_ONLY.test(ch)) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Marks a string the reference must not write itself (see toYamlReference). */
const TOKEN = (i: number) => `\u0001kagent-render-escaped-${i}\u0001`;
const TOKEN_WRITTEN = /"\\x01kagent-render-escaped-(\d+)\\x01"/g;

/**
 * The reference writer. Strings with a character of ESCAPE_ONLY are swapped for tokens the
 * library double-quotes (a control character in them), then the tokens for doubleQuoted().
 */
export function toYamlReference(value: unknown): string {
  const escaped: string[] = [];
  const swap = (v: unknown, key = false): unknown => {
    if (typeof v === 'string') {
      // A plain `<<` key is a merge key to YAML 1.1 readers (go-yaml v2 under kubectl): quoted.
      if (!ESCAPE_ONLY.test(v) && !(key && v === '<<')) return v;
      escaped.push(v);
      return TOKEN(escaped.length - 1);
    }
    if (Array.isArray(v)) return v.map((x) => swap(x));
    if (isPlainMap(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[swap(k, true) as string] = swap(x);
      return out;
    }
    return v;
  };
  const swapped = swap(value);
  const text = stringify(swapped, OPTIONS);
  return escaped.length === 0 ? text : text.replace(TOKEN_WRITTEN, (_, i: string) => doubleQuoted(escaped[Number(i)]!));
}

export function toYaml(value: unknown): string {
  if (!isPlainMap(value) || Object.keys(value).length === 0) return toYamlReference(value);
  const out: string[] = [];
  try {
    writeMap(out, value, 0, null);
  } catch (e) {
    if (e === NOT_PLAIN) return toYamlReference(value);
    throw e;
  }
  out.push('');
  return out.join('\n');
}

/** Multi-document stream: every document starts with `---`. */
export function toYamlStream(objects: readonly K8sObject[]): string {
  return objects.map((o) => `---\n${toYaml(o)}`).join('');
}

/** Thrown when a value is outside what the direct writer handles; the caller falls back. */
const NOT_PLAIN = Symbol('not plain data');

/**
 * Strings the reference writes as they are: a letter first; no control character, tab or
 * lone surrogate; no `: ` or ` #` (a mapping or a comment); no trailing space or colon; and
 * nothing YAML 1.1 reads as another type.
 */
const PLAIN_SAFE = /^[A-Za-z_/][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u{D800}-\u{DFFF}]*$/u;
/** What YAML 1.1 resolves to a non-string among strings starting with a letter (`e5` is a float there). */
const YAML11_NOT_STRING =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|[eE][-+]?[0-9]+)$/;

function isPlainSafe(s: string): boolean {
  if (s.length > MEMO_MAX_LENGTH) return plainSafe(s);
  let safe = plainSafeMemo.get(s);
  if (safe === undefined) {
    safe = plainSafe(s);
    if (plainSafeMemo.size < MEMO_MAX_ENTRIES) plainSafeMemo.set(s, safe);
  }
  return safe;
}

function plainSafe(s: string): boolean {
  return (
    PLAIN_SAFE.test(s) &&
    !s.endsWith(' ') &&
    !s.endsWith(':') &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    !YAML11_NOT_STRING.test(s)
  );
}

/** Keys and short values repeat across thousands of objects (`apiVersion`, `kagent`, `TCP`): test each once. */
const plainSafeMemo = new Map<string, boolean>();
const MEMO_MAX_LENGTH = 64;
const MEMO_MAX_ENTRIES = 100_000;

/** Where the reference's plain writer refuses a string (an indicator first, `: `, ` #`, ...). */
const REFUSED_AS_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** The YAML 1.1 and 1.2 tags that would read a plain scalar as something else, from the library itself. */
const NOT_STRING_TESTS: RegExp[] = (() => {
  const schema = new Document(null, { version: OPTIONS.version, compat: OPTIONS.compat }).schema;
  return [...schema.tags, ...(schema.compat ?? [])]
    .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test)
    .map((t) => t.test!);
})();
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A one-line printable-ASCII string as the reference writes it: plain, or quoted with the
 * quote it does not contain (double when it has neither); undefined where escapes are due.
 */
function oneLine(text: string): string | undefined {
  if (!PRINTABLE_ASCII.test(text)) return undefined;
  if (text !== '' && !REFUSED_AS_PLAIN.test(text) && !NOT_STRING_TESTS.some((t) => t.test(text))) return text;
  const double = text.includes('"');
  const single = text.includes("'");
  if (double && !single) return `'${text}'`;
  if (!double && !text.includes('\\')) return `"${text}"`;
  return undefined;
}

/** Characters that make the reference double-quote a string. */
const NEEDS_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;

/**
 * A multi-line string as the reference's literal block scalar (`|` or `|-`, with `2` when it
 * starts with a space), its lines at `indent`; undefined where the reference does something
 * else (quotes it, or keeps trailing newlines with `|+`).
 */
function blockLiteral(text: string, indent: string): string | undefined {
  if (NEEDS_DOUBLE_QUOTES.test(text) || /\n[\t ]+$/.test(text) || /^\s*$/.test(text)) return undefined;
  let endStart = text.length;
  while (endStart > 0 && (text[endStart - 1] === '\n' || text[endStart - 1] === '\t' || text[endStart - 1] === ' '))
    endStart--;
  let end = text.substring(endStart);
  const endNl = end.indexOf('\n');
  if (endNl !== -1 && endNl !== end.length - 1) return undefined; // keep chomping
  const chomp = endNl === -1 ? '-' : '';
  let body = text;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
  }
  let startsWithSpace = false;
  let startEnd = 0;
  let startNl = -1;
  for (; startEnd < body.length; startEnd++) {
    const ch = body[startEnd];
    if (ch === ' ') startsWithSpace = true;
    else if (ch === '\n') startNl = startEnd;
    else break;
  }
  let start = body.substring(0, startNl < startEnd ? startNl + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  return `|${startsWithSpace ? '2' : ''}${chomp}\n${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
}

const SPACES = ' '.repeat(256);
function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `first`: the text that starts the first line (a sequence item's `- `); else the indent. */
function writeMap(out: string[], map: Record<string, unknown>, indent: number, first: string | null): void {
  let lead = first ?? spaces(indent);
  let written = 0;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    if (!isPlainSafe(key)) throw NOT_PLAIN;
    writeEntry(out, `${lead}${key}:`, value, indent);
    lead = spaces(indent);
    written++;
  }
  if (written === 0) throw NOT_PLAIN; // only undefined values: the reference writes `{}`
}

function writeSeq(out: string[], seq: unknown[], indent: number, first: string | null): void {
  let lead = first ?? spaces(indent);
  for (const item of seq) {
    if (item === undefined) throw NOT_PLAIN;
    writeItem(out, `${lead}- `, item, indent);
    lead = spaces(indent);
  }
}

/** A map entry: `head` is `key:` with its indent; `indent` is the key's column. */
function writeEntry(out: string[], head: string, value: unknown, indent: number): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(`${head} []`);
    else {
      out.push(head);
      writeSeq(out, value, indent + 2, null);
    }
  } else if (isPlainMap(value)) {
    if (Object.keys(value).length === 0) out.push(`${head} {}`);
    else {
      out.push(head);
      writeMap(out, value, indent + 2, null);
    }
  } else out.push(`${head} ${scalar(value, indent)}`);
}

/** A sequence item: `head` is `- ` with its indent; `indent` is the dash's column. */
function writeItem(out: string[], head: string, value: unknown, indent: number): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(`${head}[]`);
    else writeSeq(out, value, indent + 2, head);
  } else if (isPlainMap(value)) {
    if (Object.keys(value).length === 0) out.push(`${head}{}`);
    else writeMap(out, value, indent + 2, head);
  } else out.push(`${head}${scalar(value, indent)}`);
}

/** A scalar whose container starts at column `indent` (a block scalar's lines go at indent + 2). */
function scalar(value: unknown, indent: number): string {
  switch (typeof value) {
    case 'string':
      if (isPlainSafe(value)) return value;
      if (ESCAPE_ONLY.test(value)) return doubleQuoted(value);
      return (
        (value.includes('\n') ? blockLiteral(value, spaces(indent + 2)) : oneLine(value)) ??
        referenceScalar(value, indent)
      );
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
      return toYamlReference(value).slice(0, -1);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      throw NOT_PLAIN;
    default:
      throw NOT_PLAIN;
  }
}

/**
 * The reference's rendering of a string under a key at column 0 (block lines at column 2,
 * as they sit under any key or dash), shifted right to a container at column `indent`.
 */
function referenceScalar(value: string, indent: number): string {
  const text = toYamlReference({ k: value }).slice(3, -1);
  if (indent === 0 || !text.includes('\n')) return text;
  const pad = spaces(indent);
  return text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : pad + l))
    .join('\n');
}
