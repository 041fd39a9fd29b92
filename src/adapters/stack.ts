/**
 * Stack traces of internal errors, mapped back to the TypeScript sources through the bundle's
 * source map. Done here, only when a stack is printed, instead of with Node's source-map
 * support: enabling that parses the 1.3 MB map at every start-up (about 40 ms of each run).
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `at fn (file:///…/x.mjs:12:34)`, `at file:///…/x.mjs:12:34` or `at fn (/…/x.cjs:12:34)`. */
const FRAME = /((?:file:\/\/)?\/[^():]+\.[mc]?js):(\d+):(\d+)(\)?)$/;

export function sourceMappedStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack
    .split('\n')
    .map((line) => {
      const m = FRAME.exec(line);
      if (!m) return line;
      const file = m[1]!.startsWith('file:') ? fileURLToPath(m[1]!) : m[1]!;
      if (!maps.has(file)) maps.set(file, loadMap(file));
      const entry = maps.get(file)?.findEntry(Number(m[2]) - 1, Number(m[3]) - 1) as
        | { originalSource?: string; originalLine?: number; originalColumn?: number }
        | undefined;
      if (!entry?.originalSource) return line;
      const source = entry.originalSource.startsWith('file:')
        ? fileURLToPath(entry.originalSource)
        : path.resolve(path.dirname(file), entry.originalSource);
      return `${line.slice(0, m.index)}${source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}${m[4]}`;
    })
    .join('\n');
}

function loadMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  } catch {
    return undefined; // no map beside it (running from source): the stack is already right
  }
}
