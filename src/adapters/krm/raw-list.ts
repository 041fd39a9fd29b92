/**
 * A ResourceList as text: the fast path of the KRM function. Items the function passes
 * through are copied as the exact lines they arrived in (byte for byte, no parse and
 * re-serialise), generated items are written by the direct YAML writer, and every other
 * top-level key (functionConfig, ...) is copied as it was.
 *
 * It applies when the list is laid out as block YAML (top-level keys at column 0, items as
 * `- ` entries); each piece is then read on its own, as kubectl reads YAML (1.1: `0440` is 288,
 * `yes` is true, `<<` merges; src/read/parse.ts readYamlValue). Otherwise the caller uses the
 * `yaml` Document path. An item whose text contains `#` goes through `yaml` to drop
 * its comments: kpt copies comments back onto the items it gets, so emitting them would
 * double them.
 */
import { isNode, parseDocument, visit, type Node } from 'yaml';
import { toYaml } from '../../emit/yaml.js';
import type { K8sObject } from '../../model/k8s.js';
import { readYamlValue } from '../../read/parse.js';

type Obj = Record<string, any>;

export interface RawList {
  /** The ResourceList as plain data. */
  list: Obj;
  /** The output ResourceList: kept input items (by index), then generated items, then results. */
  write(keep: readonly number[], generated: readonly K8sObject[], results: readonly Obj[]): string;
}

interface Block {
  key: string;
  lines: string[];
}

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_.-]*):(?: |$)/;

export function readRawList(text: string): RawList | undefined {
  const blocks = topLevelBlocks(text);
  if (!blocks || new Set(blocks.map((b) => b.key)).size !== blocks.length) return undefined;
  const itemsBlock = blocks.find((b) => b.key === 'items');
  if (!itemsBlock) return undefined;
  const items = itemChunks(itemsBlock.lines.slice(1));
  if (!items || (items.chunks.length > 0 && !/^items: *(#.*)?$/.test(itemsBlock.lines[0]!))) return undefined;

  // Each piece is read on its own: one unusual item costs one slow parse, not the whole list's.
  const list: Obj = {};
  for (const block of blocks) {
    if (block.key === 'items') continue;
    const value = readYamlValue(block.lines.join('\n'));
    if (value === undefined) return undefined;
    list[block.key] = (value as Obj)[block.key];
  }
  const values: unknown[] = [];
  for (const chunk of items.chunks) {
    const value = readYamlValue(dedent(chunk, items.indent));
    if (!Array.isArray(value) || value.length !== 1) return undefined;
    values.push(value[0]);
  }
  if (items.chunks.length === 0 && readYamlValue(itemsBlock.lines.join('\n')) === undefined) return undefined;
  list.items = values;
  if (list.kind !== 'ResourceList') return undefined;

  return {
    list,
    write(keep, generated, results) {
      let out = '';
      for (const block of blocks) {
        if (block.key === 'results') continue;
        if (block.key !== 'items') {
          out += block.lines.map((l) => `${l}\n`).join('');
          continue;
        }
        const written = [
          ...keep.map((i) => withoutComments(items.chunks[i]!, items.indent)),
          ...generated.map((o) => asItem(toYaml(o), items.indent)),
        ];
        out += written.length === 0 ? 'items: []\n' : `items:\n${written.join('')}`;
      }
      if (results.length > 0) out += toYaml({ results });
      return out;
    },
  };
}

/** The lines of each top-level key, in order; undefined when the text is not laid out that way. */
function topLevelBlocks(text: string): Block[] | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const blocks: Block[] = [];
  for (const line of lines) {
    const m = TOP_KEY.exec(line);
    if (m) blocks.push({ key: m[1]!, lines: [line] });
    else if (blocks.length > 0) blocks[blocks.length - 1]!.lines.push(line);
    else if (line !== '' && !line.startsWith('#') && line !== '---') return undefined;
  }
  return blocks;
}

/** The items' lines split at each `- ` of the sequence; every chunk ends with a newline. */
function itemChunks(lines: string[]): { chunks: string[]; indent: number } | undefined {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first === -1) return { chunks: [], indent: 0 };
  const indent = lines[first]!.length - lines[first]!.trimStart().length;
  const dash = `${' '.repeat(indent)}-`;
  const isStart = (l: string) => l.startsWith(dash) && (l.length === dash.length || l[dash.length] === ' ');
  if (!isStart(lines[first]!)) return undefined;
  const chunks: string[] = [];
  for (const line of lines.slice(first)) {
    if (isStart(line)) chunks.push('');
    chunks[chunks.length - 1] += `${line}\n`;
  }
  return { chunks, indent };
}

/** A map written at column 0, as an item of a sequence whose dashes are at column `indent`. */
function asItem(map: string, indent: number): string {
  const dash = `${' '.repeat(indent)}- `;
  const pad = ' '.repeat(indent + 2);
  const lines = map.slice(0, -1).split('\n');
  return lines.map((l, i) => (i === 0 ? dash + l : l === '' ? l : pad + l)).join('\n') + '\n';
}

/**
 * The chunk itself when it cannot hold a comment; else re-written by `yaml` without comments,
 * style kept. Failsafe: every scalar is its text, so `0440` or `yes` is written as it came.
 */
function withoutComments(chunk: string, indent: number): string {
  if (!chunk.includes('#')) return chunk;
  const doc = parseDocument(dedent(chunk, indent), { schema: 'failsafe' });
  visit(doc, (_key, node) => {
    if (isNode(node)) {
      (node as Node).comment = null;
      (node as Node).commentBefore = null;
    }
  });
  doc.comment = null;
  doc.commentBefore = null;
  const text = doc.toString({ lineWidth: 0 });
  const pad = ' '.repeat(indent);
  return (
    text
      .slice(0, -1)
      .split('\n')
      .map((l) => (l === '' ? l : pad + l))
      .join('\n') + '\n'
  );
}

function dedent(chunk: string, indent: number): string {
  return chunk
    .split('\n')
    .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
    .join('\n');
}
