/**
 * The only composition of the core, top to bottom:
 * parse → validate (schema, CRD defaults, CEL, lint) → index (duplicates) → expand → check → order.
 * Pure: files and settings in, objects and diagnostics out. Adapters do all I/O.
 */
import { DiagnosticBag, type Diagnostic } from './diagnostics/diagnostic.js';
import type { RenderedSource } from './model/k8s.js';
import type { InputObject, SourceFile } from './model/source.js';
import type { Settings } from './settings/settings.js';
import { parseFiles } from './read/parse.js';
import { validateInputs } from './validate/index.js';
import { buildIndex } from './resolve/index.js';
import { expandMCPServer } from './expand/mcpserver/index.js';
import { expandAgent } from './expand/agent/index.js';
import { checkOutput } from './check/index.js';
import { orderSources } from './emit/order.js';

export interface RenderResult {
  /** Generated objects grouped by source, in output order. Empty when any error was found. */
  rendered: RenderedSource[];
  /** Every diagnostic of the run, sorted. */
  diagnostics: Diagnostic[];
  /** Every parsed input object (defaults applied), in file order: the KRM adapter needs them. */
  inputs: InputObject[];
  ok: boolean;
}

export function render(files: SourceFile[], settings: Settings): RenderResult {
  const bag = new DiagnosticBag();

  const parsed = parseFiles(files, settings.namespace);
  bag.addAll(parsed.diagnostics);

  const validated = validateInputs(parsed.objects, settings);
  bag.addAll(validated.diagnostics);

  // Where input validation already reported an error, expansion has nothing to add but noise.
  const invalidAt = new Set(validated.diagnostics.filter((d) => d.severity === 'error').map(positionKey));
  const addExpansion = (ds: Diagnostic[]) => bag.addAll(ds.filter((d) => !invalidAt.has(positionKey(d))));

  const { index, diagnostics: indexDiagnostics } = buildIndex(validated.objects);
  bag.addAll(indexDiagnostics);

  const selected = selectAgents(settings.agents);
  const rendered: RenderedSource[] = [];
  for (const obj of orderSources(validated.objects)) {
    if (obj.kind === 'MCPServer' && obj.apiVersion === 'kagent.dev/v1alpha1') {
      if (selected) continue; // --agent renders only the named Agents (SPEC §6)
      const out = expandMCPServer(obj, settings);
      addExpansion(out.diagnostics);
      rendered.push({ source: sourceOf(obj, 'MCPServer'), objects: out.objects });
    } else if (obj.kind === 'Agent' && obj.apiVersion === 'kagent.dev/v1alpha2') {
      if (selected && !selected.has(`${obj.namespace}/${obj.name}`)) continue;
      const out = expandAgent(obj, index, settings);
      addExpansion(out.diagnostics);
      rendered.push({ source: sourceOf(obj, 'Agent'), objects: out.objects });
    }
  }
  if (selected) {
    for (const wanted of selected) {
      const [ns, name] = wanted.split('/');
      if (!index.get('Agent', ns, name)) bag.add(missingAgentDiagnostic(wanted));
    }
  }

  if (!bag.hasErrors()) bag.addAll(checkOutput(rendered, index));

  const ok = !bag.hasErrors();
  return { rendered: ok ? rendered : [], diagnostics: bag.sorted(), inputs: validated.objects, ok };
}

function positionKey(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}`;
}

function sourceOf(obj: InputObject, kind: 'Agent' | 'MCPServer'): RenderedSource['source'] {
  return { apiVersion: obj.apiVersion, kind, namespace: obj.namespace, name: obj.name };
}

function selectAgents(agents: string[]): Set<string> | undefined {
  return agents.length > 0 ? new Set(agents) : undefined;
}

function missingAgentDiagnostic(wanted: string): Diagnostic {
  return {
    rule: 'agent-not-found',
    severity: 'error',
    message: `--agent ${wanted}: no Agent with that namespace/name in the input`,
    file: '<command line>',
    line: 1,
    col: 1,
  };
}
