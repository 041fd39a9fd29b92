/**
 * Fuzzing the core with fast-check (seeds fixed; fast-check prints seed and path on failure):
 *  - generated repositories that are valid by the CRD schemas always render, the output
 *    passes our output schemas and invariants (the pipeline's own check), and renders the
 *    same bytes twice;
 *  - mutated documents (deletions, insertions, truncations, type swaps) always end in output
 *    or diagnostics that are well-formed — never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/diagnostics/rules.js';
import { toYaml, toYamlStream } from '../../src/emit/yaml.js';
import type { SourceFile } from '../../src/model/source.js';
import { render } from '../../src/pipeline.js';
import { resolveSettings } from '../../src/settings/settings.js';

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/);
const namespace = fc.constantFrom('default', 'team-a', 'kagent');
const text = fc.string({ maxLength: 60 });

interface Repo {
  files: SourceFile[];
}

const repo: fc.Arbitrary<Repo> = fc
  .record({
    ns: namespace,
    provider: fc.constantFrom('OpenAI', 'Anthropic'),
    servers: fc.uniqueArray(
      fc.record({
        name: label,
        http: fc.boolean(),
        port: fc.integer({ min: 1, max: 65535 }),
        tls: fc.option(
          fc.record({
            secretRef: fc.stringMatching(/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/),
            insecureSkipVerify: fc.boolean(),
          }),
          { nil: undefined },
        ),
        args: fc.array(text, { maxLength: 3 }),
      }),
      { selector: (s) => s.name, minLength: 1, maxLength: 4 },
    ),
    agents: fc.uniqueArray(
      fc.record({
        name: label,
        systemMessage: fc.string({ minLength: 1, maxLength: 200 }),
        description: fc.option(text, { nil: undefined }),
        uses: fc.array(fc.nat(), { maxLength: 3 }),
        tools: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z_-]{0,10}$/), { minLength: 1, maxLength: 3 }),
      }),
      {
        selector: (a) => a.name,
        minLength: 1,
        maxLength: 4,
      },
    ),
  })
  // An Agent and an MCPServer of one name would both make Deployment <name>: not valid input.
  .filter((r) => !r.agents.some((a) => r.servers.some((s) => s.name === a.name)))
  .map(({ ns, provider, servers, agents }) => {
    const docs: unknown[] = [
      {
        apiVersion: 'kagent.dev/v1alpha2',
        kind: 'ModelConfig',
        metadata: { name: 'model', namespace: ns },
        spec: { provider, model: 'm', apiKeySecret: 'key', apiKeySecretKey: 'k' },
      },
    ];
    for (const s of servers) {
      const spec: Record<string, unknown> = s.http
        ? {
            transportType: 'http',
            deployment: { image: 'ghcr.io/example/mcp:1', port: s.port, args: s.args },
            httpTransport: { targetPort: s.port, path: '/mcp', ...(s.tls ? { tls: s.tls } : {}) },
          }
        : {
            transportType: 'stdio',
            stdioTransport: {},
            deployment: { image: 'ghcr.io/example/mcp:1', cmd: 'mcp', args: s.args },
          };
      docs.push({
        apiVersion: 'kagent.dev/v1alpha1',
        kind: 'MCPServer',
        metadata: { name: s.name, namespace: ns },
        spec,
      });
    }
    for (const a of agents) {
      const tools = [...new Set(a.uses.map((i) => servers[i % servers.length]!.name))].map((name) => ({
        type: 'McpServer',
        mcpServer: { apiGroup: 'kagent.dev', kind: 'MCPServer', name, toolNames: a.tools },
      }));
      docs.push({
        apiVersion: 'kagent.dev/v1alpha2',
        kind: 'Agent',
        metadata: { name: a.name, namespace: ns },
        spec: {
          type: 'Declarative',
          ...(a.description !== undefined ? { description: a.description } : {}),
          declarative: { modelConfig: 'model', systemMessage: a.systemMessage, tools },
        },
      });
    }
    return { files: [{ path: 'repo.yaml', text: docs.map((d) => `---\n${toYaml(d)}`).join('') }] };
  });

const settings = resolveSettings({});

describe('fuzzing', () => {
  it('valid generated repositories render, pass the output checks, and render the same bytes twice (seeded)', () => {
    fc.assert(
      fc.property(repo, ({ files }) => {
        const first = render(files, settings);
        expect(
          first.diagnostics.filter((d) => d.severity === 'error'),
          files[0]!.text,
        ).toEqual([]);
        expect(first.ok).toBe(true);
        const out = toYamlStream(first.rendered.flatMap((r) => r.objects));
        expect(toYamlStream(render(files, settings).rendered.flatMap((r) => r.objects))).toBe(out);
      }),
      { seed: Number(process.env.SEED ?? 8), numRuns: Number(process.env.RUNS ?? 100) },
    );
  });

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.constantFrom(
        ': ',
        '- ',
        '\n',
        '\n  ',
        '#',
        '"',
        "'",
        '[',
        '{',
        '&a ',
        '*a ',
        '!!int ',
        '\t',
        '---\n',
        '|\n',
        'null',
        '0777',
        '~',
      ),
    }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('retype' as const),
      at: fc.nat(),
      value: fc.constantFrom('[]', '{}', '1', 'true', 'null', '"x"', '[1, 2]', '{a: 1}'),
    }),
  );

  it('mutated documents end in output or well-formed diagnostics, never an exception (seeded)', () => {
    fc.assert(
      fc.property(repo, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ files }, edits) => {
        let t = files[0]!.text;
        for (const e of edits) {
          const i = e.at % (t.length + 1);
          if (e.kind === 'delete') t = t.slice(0, i) + t.slice(i + e.length);
          else if (e.kind === 'insert') t = t.slice(0, i) + e.text + t.slice(i);
          else if (e.kind === 'truncate') t = t.slice(0, i);
          else {
            // Replace the value after the next `: ` with another type.
            const colon = t.indexOf(': ', i);
            const eol = colon === -1 ? -1 : t.indexOf('\n', colon);
            if (eol !== -1) t = `${t.slice(0, colon + 2)}${e.value}${t.slice(eol)}`;
          }
        }
        const result = render([{ path: 'repo.yaml', text: t }], settings);
        for (const d of result.diagnostics) {
          expect(Object.keys(RULES)).toContain(d.rule);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.message).not.toMatch(/undefined|\[object Object\]|NaN/);
        }
        if (!result.ok) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { seed: Number(process.env.SEED ?? 9), numRuns: Number(process.env.RUNS ?? 500) },
    );
  });
});
