/**
 * Files whose first non-space character is `{` are JSON, as kubectl reads them
 * (apimachinery's YAMLOrJSONDecoder: a stream of JSON values, no YAML rules): a strict
 * RFC 8259 reader with kubectl's number decoding (int64 when the text is an integer that
 * fits, float64 otherwise; reference/apiserver.md §1.1), duplicate keys and depth refused as
 * in YAML files, and positions recorded only when asked (for diagnostics).
 */
import type { RuleId } from '../diagnostics/rules.js';
import { define } from './compose.js';
import { INT_PRECISION_MESSAGE, loosesPrecision } from './yaml11.js';

/** Positions of a JSON value: its start, and for objects each key's start and value. */
export interface JsonPos {
  start: number;
  keys?: Map<string, { key: number; value: JsonPos }>;
  items?: JsonPos[];
}

export interface JsonDocument {
  index: number;
  value: unknown;
  pos?: JsonPos;
}

export interface JsonProblem {
  offset: number;
  rule: RuleId;
  message: string;
  /** For a duplicate key: where the key was first written. */
  first?: number;
}

/** Go's unicode.IsSpace, which apimachinery uses to find the first character. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

export function startsAsJson(text: string): boolean {
  return text.charCodeAt(GO_SPACE.exec(text)![0].length) === 123; // {
}

class Failed {
  constructor(readonly problem: JsonProblem) {}
}

const INT = /^-?(?:0|[1-9][0-9]*)$/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;
const ESCAPE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const WHAT = 'the file starts with {, so it is read as JSON, as kubectl reads it';

export function parseJsonStream(
  text: string,
  maxDepth: number,
  positions: boolean,
): { docs: JsonDocument[] } | { problem: JsonProblem } {
  const r = new JsonReader(text, maxDepth, positions);
  try {
    return { docs: r.documents() };
  } catch (e) {
    if (e instanceof Failed) return { problem: e.problem };
    throw e;
  }
}

class JsonReader {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
    private readonly positions: boolean,
  ) {}

  documents(): JsonDocument[] {
    const docs: JsonDocument[] = [];
    this.space();
    while (this.i < this.s.length) {
      const pos: JsonPos = { start: this.i };
      docs.push({ index: docs.length, value: this.value(1, pos), ...(this.positions ? { pos } : {}) });
      this.space();
    }
    return docs;
  }

  private fail(message: string, at = this.i): never {
    throw new Failed({ offset: at, rule: 'json-syntax', message: `invalid JSON: ${message} (${WHAT})` });
  }

  private space(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      this.i++;
    }
  }

  private value(depth: number, pos: JsonPos): unknown {
    pos.start = this.i;
    const c = this.s[this.i];
    if (c === '{') return this.object(depth, pos);
    if (c === '[') return this.array(depth, pos);
    if (c === '"') return this.string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    if (!m)
      return this.fail(
        this.i >= this.s.length
          ? 'the text ends where a value is expected'
          : 'expected a value (an object, list, string, number, true, false or null)',
      );
    this.i += m[0].length;
    return number(m[0], pos.start);
  }

  private object(depth: number, pos: JsonPos): Record<string, unknown> {
    if (depth > this.maxDepth)
      throw new Failed({
        offset: this.i,
        rule: 'yaml-too-deep',
        message: `document nests deeper than ${this.maxDepth} levels`,
      });
    const out: Record<string, unknown> = {};
    const keys = new Map<string, { key: number; value: JsonPos }>();
    if (this.positions) pos.keys = keys;
    this.i++;
    this.space();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    while (true) {
      if (this.s[this.i] !== '"') this.fail('expected a key in double quotes');
      const keyAt = this.i;
      const key = this.string();
      const first = keys.get(key);
      if (first) {
        throw new Failed({
          offset: keyAt,
          rule: 'yaml-duplicate-key',
          message: `map key '${key}' is defined twice`,
          first: first.key,
        });
      }
      this.space();
      if (this.s[this.i] !== ':') this.fail('expected : after the key');
      this.i++;
      this.space();
      const vpos: JsonPos = { start: this.i };
      define(out, key, this.value(depth + 1, vpos));
      keys.set(key, { key: keyAt, value: vpos });
      this.space();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') this.fail('expected , or } after a value', this.i - 1);
      this.space();
    }
  }

  private array(depth: number, pos: JsonPos): unknown[] {
    if (depth > this.maxDepth)
      throw new Failed({
        offset: this.i,
        rule: 'yaml-too-deep',
        message: `document nests deeper than ${this.maxDepth} levels`,
      });
    const out: unknown[] = [];
    const items: JsonPos[] = [];
    if (this.positions) pos.items = items;
    this.i++;
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    while (true) {
      const ipos: JsonPos = { start: this.i };
      out.push(this.value(depth + 1, ipos));
      items.push(ipos);
      this.space();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail('expected , or ] after a value', this.i - 1);
      this.space();
    }
  }

  /** A string; lone surrogates become U+FFFD, as Go's decoder makes them. */
  private string(): string {
    const s = this.s;
    const start = this.i;
    let out = '';
    let i = this.i + 1;
    while (true) {
      if (i >= s.length) this.fail('a string is not closed', start);
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) this.fail('a control character (a line break or tab) inside a string must be escaped', i);
      if (c === 92) {
        const e = s[i + 1] ?? '';
        if (e === 'u') {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape', i);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
          continue;
        }
        const mapped = ESCAPE[e];
        if (mapped === undefined) this.fail('invalid escape sequence in a string', i);
        out += mapped;
        i += 2;
        continue;
      }
      out += s[i];
      i++;
    }
    this.i = i + 1;
    return out.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }
}

/** kubectl's decoding of a JSON number: int64 when the text is an integer that fits, else float64. */
function number(text: string, offset: number): number {
  const int = INT.test(text);
  if (int && text.length > 15 && loosesPrecision(BigInt(text))) {
    throw new Failed({ offset, rule: 'yaml-int-precision', message: INT_PRECISION_MESSAGE });
  }
  const f = Number(text);
  if (!Number.isFinite(f))
    throw new Failed({
      offset,
      rule: 'yaml-unsupported',
      message: 'a number out of the float64 range (kubectl: cannot unmarshal it); quote it if it is text',
    });
  return int && f === 0 ? 0 : f; // the int64 -0 is 0
}
