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
import { validateInputs } from './validate/inputs.js';
import { buildIndex } from './index/objects.js';
import { expandMCPServer } from './expand/mcpserver/index.js';
import { expandAgent } from './expand/agent/index.js';
import { checkOutput } from './check/output.js';
import { orderSources } from './emit/order.js';
import { kmcpRefusalSeverity } from './expand/profile.js';
import type { RuleId } from './diagnostics/rules.js';

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
  const selected = selectAgents(settings.agents);
  // With --agent, a kmcp refusal of an MCPServer no selected Agent uses cannot fail the run (SPEC §4).
  const used = selected && usedMCPServers(validated.objects, selected);
  const validation = validated.diagnostics
    .filter(
      (d) =>
        !(
          used &&
          KMCP_REFUSALS.has(d.rule) &&
          d.object?.kind === 'MCPServer' &&
          !used.has(`${d.object.namespace}/${d.object.name}`)
        ),
    )
    .map((d) => asKmcpRefusal(d, settings));
  bag.addAll(validation);

  // Where input validation already reported an error, expansion has nothing to add but noise.
  const invalidAt = new Set(validation.filter((d) => d.severity === 'error').map(positionKey));
  const addExpansion = (ds: Diagnostic[]) => bag.addAll(ds.filter((d) => !invalidAt.has(positionKey(d))));

  const { index, diagnostics: indexDiagnostics } = buildIndex(validated.objects);
  bag.addAll(indexDiagnostics);

  const rendered: RenderedSource[] = [];
  for (const obj of orderSources(validated.objects)) {
    if (obj.kind === 'MCPServer' && obj.apiVersion === 'kagent.dev/v1alpha1') {
      if (selected) continue; // --agent renders only the named Agents (SPEC §6)
      const out = expandMCPServer(obj, settings);
      addExpansion(out.diagnostics.map((d) => asKmcpRefusal(d, settings)));
      // A server kmcp refuses has no objects of its own; Agents that use it are translated all the same.
      if (out.objects.length > 0) rendered.push({ source: sourceOf(obj, 'MCPServer'), objects: out.objects });
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

/** What kmcp's reconcile refuses (kmcp.md §2.9), reported on the MCPServer itself. */
export const KMCP_REFUSALS: ReadonlySet<RuleId> = new Set<RuleId>([
  'mcpserver-transport-required',
  'mcpserver-transport-unsupported',
  'mcpserver-image-required',
  'mcpserver-port-required',
  'mcpserver-target-port-required',
]);

/** A kmcp refusal of an MCPServer takes the profile's severity; kagent's own errors (the Agent's tool port) do not. */
function asKmcpRefusal(d: Diagnostic, settings: Settings): Diagnostic {
  if (!KMCP_REFUSALS.has(d.rule) || d.object?.kind !== 'MCPServer' || d.severity !== 'error') return d;
  const severity = kmcpRefusalSeverity(settings);
  return severity === d.severity ? d : { ...d, severity };
}

/** `namespace/name` of every MCPServer a tool of the selected Agents names (kagent's group/kind rules). */
function usedMCPServers(objects: readonly InputObject[], selected: Set<string>): Set<string> {
  const used = new Set<string>();
  for (const o of objects) {
    if (o.kind !== 'Agent' || !selected.has(`${o.namespace}/${o.name}`)) continue;
    const tools = (o.body.spec as { declarative?: { tools?: unknown } } | undefined)?.declarative?.tools;
    for (const t of Array.isArray(tools) ? tools : []) {
      const ref = (t as { mcpServer?: Record<string, unknown> } | null)?.mcpServer;
      if (
        !ref ||
        !['', 'MCPServer'].includes(String(ref.kind ?? '')) ||
        !['', 'kagent.dev'].includes(String(ref.apiGroup ?? ''))
      )
        continue;
      used.add(`${ref.namespace || o.namespace}/${String(ref.name ?? '')}`);
    }
  }
  return used;
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
