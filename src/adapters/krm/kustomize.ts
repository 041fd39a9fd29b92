/**
 * kustomize legacy exec plugin (`KUSTOMIZE_PLUGIN_HOME/render.kagent.dev/v1alpha1/kagentrender/KagentRender`):
 * argv[1] is the plugin config file (our KagentRender object), stdin the resources as a plain
 * multi-document stream (transformers). We wrap them in a ResourceList, run the KRM function
 * and print its ResourceList (kustomize inlines any *List's items). kustomize drops `results`;
 * the function's stderr carries the errors as text.
 */
import { parseAllDocuments, parseDocument, stringify } from 'yaml';
import { UsageError } from '../../diagnostics/errors.js';
import { formatText } from '../../diagnostics/format.js';
import type { RuleId } from '../../diagnostics/rules.js';
import type { CliIO } from '../io.js';
import { INPUT_LIMIT_BYTES, readFdCapped, readFileCapped } from '../read-capped.js';
import { runKrm } from './main.js';

const MAX_ALIASES = 100;

export async function runKustomizePlugin(args: string[], io: CliIO): Promise<number> {
  const [configFile] = args;
  if (!configFile)
    throw new UsageError(
      'usage: kagent-render kustomize-plugin CONFIG_FILE  (kustomize passes the plugin config file)',
    );
  const fail = (file: string, rule: RuleId, message: string, line = 1, col = 1) => {
    io.stderr.write(`${formatText({ rule, severity: 'error', message, file, line, col })}\n`);
    return 1;
  };
  const config = readFileCapped(configFile, 'the plugin config');
  if (!config.ok)
    return fail(
      configFile,
      config.problem.includes('input limit') ? 'read-file-too-large' : 'read-unreadable',
      config.problem,
    );
  const doc = parseDocument(config.text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const [line, col] = lineCol(config.text, error.pos[0]);
    return fail(
      configFile,
      'yaml-syntax',
      'the plugin config is not valid YAML; fix the syntax at this position',
      line,
      col,
    );
  }
  let functionConfig: unknown;
  try {
    functionConfig = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return fail(
      configFile,
      'yaml-alias-limit',
      `the plugin config expands more than ${MAX_ALIASES} aliases; remove the alias chain`,
    );
  }
  if (!functionConfig || typeof functionConfig !== 'object' || Array.isArray(functionConfig)) {
    return fail(
      configFile,
      'settings-invalid',
      'the plugin config must be a KagentRender object (apiVersion render.kagent.dev/v1alpha1, kind KagentRender)',
    );
  }
  const stdin = readFdCapped(0, 'the resources on stdin');
  if (!stdin.ok)
    return fail(
      '<stdin>',
      stdin.problem.includes('input limit') ? 'read-file-too-large' : 'read-unreadable',
      stdin.problem,
    );
  let items: unknown[];
  try {
    const docs = parseAllDocuments(stdin.text, { prettyErrors: false });
    const bad = docs.find((d) => d.errors.length > 0);
    if (bad) {
      const [line, col] = lineCol(stdin.text, bad.errors[0]!.pos[0]);
      return fail('<stdin>', 'yaml-syntax', 'the resources kustomize passed are not valid YAML', line, col);
    }
    items = docs.map((d) => d.toJS({ maxAliasCount: MAX_ALIASES })).filter((o) => o && typeof o === 'object');
  } catch {
    return fail(
      '<stdin>',
      'yaml-alias-limit',
      `the resources on stdin expand more than ${MAX_ALIASES} aliases; remove the alias chain`,
    );
  }
  const list = stringify(
    { apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, functionConfig },
    { lineWidth: 0 },
  );
  if (Buffer.byteLength(list) > INPUT_LIMIT_BYTES * 2)
    return fail('<stdin>', 'read-file-too-large', 'the resources on stdin expand past the input limit');
  const r = runKrm(list);
  if (r.exitCode !== 0) {
    io.stderr.write(r.stderr);
    return 1;
  }
  io.stdout.write(r.stdout);
  return 0;
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return [before.split('\n').length, offset - nl];
}
