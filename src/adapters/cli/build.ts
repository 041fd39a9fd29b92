/** `build`, `validate` and `graph`: parse flags → renderTree (adapters/run.ts) → print or write. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError, UsageError } from '../../diagnostics/errors.js';
import { planOutputTree } from '../../emit/files.js';
import { toJsonList } from '../../emit/json.js';
import { toYamlStream } from '../../emit/yaml.js';
import { renderGraph, type GraphFormat } from '../../graph/mermaid.js';
import type { CliIO } from '../io.js';
import { printDiagnostics, printSettings } from '../report.js';
import { renderTree, STDIN, type RenderRequest } from '../run.js';
import { parseArgs, type ParsedArgs } from './args.js';
import { diffTree, writeTree } from './write.js';

export async function runBuild(command: 'build' | 'validate' | 'graph', argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(command, argv);
  const request = requestOf(args, io, command === 'build' && args.output ? [args.output] : []);
  if (args.printSettings) return printSettings(request, io);
  if (command === 'build' && args.output) checkOutputOutsideInput(args, io.cwd);
  const tree = await renderTree({ ...request, guardEmpty: command === 'build' ? 'kagent' : undefined });
  printDiagnostics(tree.diagnostics, args.quiet, io);

  if (command === 'graph') {
    const graph = renderGraph(tree.result.inputs, (args.format ?? 'mermaid') as GraphFormat);
    if (!args.output) io.stdout.write(graph);
    else if (!tree.failed) writeFile(path.resolve(io.cwd, args.output), graph);
    return tree.failed ? 1 : 0;
  }
  if (tree.failed) return 1;
  if (command === 'validate') return 0;

  if (args.output) {
    const dir = path.resolve(io.cwd, args.output);
    const planned = planOutputTree(tree.result.rendered);
    if (args.check) {
      const diff = await diffTree(dir, planned, args.output);
      if (diff) {
        io.stdout.write(diff);
        io.stderr.write(
          `kagent-render: ${args.output} is out of date; ` +
            `run kagent-render build ${[...args.paths, '-o', args.output].join(' ')}\n`,
        );
        return 1;
      }
      return 0;
    }
    const { written, removed } = await writeTree(dir, planned);
    if (!args.quiet)
      io.stderr.write(`kagent-render: ${summary(planned.size, written.length, removed.length)} in ${args.output}\n`);
    return 0;
  }
  const objects = tree.result.rendered.flatMap((r) => r.objects);
  io.stdout.write(args.format === 'json' ? toJsonList(objects) : toYamlStream(objects));
  return 0;
}

/** The adapters' common request from parsed flags: settings file discovery, flags over it. */
export function requestOf(args: ParsedArgs, io: CliIO, exclude: string[]): RenderRequest {
  return {
    cwd: io.cwd,
    paths: args.paths,
    readStdin: io.readStdin,
    config: args.config,
    overrides: [{ settings: args.settings, sources: args.sources }],
    exclude,
  };
}

/** `wrote 12, unchanged 140, removed 3`: what `-o DIR` did. */
export function summary(planned: number, written: number, removed: number): string {
  return `wrote ${written}, unchanged ${planned - written}, removed ${removed}`;
}

export function checkOutputOutsideInput(args: ParsedArgs, cwd: string): void {
  const out = path.resolve(cwd, args.output!);
  for (const p of args.paths.length > 0 ? args.paths : ['.']) {
    if (p === STDIN) continue;
    const input = path.resolve(cwd, p);
    if (input === out || input.startsWith(out + path.sep))
      throw new UsageError(
        `-o ${args.output} contains the input ${p}: nothing would be read; ` +
          'write the output to a directory outside the input (or to a subdirectory of it)',
      );
  }
}

function writeFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(`cannot write ${file} (${err.code ?? err.message})`);
  }
}
