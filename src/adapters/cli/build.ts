/** `build`, `validate` and `graph`: parse flags → renderTree (adapters/run.ts) → print or write. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../../diagnostics/errors.js';
import { planOutputTree } from '../../emit/files.js';
import { toJsonList } from '../../emit/json.js';
import { toYamlStream } from '../../emit/yaml.js';
import { renderGraph, type GraphFormat } from '../../graph/mermaid.js';
import type { CliIO } from '../io.js';
import { printDiagnostics, printSettings } from '../report.js';
import { renderTree, STDIN, type RenderRequest } from '../run.js';
import { parseArgs, type ParsedArgs } from './args.js';
import { checkTree, outputLocation, writeTree } from './write.js';

export async function runBuild(command: 'build' | 'validate' | 'graph', argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(command, argv);
  // Real paths on both sides (write.ts): DIR may not be a link or the root, nor contain an
  // input; the walk skips DIR however an input path reaches it.
  const exclude = command === 'build' && args.output ? [args.output, outputLocationOf(args, io.cwd)] : [];
  const request = requestOf(args, io, exclude);
  if (args.printSettings) return printSettings(request, io);
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
      const check = checkTree(dir, planned, args.output);
      for (const w of check.warnings) if (!args.quiet) io.stderr.write(`kagent-render: ${w}\n`);
      for (const p of check.problems) io.stderr.write(`kagent-render: error: ${p}\n`);
      if (check.diff) io.stdout.write(check.diff);
      if (check.diff || check.problems.length > 0) {
        io.stderr.write(
          `kagent-render: ${args.output} is out of date; ` +
            `run kagent-render build ${[...args.paths, '-o', args.output].join(' ')}\n`,
        );
        return 1;
      }
      return 0;
    }
    const note = (m: string) => (args.quiet ? undefined : io.stderr.write(`kagent-render: ${m}\n`));
    const { written, removed } = await writeTree(dir, planned, { shown: args.output, note });
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

/** DIR's real path, after the checks of where it may be (paths other than stdin are inputs). */
function outputLocationOf(args: ParsedArgs, cwd: string): string {
  const inputs = args.paths.filter((p) => p !== STDIN);
  return outputLocation(args.output!, inputs.length > 0 || args.paths.length > 0 ? inputs : ['.'], cwd);
}

function writeFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(`cannot write ${file} (${err.code ?? err.message})`);
  }
}
