/**
 * kustomize legacy exec plugin (`KUSTOMIZE_PLUGIN_HOME/render.kagent.dev/v1alpha1/kagentrender/KagentRender`):
 * argv[1] is the plugin config file (our KagentRender object), stdin the resources as a plain
 * multi-document stream (transformers). We wrap them in a ResourceList, run the KRM function
 * and print its ResourceList (kustomize inlines any *List's items). kustomize drops `results`;
 * the function's stderr carries the errors as text.
 */
import { UsageError } from '../../diagnostics/errors.js';
import { formatText } from '../../diagnostics/format.js';
import type { RuleId } from '../../diagnostics/rules.js';
import type { CliIO } from '../io.js';
import { INPUT_LIMIT_BYTES, readFdCapped, readFileCapped } from '../read-capped.js';
import { toYaml } from '../../emit/yaml.js';
import { parseSingleDocument, readDocuments } from '../../read/parse.js';
import { runKrm } from './main.js';

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
  // Read as kubectl reads YAML (1.1: `yes` is true, `0440` is 288, `<<` merges; JSON when it starts with {).
  const parsed = parseSingleDocument({ path: configFile, text: config.text });
  if (parsed.diagnostics.length > 0) {
    // The first syntax error only: the ones after it follow from it.
    const syntax = parsed.diagnostics.find((d) => d.rule === 'yaml-syntax' || d.rule === 'json-syntax');
    for (const d of syntax ? [syntax] : parsed.diagnostics) {
      const message =
        d.rule === 'yaml-syntax'
          ? `the plugin config is not valid YAML: ${d.message}`
          : `the plugin config: ${d.message}`;
      fail(d.file, d.rule, message, d.line, d.col);
    }
    return 1;
  }
  const functionConfig = parsed.value;
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
  // Every document as kubectl reads it (as the input files are read); all problems reported.
  const read = readDocuments({ path: '<stdin>', text: stdin.text });
  if (read.diagnostics.length > 0) {
    for (const d of read.diagnostics) io.stderr.write(`${formatText(d)}\n`);
    return 1;
  }
  // Written by our writer, which quotes what YAML 1.1 would re-type (`"yes"`, `"0440"`): runKrm reads 1.1.
  const list = toYaml({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items: read.docs.map((d) => d.value),
    functionConfig,
  });
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
