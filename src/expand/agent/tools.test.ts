import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../model/source.js';
import { render } from '../../pipeline.js';
import { profileDefaults } from '../../settings/settings.js';
import { agentChainSteps, sandboxAgentUrl } from './tools.js';

describe('sandboxAgentUrl', () => {
  it('is the controller URL, then /api/a2a-sandboxes/<ns>/<name>', () => {
    expect(sandboxAgentUrl('http://kagent-controller.kagent:8083', 'research', 'data-lab')).toBe(
      'http://kagent-controller.kagent:8083/api/a2a-sandboxes/research/data-lab',
    );
  });

  it('follows a custom --controller-url without doubling its trailing slash', () => {
    expect(sandboxAgentUrl('https://ctl.example/', 'ns', 'runner')).toBe(
      'https://ctl.example/api/a2a-sandboxes/ns/runner',
    );
  });
});

describe('agent-tool chain check is linear', () => {
  /** `layers` layers of `width` Agents, each using every Agent of the next layer as a tool. */
  function layered(layers: number, width: number, extraTool?: string): SourceFile[] {
    const docs = [
      `apiVersion: kagent.dev/v1alpha2\nkind: ModelConfig\nmetadata:\n  name: m\n  namespace: ns\nspec:\n  provider: Ollama\n  model: llama3\n  ollama:\n    host: http://ollama:11434\n`,
    ];
    for (let l = 0; l < layers; l++) {
      for (let w = 0; w < width; w++) {
        const tools =
          l + 1 < layers
            ? Array.from(
                { length: width },
                (_, v) => `    - type: Agent\n      agent:\n        name: a${l + 1}-${v}\n`,
              ).join('')
            : '';
        const extra =
          l === layers - 1 && w === width - 1 && extraTool
            ? `    - type: Agent\n      agent:\n        name: ${extraTool}\n`
            : '';
        const toolBlock = tools + extra ? `    tools:\n${tools}${extra}` : '';
        docs.push(
          `apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: a${l}-${w}\n  namespace: ns\nspec:\n  type: Declarative\n  declarative:\n    modelConfig: m\n    systemMessage: hi\n${toolBlock}`,
        );
      }
    }
    return [{ path: 'in.yaml', text: docs.join('---\n') }];
  }

  it('10 layers × 8 Agents (10^8 paths): a few thousand steps, and the output renders', () => {
    agentChainSteps.count = 0;
    const r = render(layered(10, 8), profileDefaults('controller'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.rendered).toHaveLength(80);
    // 80 agents × 8 tools = 560 edges, walked from each agent's 8 tools: 1,088 steps (10^8 unmemoized).
    expect(agentChainSteps.count).toBeLessThan(2_000);
  });

  it('the memo keeps the diagnostics: a cycle from the last layer back to the first is still found at every agent', () => {
    agentChainSteps.count = 0;
    const r = render(layered(3, 8, 'a0-0'), profileDefaults('controller'));
    const chain = r.diagnostics.filter((d) => d.rule === 'agent-tool-chain');
    expect(chain.length).toBeGreaterThan(0);
    expect(chain[0]!.message).toMatch(
      /^cycle detected in agent tool chain: ns\/a0-0 -> ns\/a1-0 -> ns\/a2-7 -> ns\/a0-0$/,
    );
    expect(agentChainSteps.count).toBeLessThan(5_000);
  });

  it('a chain deeper than 10 is still reported with its path', () => {
    const r = render(layered(13, 2), profileDefaults('controller'));
    const chain = r.diagnostics.filter((d) => d.rule === 'agent-tool-chain');
    expect(chain.length).toBeGreaterThan(0);
    expect(chain[0]!.message).toMatch(
      /^recursion limit reached in agent tool chain: ns\/a0-0 -> ns\/a1-0 -> .* -> ns\/a11-0$/,
    );
  });
});
