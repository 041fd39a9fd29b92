import { describe, expect, it } from 'vitest';
import type { InputObject } from '../../model/source.js';
import { buildIndex } from '../../index/objects.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { AgentContext } from './context.js';
import { renderSystemMessage, toolNamesOf, type PromptData } from './prompt.js';

function obj(apiVersion: string, kind: string, name: string, rest: Record<string, unknown>): InputObject {
  return {
    apiVersion,
    kind,
    namespace: 'ns',
    name,
    body: { apiVersion, kind, metadata: { name, namespace: 'ns' }, ...rest },
    origin: { file: 'x.yaml', index: 0, at: () => ({ file: 'x.yaml', line: 1, col: 1 }) },
  };
}

const agent = obj('kagent.dev/v1alpha2', 'Agent', 'helper', { spec: {} });
const configMaps = [
  obj('v1', 'ConfigMap', 'library', { data: { tone: 'Be brief.', rules: 'No deletes.' } }),
  obj('v1', 'ConfigMap', 'team', { data: { intro: 'Hi <team> & co.' } }),
];
const data: PromptData = {
  agentName: 'helper',
  agentNamespace: 'ns',
  description: 'desc',
  toolNames: ['a', 'b'],
  skillNames: [],
};
const message = ['spec', 'declarative', 'systemMessage'];

function run(decl: Record<string, unknown>, raw: string, before?: (ctx: AgentContext) => void) {
  const ctx = new AgentContext(agent, buildIndex([agent, ...configMaps]).index, DEFAULT_SETTINGS);
  before?.(ctx);
  const text = renderSystemMessage(ctx, decl, raw, message, data);
  return { text, diagnostics: ctx.diagnostics.map((d) => ({ rule: d.rule, field: d.field, message: d.message })) };
}

const sources = (...s: object[]) => ({ promptTemplate: { dataSources: s } });

describe('toolNamesOf', () => {
  it('lists the tool filters of http tools, then of SSE tools; a server with no filter adds none', () => {
    expect(toolNamesOf([{ tools: ['x', 'y'] }, { params: {} }], [{ tools: ['z'] }])).toEqual(['x', 'y', 'z']);
    expect(toolNamesOf([], [])).toEqual([]);
  });
});

describe('renderSystemMessage', () => {
  it('uses the message verbatim without data sources, template syntax and all', () => {
    expect(run({}, '{{ if }}').text).toBe('{{ if }}');
    expect(run({ promptTemplate: {} }, '{{ .AgentName }}').text).toBe('{{ .AgentName }}');
    expect(run(sources(), '{{ .AgentName }}').text).toBe('{{ .AgentName }}');
  });

  it('includes fragments by alias or by name and sees the agent data', () => {
    const r = run(
      sources({ kind: 'ConfigMap', name: 'library', alias: 'lib' }, { name: 'team' }),
      '{{include "lib/tone"}} {{include "team/intro"}} {{.AgentName}}/{{.AgentNamespace}} {{.Description}} {{.ToolNames}} {{.SkillNames}}',
    );
    expect(r).toEqual({ text: 'Be brief. Hi <team> & co. helper/ns desc [a b] []', diagnostics: [] });
  });

  it('names every fragment, sorted, when an include misses', () => {
    const r = run(sources({ name: 'team' }, { name: 'library', alias: 'lib' }), 'x\n  {{ include "lib/nope" }}');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics).toEqual([
      {
        rule: 'agent-prompt-template',
        field: 'spec.declarative.systemMessage',
        message:
          'failed to execute system message template: template: system-message:2:5: executing "system-message" at <include "lib/nope">: error calling include: prompt template "lib/nope" not found in promptSources, available: [lib/rules lib/tone team/intro]',
      },
    ]);
  });

  it('reports a duplicate identifier at the source that repeats it', () => {
    const r = run(sources({ name: 'library', alias: 'team' }, { name: 'team' }), 'x');
    expect(r.diagnostics).toEqual([
      {
        rule: 'agent-prompt-template',
        field: 'spec.declarative.promptTemplate.dataSources.1.name',
        message:
          'failed to resolve prompt sources: duplicate prompt template identifier "team"; give one of the data sources another alias',
      },
    ]);
  });

  it('reports a missing ConfigMap as ref-missing and runs no template on the incomplete fragments', () => {
    const r = run(sources({ name: 'library' }, { name: 'gone' }), '{{ include "gone/x" }}');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.rule, d.field])).toEqual([
      ['ref-missing', 'spec.declarative.promptTemplate.dataSources.1.name'],
    ]);
  });

  it('rejects a data source that is not a ConfigMap', () => {
    const r = run(
      sources({ kind: 'Secret', name: 'library' }, { kind: 'ConfigMap', apiGroup: 'example.com', name: 'team' }),
      'x',
    );
    expect(r.diagnostics.map((d) => [d.rule, d.field])).toEqual([
      ['agent-prompt-template', 'spec.declarative.promptTemplate.dataSources.0.kind'],
      ['agent-prompt-template', 'spec.declarative.promptTemplate.dataSources.1.apiGroup'],
    ]);
  });

  it('after an earlier error reports parse errors but not execution errors (the data may be incomplete)', () => {
    const earlier = (ctx: AgentContext) => ctx.error(['spec'], 'ref-missing', 'earlier');
    expect(run(sources({ name: 'library' }), '{{ index .ToolNames 5 }}', earlier).diagnostics).toHaveLength(1);
    const parse = run(sources({ name: 'library' }), '{{ if }}', earlier).diagnostics;
    expect(parse[1]).toEqual({
      rule: 'agent-prompt-template',
      field: 'spec.declarative.systemMessage',
      message: 'failed to execute system message template: template: system-message:1: missing value for if',
    });
  });
});
