/**
 * Argo CD config management plugin entry points (deploy/argocd/plugin.yaml):
 * - `kagent-render argocd discover`: prints the first file that makes the app path a kagent
 *   app (a `kagent-render.yaml`, or a YAML/JSON file holding a kagent.dev object) — the CMP
 *   server matches on exit 0 with non-empty stdout;
 * - `kagent-render argocd generate`: every manifest of the application on stdout — the
 *   rendered kagent objects, then the other Kubernetes objects of the app path as read (the
 *   KRM function's rule) — with settings from `kagent-render.yaml` (found as for `build`),
 *   plugin parameters and `ARGOCD_ENV_KAGENT_RENDER_*`. Nothing on stdout on any error, and
 *   an empty result is an error (auto-prune would delete the whole application) unless
 *   `allowEmpty`.
 */
import fg from 'fast-glob';
import { UsageError } from '../../diagnostics/errors.js';
import { toYamlStream } from '../../emit/yaml.js';
import { printDiagnostics, printSettings } from '../report.js';
import type { CliIO } from '../io.js';
import { readFileCapped } from '../read-capped.js';
import { renderTree, type RenderRequest } from '../run.js';
import { argoSettings } from './settings-env.js';

const KAGENT_OBJECT = /^\s*["']?apiVersion["']?\s*:\s*["']?kagent\.dev\/v1alpha[12]["']?\s*,?\s*$/m;

export async function runArgocd(args: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'discover' && rest.length === 0) return discover(io);
  if (command === 'generate' && rest.every((a) => a === '--print-settings')) {
    const { overrides, defaults } = argoSettings(io.env);
    const request: RenderRequest = { cwd: io.cwd, paths: [], overrides, defaults };
    if (rest.length > 0) return printSettings(request, io);
    const tree = await renderTree({ ...request, guardEmpty: 'all' });
    printDiagnostics(tree.diagnostics, false, io);
    if (tree.failed) return 1;
    io.stdout.write(toYamlStream([...tree.result.rendered.flatMap((r) => r.objects), ...tree.passThrough]));
    return 0;
  }
  if (command === 'discover' || command === 'generate')
    throw new UsageError(`argocd ${command}: unexpected arguments: ${rest.join(' ')}`);
  throw new UsageError('usage: kagent-render argocd discover|generate [--print-settings]');
}

async function discover(io: CliIO): Promise<number> {
  const candidates = await fg(['kagent-render.yaml', '**/*.yaml', '**/*.yml', '**/*.json'], {
    cwd: io.cwd,
    ignore: ['**/.git/**', '**/node_modules/**'],
    followSymbolicLinks: false,
    onlyFiles: true,
  });
  candidates.sort();
  if (candidates.includes('kagent-render.yaml')) {
    io.stdout.write('kagent-render.yaml\n');
    return 0;
  }
  for (const file of candidates) {
    // Within the input limit: a larger file is not read (generate would refuse it anyway).
    const read = readFileCapped(`${io.cwd}/${file}`, file);
    const text = read.ok ? read.text : '';
    if (
      KAGENT_OBJECT.test(text) ||
      (file.endsWith('.json') && /"apiVersion"\s*:\s*"kagent\.dev\/v1alpha[12]"/.test(text))
    ) {
      io.stdout.write(`${file}\n`);
      return 0;
    }
  }
  return 0; // no match: empty stdout tells the CMP server this plugin does not apply
}
