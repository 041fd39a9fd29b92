/**
 * kustomize legacy exec plugin (`KUSTOMIZE_PLUGIN_HOME/render.kagent.dev/v1alpha1/kagentrender/KagentRender`):
 * argv[1] is the plugin config file (our KagentRender object), stdin the resources as a plain
 * multi-document stream (transformers). We wrap them in a ResourceList, run the KRM function
 * and print its ResourceList (kustomize inlines any *List's items). kustomize drops `results`;
 * the function's stderr carries the errors as text.
 */
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { UsageError } from '../../diagnostics/errors.js';
import type { CliIO } from '../io.js';
import { runKrm } from './main.js';

export async function runKustomizePlugin(args: string[], io: CliIO): Promise<number> {
  const [configFile] = args;
  if (!configFile) throw new UsageError('usage: kagent-render kustomize-plugin CONFIG_FILE  (kustomize passes the plugin config file)');
  const functionConfig = parse(readFileSync(configFile, 'utf8'));
  let stdin = '';
  try {
    stdin = readFileSync(0, 'utf8');
  } catch {
    stdin = '';
  }
  const items = parseAllDocuments(stdin).map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
  const r = runKrm(stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig }, { lineWidth: 0 }));
  if (r.exitCode !== 0) {
    io.stderr.write(r.stderr);
    return 1;
  }
  io.stdout.write(r.stdout);
  return 0;
}
