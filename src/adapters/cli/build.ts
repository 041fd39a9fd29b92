/** `build`, `validate` and `graph`: discover → render → print or write. */
import path from 'node:path';
import { DiagnosticBag, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatText } from '../../diagnostics/format.js';
import { planOutputTree } from '../../emit/files.js';
import { toJsonList } from '../../emit/json.js';
import { toYamlStream } from '../../emit/yaml.js';
import { renderGraph } from '../../graph/mermaid.js';
import { render } from '../../pipeline.js';
import { discover } from '../../read/discover.js';
import { resolveSettings, type Settings } from '../../settings/settings.js';
import type { CliIO } from '../io.js';
import { parseBuildArgs } from './args.js';
import { checkTree, outputLocation, writeTree } from './write.js';

type SettingsLoader = (cwd: string) => Promise<{ settings: Record<string, unknown>; diagnostics: Diagnostic[] }>;

export async function runBuild(command: 'build' | 'validate' | 'graph', argv: string[], io: CliIO, loadSettings: SettingsLoader): Promise<number> {
  const args = parseBuildArgs(argv);
  const fromFile = await loadSettings(io.cwd);
  // Profile first, so a profile chosen anywhere seeds the rows the other sources leave open.
  const merged = { ...fromFile.settings, ...args.settings } as Partial<Settings>;
  const settings = resolveSettings(merged);
  // Real paths on both sides: DIR may not be a link, nor contain an input; the walk skips DIR
  // however an input path reaches it.
  const exclude = args.output ? [args.output, outputLocation(args.output, args.paths.length > 0 ? args.paths : ['.'], io.cwd)] : [];
  const { files, diagnostics: readDiagnostics } = await discover(args.paths, { cwd: io.cwd, exclude });
  const result = render(files, settings);
  const diagnostics = [...fromFile.diagnostics, ...readDiagnostics, ...result.diagnostics];
  for (const d of sortDiagnostics(diagnostics)) io.stderr.write(`${formatText(d)}\n`);
  const failed = diagnostics.some((d) => d.severity === 'error');

  if (command === 'graph') {
    io.stdout.write(renderGraph(result.inputs));
    return 0;
  }
  if (failed) return 1;
  if (command === 'validate') return 0;

  if (args.output) {
    const dir = path.resolve(io.cwd, args.output);
    const tree = planOutputTree(result.rendered);
    if (args.check) {
      const check = checkTree(dir, tree, args.output);
      for (const w of check.warnings) io.stderr.write(`kagent-render: ${w}\n`);
      for (const p of check.problems) io.stderr.write(`kagent-render: error: ${p}\n`);
      if (check.diff) io.stdout.write(check.diff);
      if (check.diff || check.problems.length > 0) {
        io.stderr.write(`kagent-render: ${args.output} is out of date; run kagent-render build ${[...args.paths, '-o', args.output].join(' ')}\n`);
        return 1;
      }
      return 0;
    }
    await writeTree(dir, tree, { shown: args.output, note: (m) => io.stderr.write(`kagent-render: ${m}\n`) });
    return 0;
  }
  const objects = result.rendered.flatMap((r) => r.objects);
  io.stdout.write(args.format === 'json' ? toJsonList(objects) : toYamlStream(objects));
  return 0;
}

function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const bag = new DiagnosticBag();
  bag.addAll(ds);
  return bag.sorted();
}
