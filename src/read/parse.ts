/**
 * Bytes → documents with positions (computed only when a diagnostic needs one: see fast-yaml.ts). YAML 1.2 core schema (never 1.1: `on`/`yes` stay
 * strings), duplicate keys are errors naming both lines, aliases and nesting are bounded,
 * and no diagnostic ever quotes the source text (a Secret's document must not leak).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FieldPath, InputObject, Origin, Position, SourceFile } from '../model/source.js';
import { fastParseDocuments } from './fast-yaml.js';

export interface ParseLimits {
  /** Bytes per file. */
  maxFileBytes: number;
  /** Alias dereferences per document (a "billion laughs" document stops here). */
  maxAliasCount: number;
  /** Nesting depth of collections. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxFileBytes: 16 * 1024 * 1024, maxAliasCount: 100, maxDepth: 100 };

const KAGENT_KINDS = new Set(['Agent', 'ModelConfig', 'RemoteMCPServer', 'MCPServer']);

/** Decode a file's bytes: BOM stripped, invalid UTF-8 and oversized files are errors. */
export function decodeSource(path: string, bytes: Uint8Array, limits: Partial<ParseLimits> = {}): { file?: SourceFile; diagnostics: Diagnostic[] } {
  const max = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  if (bytes.length > max) {
    return { diagnostics: [fileError(path, 1, 1, 'read-file-too-large', `file is ${bytes.length} bytes, more than the limit of ${max}; split it or raise the limit`)] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = countLines(bytes, bad);
    return { diagnostics: [fileError(path, line, 1, 'yaml-invalid-utf8', `invalid UTF-8 at byte offset ${bad}; save the file as UTF-8`)] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file: { path, text }, diagnostics: [] };
}

export function parseFiles(files: readonly SourceFile[], defaultNamespace: string, limits: Partial<ParseLimits> = {}): { objects: InputObject[]; diagnostics: Diagnostic[] } {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const objects: InputObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) parseFile(file, defaultNamespace, lim, objects, diagnostics);
  return { objects, diagnostics };
}

function parseFile(file: SourceFile, defaultNamespace: string, limits: ParseLimits, objects: InputObject[], diagnostics: Diagnostic[]): void {
  const fast = fastParseDocuments(file.text, limits.maxDepth);
  if (fast) {
    // Positions only when a diagnostic asks: the full parse of this file happens then, once.
    let parsed: ParsedFile | undefined;
    const full = () => (parsed ??= parseFull(file));
    for (const { index, value } of fast) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      addObject(value as Record<string, unknown>, lazyOrigin(file.path, index, full), defaultNamespace, objects, diagnostics);
    }
    return;
  }
  const { docs, pos } = parseFull(file);
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) diagnostics.push(yamlError(doc, e.code, e.message, e.pos[0], pos));
      return;
    }
    const root = doc.contents;
    if (!root) return;
    if (depthExceeds(root as Node, limits.maxDepth)) {
      const p = pos(rangeStart(root as Node));
      diagnostics.push(fileError(file.path, p.line, p.col, 'yaml-too-deep', `document nests deeper than ${limits.maxDepth} levels`));
      return;
    }
    if (!isMap(root)) return;
    let body: unknown;
    try {
      body = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch {
      const p = pos(rangeStart(root as Node));
      diagnostics.push(fileError(file.path, p.line, p.col, 'yaml-alias-limit', `document expands more than ${limits.maxAliasCount} aliases; remove the alias chain`));
      return;
    }
    addObject(body as Record<string, unknown>, makeOrigin(file.path, index, doc, pos), defaultNamespace, objects, diagnostics);
  });
}

interface ParsedFile {
  docs: Document[];
  pos: (offset: number) => Position;
}

/** The reference reader: `yaml` with positions, errors and limits. */
function parseFull(file: SourceFile): ParsedFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2', merge: false });
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { file: file.path, line: p.line, col: p.col };
  };
  return { docs: Array.isArray(docs) ? docs : [], pos };
}

function addObject(obj: Record<string, unknown>, origin: Origin, defaultNamespace: string, objects: InputObject[], diagnostics: Diagnostic[]): void {
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return;
  const metadata = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Record<string, unknown>;
  if (KAGENT_KINDS.has(obj.kind) && (typeof metadata.name !== 'string' || metadata.name === '')) {
    const p = origin.at(['metadata', 'name']);
    diagnostics.push(fileError(p.file, p.line, p.col, 'input-missing-name', `${obj.kind} has no metadata.name; every object needs a name`));
    return;
  }
  objects.push({
    body: obj,
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : defaultNamespace,
    name: typeof metadata.name === 'string' ? metadata.name : '',
    origin,
  });
}

function makeOrigin(file: string, index: number, doc: Document, pos: (o: number) => Position): Origin {
  return {
    file,
    index,
    at(path: FieldPath): Position {
      return pos(offsetOf(doc.contents as Node, path));
    },
  };
}

function lazyOrigin(file: string, index: number, full: () => ParsedFile): Origin {
  return {
    file,
    index,
    at(path: FieldPath): Position {
      const { docs, pos } = full();
      return pos(offsetOf(docs[index]!.contents as Node, path));
    },
  };
}

/** Offset of the node at `path`: for a map key as last element, the key itself; else the nearest ancestor. */
function offsetOf(root: Node, path: FieldPath): number {
  let node: Node | null = root;
  let offset = rangeStart(root);
  for (const seg of path) {
    if (isMap(node)) {
      const pair: any = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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

function yamlError(doc: Document, code: string, message: string, offset: number, pos: (o: number) => Position): Diagnostic {
  const p = pos(offset);
  if (code === 'DUPLICATE_KEY') {
    const first = firstDuplicate(doc, offset);
    const key = first?.key ?? 'key';
    const where = first ? ` (first at line ${pos(first.offset).line})` : '';
    return fileError(p.file, p.line, p.col, 'yaml-duplicate-key', `map key '${key}' is defined twice${where}; keep one`);
  }
  // The library's message carries positions, never source text (prettyErrors: false).
  const text = message.replace(/ at line \d+, column \d+.*$/s, '').replace(/\s+/g, ' ').trim();
  return fileError(p.file, p.line, p.col, 'yaml-syntax', `${lowerFirst(text)} (${code})`);
}

/** The earlier occurrence of the duplicated key that ends at `offset`. */
function firstDuplicate(doc: Document, offset: number): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  const visit = (n: unknown): void => {
    if (found) return;
    if (isMap(n)) {
      const seen = new Map<string, number>();
      for (const p of n.items) {
        if (!isPair(p) || !isScalar(p.key)) continue;
        const k = String(p.key.value);
        const start = rangeStart(p.key as Node);
        if (seen.has(k) && start === offset) {
          found = { key: k, offset: seen.get(k)! };
          return;
        }
        if (!seen.has(k)) seen.set(k, start);
      }
      for (const p of n.items) if (isPair(p)) visit(p.value);
    } else if (isSeq(n)) for (const i of n.items) visit(i);
  };
  visit(doc.contents);
  return found;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function fileError(file: string, line: number, col: number, rule: string, message: string): Diagnostic {
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
  return lo;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
