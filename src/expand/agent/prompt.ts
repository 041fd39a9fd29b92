/**
 * System message prompt templates (reference §3.8; kagent v0.10.0-rc3 translator/agent
 * template.go): when `promptTemplate.dataSources` is non-empty the raw system message is run
 * as a Go text/template whose only added function is `include "<alias or name>/<key>"`
 * (a key of a data-source ConfigMap) and whose data is the agent's name, namespace,
 * description, tool names and skill names.
 */
import { goQuote } from '../../go/template/quote.js';
import { executeTemplate, FuncError, GoFunc, GoStruct, type GoValue } from '../../go/template/index.js';
import type { FieldPath } from '../../model/source.js';
import type { AgentContext } from './context.js';

type Obj = Record<string, any>;

/**
 * The name the template is parsed under; Go puts it in every message
 * (`template: system-message:1: ...`). The reference does not give upstream's name.
 */
export const TEMPLATE_NAME = 'system-message';

/**
 * Go type of the template data as reflect names it in messages (`can't evaluate field X in
 * type ...`); the reference does not name upstream's struct, this is its likely name.
 */
const DATA_TYPE = 'agent.PromptTemplateContext';

/** What `.AgentName`, `.AgentNamespace`, `.Description`, `.ToolNames`, `.SkillNames` are. */
export interface PromptData {
  agentName: string;
  agentNamespace: string;
  description: string;
  toolNames: string[];
  skillNames: string[];
}

/** `.ToolNames`: the tool filters of http_tools, then of sse_tools, in order (reference §3.8). */
export function toolNamesOf(httpTools: Obj[], sseTools: Obj[]): string[] {
  return [...httpTools, ...sseTools].flatMap((t) => (Array.isArray(t.tools) ? t.tools.map(String) : []));
}

/**
 * The system message the agent runs with: `raw` itself, or, with data sources, `raw`
 * executed as a template. Undefined after reporting why. `rawPath` is where the message came
 * from (systemMessage or systemMessageFrom), for template errors.
 */
export function renderSystemMessage(
  ctx: AgentContext,
  decl: Obj,
  raw: string,
  rawPath: FieldPath,
  data: PromptData,
): string | undefined {
  const sources: unknown = decl.promptTemplate?.dataSources;
  if (!Array.isArray(sources) || sources.length === 0) return raw;
  const fragments = resolvePromptSources(ctx, sources);
  const result = executeTemplate(TEMPLATE_NAME, raw, templateData(data), [includeFunc(fragments ?? new Map())]);
  if (result.ok) return result.text;
  if (result.stage === 'limit') {
    ctx.error(rawPath, 'template-limit', `system message template: ${result.error}; simplify the template`);
    return undefined;
  }
  // After another error (a missing ConfigMap, model or tool) the template's data is incomplete:
  // report only what does not depend on it, the parse.
  if (result.stage === 'parse' || ctx.diagnostics.length === 0) {
    ctx.error(rawPath, 'agent-prompt-template', `failed to execute system message template: ${result.error}`);
  }
  return undefined;
}

/**
 * `<identifier>/<key>` → value for every key of every data-source ConfigMap, identifier =
 * alias or name. Every problem is reported; undefined if there was one.
 */
function resolvePromptSources(ctx: AgentContext, sources: unknown[]): Map<string, string> | undefined {
  const base = ['spec', 'declarative', 'promptTemplate', 'dataSources'];
  const fragments = new Map<string, string>();
  const seen = new Set<string>();
  let ok = true;
  sources.forEach((raw, i) => {
    const src: Obj = raw && typeof raw === 'object' ? (raw as Obj) : {};
    const name = String(src.name ?? '');
    const identifier = src.alias ? String(src.alias) : name;
    if (seen.has(identifier)) {
      ctx.error(
        [...base, i, src.alias ? 'alias' : 'name'],
        'agent-prompt-template',
        `failed to resolve prompt sources: duplicate prompt template identifier ${goQuote(identifier)}; give one of the data sources another alias`,
      );
      ok = false;
      return;
    }
    seen.add(identifier);
    const kind = String(src.kind ?? '');
    const group = String(src.apiGroup ?? '');
    if ((kind !== 'ConfigMap' && kind !== '') || group !== '') {
      ctx.error(
        [...base, i, kind !== 'ConfigMap' && kind !== '' ? 'kind' : 'apiGroup'],
        'agent-prompt-template',
        `failed to resolve prompt sources: failed to resolve prompt source ${goQuote(name)}: unsupported prompt source kind ${goQuote(kind)} (apiGroup ${goQuote(group)}); use kind: ConfigMap`,
      );
      ok = false;
      return;
    }
    const cm = ctx.index.get('ConfigMap', ctx.agent.namespace, name);
    if (!cm) {
      ctx.error(
        [...base, i, 'name'],
        'ref-missing',
        `failed to resolve prompt sources: failed to resolve prompt source ${goQuote(name)}: configmaps ${goQuote(name)} not found; add ConfigMap ${ctx.agent.namespace}/${name} to the input or fix the name`,
      );
      ok = false;
      return;
    }
    const cmData: Obj = (cm.body as Obj).data ?? {};
    for (const key of Object.keys(cmData)) fragments.set(`${identifier}/${key}`, String(cmData[key]));
  });
  return ok ? fragments : undefined;
}

/** kagent's `include`: the fragment, or an error naming every fragment there is (sorted, as Go's %v of a sorted slice). */
function includeFunc(fragments: ReadonlyMap<string, string>): GoFunc {
  return new GoFunc(
    'include',
    (path) => {
      const value = fragments.get(path as string);
      if (value === undefined) {
        const available = [...fragments.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        throw new FuncError(
          `prompt template ${goQuote(path as string)} not found in promptSources, available: [${available.join(' ')}]`,
        );
      }
      return value;
    },
    ['string'],
    false,
  );
}

function templateData(d: PromptData): GoValue {
  return new GoStruct(
    DATA_TYPE,
    new Map<string, GoValue>([
      ['AgentName', d.agentName],
      ['AgentNamespace', d.agentNamespace],
      ['Description', d.description],
      ['ToolNames', d.toolNames],
      ['SkillNames', d.skillNames],
    ]),
  );
}
