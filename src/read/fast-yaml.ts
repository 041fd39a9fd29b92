/**
 * A fast reader for the YAML people write for Kubernetes: block mappings and sequences,
 * plain, single- and double-quoted one-line scalars, literal block scalars, one-line flow
 * sequences and maps of scalars, comments and `---`. It is several times faster than `yaml`'s
 * full parser because it builds plain values only, without nodes, ranges or comments.
 *
 * It never guesses: on anything outside that subset — anchors, aliases, tags, flow
 * collections that nest or span lines, folded or keep-chomped block scalars, multi-line plain
 * scalars, tabs, a CR outside CRLF, duplicate keys, too deep nesting, merge keys (`<<`), a scalar
 * kubectl cannot send (`.inf`, a null key), anything malformed — it returns undefined and the
 * caller uses `yaml` (which also reports the error, with its position). Scalars resolve as
 * kubectl resolves them (yaml11.ts, shared with the full reader).
 * fast-yaml.test.ts proves both readers agree on every fixture and on generated documents.
 */
import { isValueProblem, plainJsonKey, plainJsonValue } from './yaml11.js';

export interface FastDocument {
  /** 0-based index of the document in its file, as `yaml`'s parseAllDocuments counts. */
  index: number;
  value: unknown;
}

/** Thrown inside the reader when the input leaves the subset. */
const UNSUPPORTED = Symbol('unsupported YAML');

export function fastParseDocuments(text: string, maxDepth: number): FastDocument[] | undefined {
  if (text.includes('\t')) return undefined;
  if (text.includes('\r')) {
    // CRLF line breaks read as LF (YAML normalises them); a lone CR is left to `yaml`.
    if (/\r(?!\n)/.test(text)) return undefined;
    text = text.replace(/\r\n/g, '\n');
  }
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  try {
    return new Reader(lines, maxDepth).documents();
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

function unsupported(): never {
  throw UNSUPPORTED;
}

/** Keys the fast path accepts: what Kubernetes keys look like (`app.kubernetes.io/name`, `x-kagent-host`). */
const KEY = /^([A-Za-z0-9_./][A-Za-z0-9_./@+-]*|-[A-Za-z0-9_./][A-Za-z0-9_./@+-]*):(?: |$)/;
const BLOCK_HEADER = /^\|(-?)(?: +#.*)? *$/;
/** The indent recorded for an empty or comment-only line. */
const BLANK = -1;

class Reader {
  private pos = 0;
  private readonly end: number;
  /** Each line's indent, or BLANK for an empty or comment-only line: worked out once per line. */
  private readonly indents: Int32Array;

  constructor(
    private readonly lines: string[],
    private readonly maxDepth: number,
  ) {
    this.end = lines.length;
    this.indents = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const indent = indentOf(line);
      this.indents[i] = indent === line.length || line.charCodeAt(indent) === 35 /* # */ ? BLANK : indent;
    }
  }

  documents(): FastDocument[] {
    const out: FastDocument[] = [];
    let index = 0;
    let started = false; // a document is open (content or an explicit `---` seen)
    while (true) {
      this.skipBlank();
      if (this.pos >= this.end) break;
      const line = this.lines[this.pos]!;
      if (line.startsWith('---')) {
        if (line !== '---' && !/^--- +#/.test(line) && !/^--- *$/.test(line)) unsupported();
        if (started) index++;
        started = true;
        this.pos++;
        continue;
      }
      if (line.startsWith('...') || line.startsWith('%')) unsupported();
      if (this.indents[this.pos] !== 0) unsupported();
      started = true;
      const value = this.block(0, 1);
      out.push({ index, value });
      this.skipBlank();
      if (this.pos < this.end && !this.lines[this.pos]!.startsWith('---')) unsupported();
    }
    return out;
  }

  /** Skip empty lines and comment lines. */
  private skipBlank(): void {
    while (this.pos < this.end && this.indents[this.pos] === BLANK) this.pos++;
  }

  /** The collection whose first line is the current line, at column `indent`. */
  private block(indent: number, depth: number): unknown {
    if (depth > this.maxDepth) unsupported();
    const content = this.lines[this.pos]!.slice(indent);
    return isSeqEntry(content) ? this.seq(indent, depth) : this.map(indent, depth);
  }

  /** The next line of the collection at column `indent` (without its indent), or undefined where the collection ends. */
  private entryAt(indent: number): string | undefined {
    this.skipBlank();
    if (this.pos >= this.end) return undefined;
    const line = this.lines[this.pos]!;
    const i = this.indents[this.pos]!;
    if (i < indent || line.startsWith('---') || line.startsWith('...')) return undefined;
    if (i > indent) unsupported();
    return line.slice(indent);
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let content = this.entryAt(indent); content !== undefined; content = this.entryAt(indent)) {
      const m = KEY.exec(content);
      if (!m) unsupported();
      const key = fastKey(m[1]!, map);
      const rest = content.slice(m[0].length).trimStart();
      this.pos++;
      map[key] = this.value(rest, indent, depth, true);
    }
    return map;
  }

  private seq(indent: number, depth: number): unknown[] {
    const seq: unknown[] = [];
    for (let content = this.entryAt(indent); content !== undefined; content = this.entryAt(indent)) {
      if (!isSeqEntry(content)) break; // a map key at the same column ends an indentless sequence
      const after = content.slice(1);
      const rest = after.trimStart();
      if (rest === '' || rest.startsWith('#')) {
        this.pos++;
        seq.push(this.nested(indent, depth, false));
      } else if (isSeqEntry(rest) || KEY.test(rest)) {
        // `- - x` or `- key: v`: the item is a collection starting at the column of `rest`.
        const col = indent + 1 + (after.length - rest.length);
        this.lines[this.pos] = ' '.repeat(col) + rest;
        this.indents[this.pos] = col;
        seq.push(this.block(col, depth + 1));
      } else {
        this.pos++;
        seq.push(this.value(rest, indent, depth, false));
      }
    }
    return seq;
  }

  /** The value after `key:` or `- ` (text `rest`); its owner sits at column `indent`. */
  private value(rest: string, indent: number, depth: number, inMap: boolean): unknown {
    if (rest === '' || rest.startsWith('#')) return this.nested(indent, depth, inMap);
    const c = rest[0]!;
    let value: unknown;
    if (c === '|') value = this.literal(rest, indent);
    else {
      if (c === '"') value = doubleQuoted(rest);
      else if (c === "'") value = singleQuoted(rest);
      else if (c === '[') value = flowSequence(rest);
      else if (c === '{') value = flowMap(rest);
      else value = plain(rest);
      this.noContinuation(indent);
    }
    return value;
  }

  /** A value on the following lines: more indented, or (for a map key) a sequence at the key's column. */
  private nested(indent: number, depth: number, inMap: boolean): unknown {
    this.skipBlank();
    if (this.pos >= this.end) return null;
    const line = this.lines[this.pos]!;
    if (line.startsWith('---') || line.startsWith('...')) return null;
    const i = this.indents[this.pos]!;
    if (i > indent) return this.block(i, depth + 1);
    if (inMap && i === indent && isSeqEntry(line.slice(i))) return this.seq(i, depth + 1);
    return null;
  }

  /** A scalar on one line must not go on: a deeper next line would be a continuation or an error. */
  private noContinuation(indent: number): void {
    const save = this.pos;
    this.skipBlank();
    if (this.pos < this.end && this.indents[this.pos]! > indent) unsupported();
    this.pos = save;
  }

  /** `|` or `|-`: lines indented deeper than the owner, up to the first line that is not. */
  private literal(header: string, indent: number): string {
    const m = BLOCK_HEADER.exec(header);
    if (!m) unsupported(); // keep chomping, indentation indicators, folded scalars
    const strip = m[1] === '-';
    let contentIndent = -1;
    const body: string[] = [];
    while (this.pos < this.end) {
      const line = this.lines[this.pos]!;
      const i = indentOf(line);
      if (i === line.length) {
        // Spaces-only lines deeper than the content are content (or decide the indentation): leave to `yaml`.
        if (contentIndent === -1 ? i > indent : i > contentIndent) unsupported();
        body.push(contentIndent === -1 ? '' : line.slice(contentIndent));
        this.pos++;
        continue;
      }
      if (contentIndent === -1) {
        if (i <= indent) break;
        contentIndent = i;
      } else if (i < contentIndent) break;
      body.push(line.slice(contentIndent));
      this.pos++;
    }
    if (contentIndent === -1) unsupported(); // empty block scalar
    // Trailing empty lines belong to the chomping, not the content.
    let last = body.length;
    while (last > 0 && body[last - 1] === '') last--;
    if (body.slice(last).some((l) => l !== '')) unsupported();
    const text = body.slice(0, last).join('\n');
    return strip ? text : `${text}\n`;
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

function isSeqEntry(content: string): boolean {
  return content === '-' || content.startsWith('- ');
}

/** Only spaces and a comment may follow a closing quote or bracket. */
function trailerOk(s: string): boolean {
  const t = s.trimStart();
  return t === '' || (t.startsWith('#') && t.length < s.length);
}

function emptyFlow(rest: string): unknown {
  if (rest.startsWith('{}') && trailerOk(rest.slice(2))) return {};
  if (rest.startsWith('[]') && trailerOk(rest.slice(2))) return [];
  return unsupported();
}

/** `[a, "b", 'c']` on one line, scalars only (`toolNames: [lookup]` is everywhere). */
function flowSequence(rest: string): unknown[] {
  if (rest.startsWith('[]')) return emptyFlow(rest) as unknown[];
  const items: unknown[] = [];
  flowEntries(rest, ']', (i) => {
    const item = flowScalar(rest, i, ']');
    items.push(item.value);
    return item.next;
  });
  return items;
}

/** `{type: ConfigMap, name: headers}` on one line, scalar values only. */
function flowMap(rest: string): Record<string, unknown> {
  if (rest.startsWith('{}')) return emptyFlow(rest) as Record<string, unknown>;
  const map: Record<string, unknown> = {};
  flowEntries(rest, '}', (i) => {
    const m = FLOW_KEY.exec(rest.slice(i));
    if (!m) unsupported();
    const key = fastKey(m[1]!, map);
    const item = flowScalar(rest, i + m[0].length, '}');
    map[key] = item.value;
    return item.next;
  });
  return map;
}

const FLOW_KEY = /^([A-Za-z0-9_./][A-Za-z0-9_./@+-]*|-[A-Za-z0-9_./][A-Za-z0-9_./@+-]*): +/;

/** Calls `entry` at the start of each comma-separated entry; `entry` returns where the entry ends. */
function flowEntries(rest: string, closer: string, entry: (i: number) => number): void {
  const close = rest.lastIndexOf(closer);
  if (close === -1 || !trailerOk(rest.slice(close + 1))) unsupported();
  let i = 1;
  while (true) {
    while (rest[i] === ' ') i++;
    i = entry(i);
    while (rest[i] === ' ') i++;
    if (i === close) return;
    if (rest[i] !== ',') unsupported();
    i++;
  }
}

/** A quoted or plain scalar inside a flow collection, starting at `i`. */
function flowScalar(rest: string, i: number, closer: string): { value: unknown; next: number } {
  const c = rest[i];
  if (c === '"' || c === "'") {
    const end = closingQuote(rest, i);
    const text = rest.slice(i, end + 1);
    return { value: c === '"' ? doubleQuoted(text) : singleQuoted(text), next: end + 1 };
  }
  let j = i;
  while (j < rest.length && rest[j] !== ',' && rest[j] !== closer) j++;
  const text = rest.slice(i, j).trimEnd();
  // Flow indicators, comments, nested pairs and anything else unusual: leave to `yaml`.
  if (text === '' || /[[\]{}#:&*!|>'"%@`?]/.test(text) || (text[0] === '-' && (text.length === 1 || text[1] === ' ')))
    unsupported();
  return { value: resolvePlain(text), next: j };
}

/** Index of the quote that closes the quoted scalar starting at `start`. */
function closingQuote(s: string, start: number): number {
  const q = s[start];
  for (let i = start + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i;
    }
  }
  return unsupported();
}

function singleQuoted(rest: string): string {
  let out = '';
  let i = 1;
  while (true) {
    const j = rest.indexOf("'", i);
    if (j === -1) unsupported(); // multi-line
    out += rest.slice(i, j);
    if (rest[j + 1] === "'") {
      out += "'";
      i = j + 2;
      continue;
    }
    if (!trailerOk(rest.slice(j + 1))) unsupported();
    return out;
  }
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  b: '\b',
  f: '\f',
  ' ': ' ',
};

function doubleQuoted(rest: string): string {
  let out = '';
  let i = 1;
  while (i < rest.length) {
    const c = rest[i]!;
    if (c === '"') {
      if (!trailerOk(rest.slice(i + 1))) unsupported();
      return out;
    }
    if (c === '\\') {
      const e = rest[i + 1] ?? '';
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(rest.slice(i + 2, i + 6))) {
        const code = Number.parseInt(rest.slice(i + 2, i + 6), 16);
        if (code >= 0xd800 && code <= 0xdfff) unsupported(); // surrogate pairs: leave to `yaml`
        out += String.fromCharCode(code);
        i += 6;
        continue;
      }
      const mapped = ESCAPES[e];
      if (mapped === undefined) unsupported();
      out += mapped;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return unsupported(); // multi-line
}

/** A one-line plain scalar, resolved as kubectl resolves it. */
function plain(rest: string): unknown {
  const c = rest[0]!;
  if ('&*!%@`>?:,]}-'.includes(c) && !(c === '-' && rest.length > 1 && rest[1] !== ' ')) unsupported();
  const hash = rest.indexOf(' #');
  const s = (hash === -1 ? rest : rest.slice(0, hash)).trimEnd();
  if (s.includes(': ') || s.endsWith(':') || s.includes(' #')) unsupported();
  return resolvePlain(s);
}

/** The JSON value of a plain scalar; one kubectl cannot send (`.inf`) is left to the full reader to report. */
function resolvePlain(s: string): unknown {
  const v = plainJsonValue(s);
  return isValueProblem(v) ? unsupported() : v;
}

/**
 * The JSON key of a plain key as kubectl converts it (`on:` is "true", `0x10:` is "16"); merge
 * keys, `__proto__`, null keys and duplicates (after conversion) are left to the full reader.
 */
function fastKey(text: string, map: Record<string, unknown>): string {
  if (text === '__proto__') unsupported();
  const key = plainJsonKey(text);
  if (typeof key !== 'string' || key === '__proto__' || Object.hasOwn(map, key)) unsupported();
  return key;
}
