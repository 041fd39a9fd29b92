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
import { stringify } from 'yaml';
import type { K8sObject } from '../model/k8s.js';

const OPTIONS = {
  version: '1.1' as const,
  lineWidth: 0,
  aliasDuplicateObjects: false,
  indentSeq: true,
  blockQuote: 'literal' as const,
};

/** The reference writer. */
export function toYamlReference(value: unknown): string {
  return stringify(value, OPTIONS);
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
 * Strings the reference writes as they are: a letter first, no character that could start
 * a comment, flow collection, tag, anchor or alias, no `: `, no trailing space or colon,
 * and nothing YAML 1.1 reads as another type.
 */
const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./@+=:() -]*$/;
/** What YAML 1.1 resolves to a non-string among strings starting with a letter (`e5` is a float there). */
const YAML11_NOT_STRING = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|[eE][-+]?[0-9]+)$/;

function isPlainSafe(s: string): boolean {
  return PLAIN_SAFE.test(s) && !s.endsWith(' ') && !s.endsWith(':') && !s.includes(': ') && !YAML11_NOT_STRING.test(s);
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
      return referenceScalar(value, indent);
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
