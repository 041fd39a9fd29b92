/**
 * Bytes → documents with positions (computed only when a diagnostic needs one: see fast-yaml.ts).
 * Scalars are read as kubectl reads them (go-yaml v2, YAML 1.1: `0440` is 288, `on` is true;
 * yaml11.ts, compose.ts), a file whose first non-space character is `{` is JSON (json.ts),
 * duplicate keys are errors naming both lines, aliases and nesting are bounded, and no
 * diagnostic ever quotes the source text (a Secret's document must not leak).
 */
import { Buffer, isUtf8 } from 'node:buffer';
import type { RuleId } from '../diagnostics/rules.js';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FieldPath, InputObject, Origin, Position, SourceFile } from '../model/source.js';
import { composeDocument, entryFor, isMergeKey, keyString } from './compose.js';
import { fastParseDocuments } from './fast-yaml.js';
import { parseJsonStream, startsAsJson, type JsonPos } from './json.js';
import { REFERENCED_ONLY_VERSIONS, SUPPORTED_VERSIONS } from '../model/kinds.js';

export interface ParseLimits {
  /** Bytes per file. */
  maxFileBytes: number;
  /** Alias dereferences per document (a "billion laughs" document stops here). */
  maxAliasCount: number;
  /** Nesting depth of collections. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxFileBytes: 16 * 1024 * 1024, maxAliasCount: 100, maxDepth: 100 };

const KAGENT_KINDS = new Set(Object.keys(SUPPORTED_VERSIONS));
const KAGENT_VERSIONS: Readonly<Record<string, string>> = { ...SUPPORTED_VERSIONS, ...REFERENCED_ONLY_VERSIONS };

/** Decode a file's bytes: BOM stripped, invalid UTF-8 and oversized files are errors. */
export function decodeSource(
  path: string,
  bytes: Uint8Array,
  limits: Partial<ParseLimits> = {},
): { file?: SourceFile; diagnostics: Diagnostic[] } {
  const tooLarge = fileSizeProblem(path, bytes.length, limits);
  if (tooLarge) return { diagnostics: [tooLarge] };
  // isUtf8 + toString: the same strict decoding as a fatal TextDecoder, several times faster.
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    const line = countLines(bytes, bad);
    return {
      diagnostics: [
        fileError(path, line, 1, 'yaml-invalid-utf8', `invalid UTF-8 at byte offset ${bad}; save the file as UTF-8`),
      ],
    };
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // The BOM: the TextDecoder this replaces dropped one and the line after it a second; still so.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(text.charCodeAt(1) === 0xfeff ? 2 : 1);
  return { file: { path, text }, diagnostics: [] };
}

/** The size limit, checked before a file is read (a 3 GiB file must not be loaded to be refused). */
export function fileSizeProblem(path: string, size: number, limits: Partial<ParseLimits> = {}): Diagnostic | undefined {
  const max = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  if (size <= max) return undefined;
  return fileError(
    path,
    1,
    1,
    'read-file-too-large',
    `file is ${size} bytes, more than the limit of ${max}; split it or raise the limit`,
  );
}

export function parseFiles(
  files: readonly SourceFile[],
  defaultNamespace: string,
  limits: Partial<ParseLimits> = {},
): { objects: InputObject[]; diagnostics: Diagnostic[] } {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const objects: InputObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) parseFile(file, defaultNamespace, lim, objects, diagnostics);
  return { objects, diagnostics };
}

function parseFile(
  file: SourceFile,
  defaultNamespace: string,
  limits: ParseLimits,
  objects: InputObject[],
  diagnostics: Diagnostic[],
): void {
  const read = readDocuments(file, limits);
  diagnostics.push(...read.diagnostics);
  for (const { value, origin } of read.docs) addObject(value, origin, defaultNamespace, objects, diagnostics);
}

/** A document of a file that holds a mapping, with its positions. */
export interface ReadDocument {
  index: number;
  value: Record<string, unknown>;
  origin: Origin;
}

/**
 * The mappings of one file as kubectl reads them, or the diagnostics that say why not.
 * `reader: 'full'` skips the fast reader (tests prove both give the same).
 */
export function readDocuments(
  file: SourceFile,
  limits: Partial<ParseLimits> = {},
  reader: 'fast' | 'full' = 'fast',
): { docs: ReadDocument[]; diagnostics: Diagnostic[] } {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const out: ReadDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  if (startsAsJson(file.text)) {
    readJsonFile(file, lim, out, diagnostics);
    return { docs: out, diagnostics };
  }
  const fast = reader === 'fast' ? fastParseDocuments(file.text, lim.maxDepth) : undefined;
  if (fast) {
    // Positions only when a diagnostic asks: the full parse of this file happens then, once.
    let parsed: ParsedFile | undefined;
    const full = () => (parsed ??= parseFull(file));
    for (const { index, value } of fast) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      out.push({ index, value: value as Record<string, unknown>, origin: lazyOrigin(file.path, index, full) });
    }
    return { docs: out, diagnostics };
  }
  const { docs, pos } = parseFull(file);
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
      if (exhausted) {
        // The library ran out of stack: nesting far beyond any limit, reported once.
        const p = pos(exhausted.pos[0]);
        diagnostics.push(
          fileError(p.file, p.line, p.col, 'yaml-too-deep', `document nests deeper than ${lim.maxDepth} levels`),
        );
        return;
      }
      for (const e of doc.errors)
        diagnostics.push(yamlError(e.code, e.message, errorOffset(file.text, e.code, e.message, e.pos[0]), pos));
      return;
    }
    const root = doc.contents;
    if (!root) return;
    if (depthExceeds(root as Node, lim.maxDepth)) {
      const p = pos(rangeStart(root as Node));
      diagnostics.push(
        fileError(file.path, p.line, p.col, 'yaml-too-deep', `document nests deeper than ${lim.maxDepth} levels`),
      );
      return;
    }
    const duplicates = duplicateKeys(doc, root as Node);
    if (duplicates.length > 0) {
      for (const d of duplicates) diagnostics.push(duplicateError(d, pos));
      return;
    }
    if (!isMap(root)) return;
    const { value: body, problems } = composeDocument(doc, lim);
    if (problems.length > 0) {
      for (const problem of problems) {
        const p = pos(problem.offset);
        diagnostics.push(fileError(p.file, p.line, p.col, problem.rule, problem.message));
      }
      return;
    }
    const aliases = aliasesOf(doc);
    if (aliases.length > 0 && expandedSizeExceeds(body, lim.maxFileBytes)) {
      const p = pos(rangeStart(aliases[0]));
      diagnostics.push(
        fileError(
          file.path,
          p.line,
          p.col,
          'yaml-alias-limit',
          `aliases expand the document to more than ${lim.maxFileBytes} bytes; write the values out or shorten them`,
        ),
      );
      return;
    }
    out.push({ index, value: body as Record<string, unknown>, origin: makeOrigin(file.path, index, doc, pos) });
  });
  return { docs: out, diagnostics };
}

function duplicateError(
  d: { key: string; first: number; again: number; texts: [string, string] },
  pos: (o: number) => Position,
): Diagnostic {
  const p = pos(d.again);
  // `on:` and `true:` are one key to kubectl: say so, or the message names a key nobody wrote.
  const [a, b] = d.texts;
  const how =
    a !== b || a !== d.key ? ` (\`${a}\` and \`${b}\` are both read as '${d.key}', as kubectl reads keys)` : '';
  return fileError(
    p.file,
    p.line,
    p.col,
    'yaml-duplicate-key',
    `map key '${d.key}' is defined twice${how} (first at line ${pos(d.first).line}); keep one`,
  );
}

/** A JSON file (first non-space character `{`), read as kubectl reads it; positions parsed again only if asked. */
function readJsonFile(file: SourceFile, limits: ParseLimits, out: ReadDocument[], diagnostics: Diagnostic[]): void {
  const parsed = parseJsonStream(file.text, limits.maxDepth, false);
  const at = offsetPosition(file);
  if ('problem' in parsed) {
    const { problem } = parsed;
    const p = at(problem.offset);
    const message =
      problem.first === undefined
        ? problem.message
        : `${problem.message} (first at line ${at(problem.first).line}); keep one`;
    diagnostics.push(fileError(file.path, p.line, p.col, problem.rule, message));
    return;
  }
  let positioned: JsonPos[] | undefined;
  const positions = () =>
    (positioned ??= (parseJsonStream(file.text, limits.maxDepth, true) as { docs: Array<{ pos?: JsonPos }> }).docs.map(
      (d) => d.pos!,
    ));
  for (const { index, value } of parsed.docs) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const origin: Origin = { file: file.path, index, at: (path) => at(jsonOffset(positions()[index]!, path)) };
    out.push({ index, value: value as Record<string, unknown>, origin });
  }
}

/** As offsetOf, for JSON positions. */
function jsonOffset(root: JsonPos, path: FieldPath): number {
  let node: JsonPos | undefined = root;
  let offset = root.start;
  for (const seg of path) {
    if (node.keys) {
      const entry = node.keys.get(String(seg));
      if (!entry) return offset;
      offset = entry.key;
      node = entry.value;
    } else if (node.items && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg]!;
      offset = node.start;
    } else return offset;
  }
  return path.length > 0 && node.keys ? offset : node.start;
}

/** Line and column (1-based, in UTF-16 units as `yaml` counts them) of an offset. */
function offsetPosition(file: SourceFile): (offset: number) => Position {
  const lc = new LineCounter();
  let start = 0;
  for (let i = file.text.indexOf('\n'); i !== -1; i = file.text.indexOf('\n', i + 1)) {
    lc.addNewLine(start);
    start = i + 1;
  }
  lc.addNewLine(start);
  return (offset) => {
    const p = lc.linePos(offset);
    return { file: file.path, line: p.line, col: p.col };
  };
}

function aliasesOf(doc: Document): Alias[] {
  const out: Alias[] = [];
  visit(doc, { Alias: (_key, node) => void out.push(node) });
  return out;
}

/**
 * Whether the value, with aliases expanded, is larger than `max` bytes (strings by length,
 * other nodes a few bytes each): a 4 MB string behind 99 aliases is 400 MB of output.
 */
function expandedSizeExceeds(value: unknown, max: number): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length;
    else if (Array.isArray(v)) {
      size += 2;
      for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        size += k.length + 2;
        stack.push(x);
      }
    } else size += 8;
    if (size > max) return true;
  }
  return false;
}

/** Why one document cannot be read as kubectl reads it (the message never quotes the source). */
export interface ReadProblem {
  rule: RuleId;
  message: string;
}

/**
 * One document (any root: a map, a list, a scalar) as kubectl reads it — JSON when its first
 * non-space character is `{`, else YAML 1.1 — or the first reason it cannot be read: invalid,
 * empty, not one document, a duplicate key, past the alias or depth limit, or holding what
 * kubectl cannot send. For YAML read outside the input files (the KRM adapter's ResourceList,
 * the kustomize plugin's config). `reader: 'full'` skips the fast reader (tests prove both agree).
 */
export function readOneDocument(
  text: string,
  reader: 'fast' | 'full' = 'fast',
): { value: unknown } | { problem: ReadProblem } {
  const lim = DEFAULT_LIMITS;
  const notOne: ReadProblem = { rule: 'yaml-syntax', message: 'expected exactly one document' };
  if (startsAsJson(text)) {
    const parsed = parseJsonStream(text, lim.maxDepth, false);
    if ('problem' in parsed) return { problem: { rule: parsed.problem.rule, message: parsed.problem.message } };
    return parsed.docs.length === 1 ? { value: parsed.docs[0]!.value } : { problem: notOne };
  }
  const fast = reader === 'fast' ? fastParseDocuments(text, lim.maxDepth) : undefined;
  if (fast) return fast.length === 1 && fast[0]!.index === 0 ? { value: fast[0]!.value } : { problem: notOne };
  const { docs, pos } = parseFull({ path: '', text });
  const bad = docs.find((d) => d.errors.length > 0);
  if (bad) {
    const e = bad.errors[0]!;
    if (e.code === 'RESOURCE_EXHAUSTION')
      return { problem: { rule: 'yaml-too-deep', message: `document nests deeper than ${lim.maxDepth} levels` } };
    return { problem: { rule: 'yaml-syntax', message: yamlError(e.code, e.message, 0, pos).message } };
  }
  const doc = docs[0];
  if (docs.length !== 1 || !doc || doc.contents === null) return { problem: notOne };
  const root = doc.contents as Node;
  if (depthExceeds(root, lim.maxDepth))
    return { problem: { rule: 'yaml-too-deep', message: `document nests deeper than ${lim.maxDepth} levels` } };
  const duplicate = duplicateKeys(doc, root)[0];
  if (duplicate) return { problem: { rule: 'yaml-duplicate-key', message: duplicateError(duplicate, pos).message } };
  const { value, problems } = composeDocument(doc, lim);
  if (problems.length > 0) return { problem: { rule: problems[0]!.rule, message: problems[0]!.message } };
  if (aliasesOf(doc).length > 0 && expandedSizeExceeds(value, lim.maxFileBytes)) {
    return {
      problem: {
        rule: 'yaml-alias-limit',
        message: `aliases expand the document to more than ${lim.maxFileBytes} bytes`,
      },
    };
  }
  return { value };
}

/** readOneDocument's value, or undefined when it cannot be read. */
export function readYamlValue(text: string, reader: 'fast' | 'full' = 'fast'): unknown {
  const r = readOneDocument(text, reader);
  return 'value' in r ? r.value : undefined;
}

/** A file of one plain document (kagent-render.yaml): its value and positions, or why not. */
export function parseSingleDocument(file: SourceFile): { value?: unknown; origin?: Origin; diagnostics: Diagnostic[] } {
  if (startsAsJson(file.text)) {
    // JSON, as for input files; one value is read (the settings are one document).
    const docs: ReadDocument[] = [];
    const diagnostics: Diagnostic[] = [];
    readJsonFile(file, DEFAULT_LIMITS, docs, diagnostics);
    return diagnostics.length > 0 || !docs[0]
      ? { diagnostics }
      : { value: docs[0].value, origin: docs[0].origin, diagnostics };
  }
  const { docs, pos } = parseFull(file);
  const doc = docs[0];
  if (!doc) return { diagnostics: [] };
  if (doc.errors.length > 0)
    return {
      diagnostics: doc.errors.map((e) =>
        yamlError(e.code, e.message, errorOffset(file.text, e.code, e.message, e.pos[0]), pos),
      ),
    };
  const duplicates = doc.contents ? duplicateKeys(doc, doc.contents as Node) : [];
  if (duplicates.length > 0) {
    return { diagnostics: [duplicateError(duplicates[0]!, pos)] };
  }
  const { value, problems } = composeDocument(doc, DEFAULT_LIMITS);
  if (problems.length > 0) {
    return {
      diagnostics: problems.map((problem) => {
        const p = pos(problem.offset);
        return fileError(p.file, p.line, p.col, problem.rule, problem.message);
      }),
    };
  }
  return { value, origin: makeOrigin(file.path, 0, doc, pos), diagnostics: [] };
}

interface ParsedFile {
  docs: Document[];
  pos: (offset: number) => Position;
}

/** The reference reader: `yaml` with positions, errors and limits. */
function parseFull(file: SourceFile): ParsedFile {
  const lineCounter = new LineCounter();
  // uniqueKeys off: the library's check compares every pair of keys (a 40,000-key map took
  // ten seconds); duplicateKeys below does it with one Map per mapping.
  // failsafe: every scalar stays text, and compose.ts resolves it as go-yaml v2 does.
  const docs = parseAllDocuments(file.text, {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    version: '1.2',
    merge: false,
    schema: 'failsafe',
  });
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { file: file.path, line: p.line, col: p.col };
  };
  return { docs: Array.isArray(docs) ? docs : [], pos };
}

function addObject(
  obj: Record<string, unknown>,
  origin: Origin,
  defaultNamespace: string,
  objects: InputObject[],
  diagnostics: Diagnostic[],
): void {
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    // Not a Kubernetes object, and ignored — unless half of it says it is a kagent one.
    const missing =
      typeof obj.kind === 'string' && obj.kind in KAGENT_VERSIONS && typeof obj.apiVersion !== 'string'
        ? `${obj.kind} has no apiVersion; add apiVersion: ${KAGENT_VERSIONS[obj.kind]}`
        : typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('kagent.dev/') && typeof obj.kind !== 'string'
          ? `${obj.apiVersion} object has no kind; add kind: ${[...KAGENT_KINDS].join(', ')}`
          : undefined;
    if (missing) {
      const p = origin.at([]);
      diagnostics.push(fileError(p.file, p.line, p.col, 'input-missing-type', missing));
    }
    return;
  }
  const metadata = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Record<string, unknown>;
  if (obj.kind in KAGENT_VERSIONS && (typeof metadata.name !== 'string' || metadata.name === '')) {
    const p = origin.at(['metadata', 'name']);
    const name = metadata.name;
    if (typeof name === 'boolean' || typeof name === 'number') {
      // `name: y`, `name: on`, `name: 0x1`: YAML 1.1 read the name as a bool or a number, as kubectl would.
      const text = origin.plainText?.(['metadata', 'name']) ?? String(name);
      const what = typeof name === 'number' ? 'a number' : 'a boolean';
      const message =
        `metadata.name must be string, got the ${typeof name} ${String(name)}; kubectl reads the unquoted ` +
        `${text} as ${what} (YAML 1.1) — quote it (${JSON.stringify(text)}) to keep it a string`;
      diagnostics.push(fileError(p.file, p.line, p.col, 'schema-type', message));
      return;
    }
    diagnostics.push(
      fileError(
        p.file,
        p.line,
        p.col,
        'input-missing-name',
        `${obj.kind} has no metadata.name; every object needs a name`,
      ),
    );
    return;
  }
  objects.push({
    body: obj,
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace:
      typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : defaultNamespace,
    name: typeof metadata.name === 'string' ? metadata.name : '',
    origin,
  });
}

function makeOrigin(file: string, index: number, doc: Document, pos: (o: number) => Position): Origin {
  return {
    file,
    index,
    at(path: FieldPath): Position {
      return pos(offsetOf(doc, doc.contents as Node, path));
    },
    plainText: (path) => plainTextAt(doc, path),
  };
}

function lazyOrigin(file: string, index: number, full: () => ParsedFile): Origin {
  return {
    file,
    index,
    at(path: FieldPath): Position {
      const { docs, pos } = full();
      return pos(offsetOf(docs[index]!, docs[index]!.contents as Node, path));
    },
    plainText: (path) => plainTextAt(full().docs[index]!, path),
  };
}

/**
 * Offset of the node at `path`: for a map key as last element, the key itself; else the nearest
 * ancestor. Keys compare as kubectl converts them (`0x10:` is "16"); a key that comes from a
 * `<<` merge is found where the merged map writes it; aliases are followed to their anchor.
 */
function offsetOf(doc: Document, root: Node, path: FieldPath): number {
  let node: Node | null = root;
  let offset = rangeStart(root);
  for (const seg of path) {
    for (let hops = 0; isAlias(node) && hops < 20; hops++) node = (node.resolve(doc) as Node | undefined) ?? null;
    if (isMap(node)) {
      const pair: any = entryFor(doc, node, String(seg));
      if (!pair) return offset;
      offset = rangeStart(pair.key as Node);
      node = (pair.value as Node) ?? null;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg] as Node;
      offset = rangeStart(node);
    } else {
      return offset;
    }
    if (!node) return offset;
  }
  return path.length > 0 && isMap(node) ? offset : node ? rangeStart(node) : offset;
}

/** The text of the plain, untagged scalar at `path` (aliases and merges followed), or undefined. */
function plainTextAt(doc: Document, path: FieldPath): string | undefined {
  let node: unknown = doc.contents;
  for (const seg of path) {
    for (let hops = 0; isAlias(node) && hops < 20; hops++) node = node.resolve(doc);
    if (isMap(node)) node = entryFor(doc, node, String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  for (let hops = 0; isAlias(node) && hops < 20; hops++) node = node.resolve(doc);
  return isScalar(node) && !node.tag && node.type === 'PLAIN' && typeof node.source === 'string'
    ? node.source
    : undefined;
}

function rangeStart(node: Node | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

function depthExceeds(node: Node, max: number): boolean {
  const stack: Array<[unknown, number]> = [[node, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (isMap(n) || isSeq(n)) {
      if (d > max) return true;
      for (const item of n.items) {
        if (isPair(item)) {
          stack.push([item.value, d + 1]);
          stack.push([item.key, d + 1]);
        } else stack.push([item, d + 1]);
      }
    }
  }
  return false;
}

/**
 * Our own words for the library's errors: its messages can quote the source (an escape
 * sequence, a tag, a first character), and the source may be a Secret.
 */
const YAML_ERROR_TEXT: Record<string, string> = {
  TAB_AS_INDENT: 'tabs are not allowed as indentation',
  BAD_INDENT: 'bad indentation: align the keys of a mapping and the items of a list',
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string; write \\\\ for a backslash, or use single quotes',
  TAG_RESOLVE_FAILED: 'unknown tag (a value starting with !); quote the value if it is text',
  BAD_SCALAR_START: 'a plain value cannot start with this character; quote the value',
  MULTILINE_IMPLICIT_KEY: 'a key must be on a single line (check the indentation of the line before)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested block cannot be a key (check the indentation)',
  UNEXPECTED_TOKEN: 'unexpected content here; check the indentation and quoting',
  BAD_ALIAS: 'invalid alias (a value starting with *); quote the value if it is text',
  ALIAS_PROPS: 'an alias (a value starting with *) cannot have an anchor or tag',
  MULTIPLE_ANCHORS: 'a value has more than one anchor (&)',
  MULTIPLE_TAGS: 'a value has more than one tag (!)',
  BAD_PROP_ORDER: 'an anchor or tag is in the wrong place',
  BLOCK_IN_FLOW: 'a block collection cannot be inside [...] or {...}',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters must be written as an explicit key',
  BAD_DIRECTIVE: 'invalid directive (a line starting with %)',
  MULTIPLE_DOCS: 'more than one document where one is expected',
  NON_STRING_KEY: 'keys must be strings',
  BAD_COLLECTION_TYPE: 'invalid collection',
};

function yamlError(code: string, message: string, offset: number, pos: (o: number) => Position): Diagnostic {
  const p = pos(offset);
  let text = YAML_ERROR_TEXT[code] ?? 'invalid YAML';
  if (code === 'MISSING_CHAR')
    text = /quote/.test(message)
      ? `missing closing ${message.includes("'") ? "'" : '"'}quote`
      : 'a closing bracket or brace is missing';
  return fileError(p.file, p.line, p.col, 'yaml-syntax', `${text} (${code})`);
}

/** Where to point: an unterminated quoted string is reported at its opening quote, not at the end of the file. */
function errorOffset(text: string, code: string, message: string, offset: number): number {
  if (code !== 'MISSING_CHAR' || !/quote/.test(message)) return offset;
  const quote = message.includes("'") ? "'" : '"';
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"' && text[i - 1] === '\\') continue;
    if (quote === "'" && text[i - 1] === "'") {
      i--; // an escaped '' inside the string
      continue;
    }
    return i;
  }
  return offset;
}

/**
 * Every key that repeats an earlier key of its mapping as kubectl converts keys (`1` and `"1"`,
 * `on` and `true` collide), in file order. `<<` merges are not duplicates.
 */
function duplicateKeys(
  doc: Document,
  root: Node,
): Array<{ key: string; first: number; again: number; texts: [string, string] }> {
  const out: Array<{ key: string; first: number; again: number; texts: [string, string] }> = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Map<string, { start: number; text: string }>();
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const key = isMergeKey(p.key) ? undefined : keyString(doc, p.key);
        if (key !== undefined) {
          const start = rangeStart(p.key as Node);
          const text = isScalar(p.key) ? String(p.key.value) : key;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, { start, text });
          else out.push({ key, first: first.start, again: start, texts: [first.text, text] });
        }
        stack.push(p.value);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) stack.push(item);
    }
  }
  return out.sort((a, b) => a.again - b.again);
}

function fileError(file: string, line: number, col: number, rule: RuleId, message: string): Diagnostic {
  return { rule, severity: 'error', message, file, line, col };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search the shortest failing prefix; step back over a partial sequence at the end.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      // stream: a sequence cut at the end of the prefix is not an error, only a bad byte is.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  if (lo < bytes.length) {
    // A byte that breaks a sequence (ED A0: a surrogate) belongs to the sequence its lead byte starts.
    let lead = lo;
    while (lead > 0 && lo - lead < 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
    return bytes[lead]! >= 0xc0 && lead < lo ? lead : lo;
  }
  // No bad byte: the file ends inside a sequence. Point at the sequence's first byte.
  let start = bytes.length - 1;
  while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start--;
  return start;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
