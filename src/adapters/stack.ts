/**
 * Stack traces of internal errors, mapped back to the TypeScript sources through the bundle's
 * source map. Done here, only when a stack is printed, instead of with Node's source-map
 * support: enabling that parses the 1.3 MB map at every start-up (about 40 ms of each run).
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The name bin/load-bundle.mjs compiles the bundle under. Fixed, not the bundle's path: V8
 * keeps the name a code cache was made under, and the cache is made at build time elsewhere.
 */
const BUNDLE_SCRIPT_NAME = 'kagent-render.cjs';

/** `at fn (file:///…/x.mjs:12:34)`, `at file:///…/x.mjs:12:34`, `at fn (/…/x.cjs:12:34)` or `at fn (kagent-render.cjs:12:34)`. */
const FRAME = new RegExp(`((?:file://)?/[^():]+\\.[mc]?js|${BUNDLE_SCRIPT_NAME.replace(/\./g, '\\.')}):(\\d+):(\\d+)(\\)?)$`);

// The loader passes the bundle's real path as the CommonJS `__filename` (absent when running from source).
declare const __filename: string | undefined;

export function sourceMappedStack(stack: string, bundlePath: string | undefined = typeof __filename === 'string' ? __filename : undefined): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack
    .split('\n')
    .map((line) => {
      const m = FRAME.exec(line);
      if (!m) return line;
      if (m[1] === BUNDLE_SCRIPT_NAME && !bundlePath) return line;
      const file = m[1] === BUNDLE_SCRIPT_NAME ? bundlePath! : m[1]!.startsWith('file:') ? fileURLToPath(m[1]!) : m[1]!;
      if (!maps.has(file)) maps.set(file, loadMap(file));
      const entry = maps.get(file)?.findEntry(Number(m[2]) - 1, Number(m[3]) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
      if (!entry?.originalSource) return line;
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
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
