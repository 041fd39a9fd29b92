/**
 * Argo CD config management plugin entry points (deploy/argocd/plugin.yaml):
 * - `kagent-render argocd discover`: prints the first file that makes the app path a kagent
 *   app (a `kagent-render.yaml`, or YAML holding a kagent.dev object) — the CMP server
 *   matches on exit 0 with non-empty stdout;
 * - `kagent-render argocd generate`: exactly `kagent-render build .` with settings from
 *   `kagent-render.yaml` and the Argo CD environment; YAML only on stdout.
 */
import fg from 'fast-glob';
import { UsageError } from '../../diagnostics/errors.js';
import type { CliIO } from '../io.js';
import { readFileCapped } from '../read-capped.js';
import { flagsFromArgoEnv } from './settings-env.js';

const KAGENT_OBJECT = /^apiVersion:\s*["']?kagent\.dev\/v1alpha[12]["']?\s*$/m;

export async function runArgocd(args: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = args;
  if (rest.length > 0) throw new UsageError(`argocd ${command ?? ''}: unexpected arguments: ${rest.join(' ')}`);
  if (command === 'discover') return discover(io);
  if (command === 'generate') {
    const { main } = await import('../cli/main.js');
    return main(['build', '.', ...flagsFromArgoEnv(io.env)], io);
  }
  throw new UsageError("usage: kagent-render argocd discover|generate");
}

async function discover(io: CliIO): Promise<number> {
  const candidates = await fg(['kagent-render.yaml', '**/*.yaml', '**/*.yml'], {
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
    if (KAGENT_OBJECT.test(text)) {
      io.stdout.write(`${file}\n`);
      return 0;
    }
  }
  return 0; // no match: empty stdout tells the CMP server this plugin does not apply
}
