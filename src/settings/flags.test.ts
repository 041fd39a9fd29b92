import { describe, expect, it } from 'vitest';
import { parseArgs, parseBuildArgs } from '../adapters/cli/args.js';
import { envName, SETTING_FLAGS } from './flags.js';
import { DEFAULT_SETTINGS } from './settings.js';

describe('SETTING_FLAGS', () => {
  it('has exactly one flag per settings key (SPEC §5: the same keys everywhere)', () => {
    expect(SETTING_FLAGS.map((f) => f.key).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('is what the CLI parses, for every kind', () => {
    const sample: Record<string, string> = {
      '--profile': 'controller',
      '--validate': 'warn',
      '--agent': 'ns/a',
      '--otel-env': 'A=1',
      '--default-agent-pod-labels': 'a=b',
      '--default-agent-node-selector': 'disk=ssd',
    };
    for (const f of SETTING_FLAGS) {
      const argv = f.kind === 'bool' ? [f.flag] : [f.flag, sample[f.flag] ?? 'x'];
      const parsed = parseBuildArgs(argv).settings as Record<string, unknown>;
      expect(parsed[f.key], f.flag).toEqual(
        f.kind === 'bool' ? true : f.kind === 'map' ? expect.any(Object) : f.kind === 'list' ? ['ns/a'] : argv[1],
      );
      if (f.kind === 'bool' && f.negated)
        expect((parseBuildArgs([f.negated]).settings as Record<string, unknown>)[f.key]).toBe(false);
    }
  });

  it('is what every command with settings parses, and records the flag as the source of each key', () => {
    for (const command of ['validate', 'graph', 'pre-commit'] as const) {
      expect(parseArgs(command, ['--proxy-url', 'http://p:1', '--allow-empty']).settings).toEqual({
        proxyUrl: 'http://p:1',
        allowEmpty: true,
      });
    }
    expect(parseBuildArgs(['--profile=controller', '--no-crd-defaults']).sources).toEqual({
      profile: 'flag --profile',
      crdDefaults: 'flag --no-crd-defaults',
    });
    expect(() => parseBuildArgs(['--keep-inputs=yes'])).toThrow('--keep-inputs takes no value');
    expect(() => parseBuildArgs(['--agent', 'helper'])).toThrow("--agent wants NAMESPACE/NAME, got 'helper'");
  });

  it('offers the controller knobs of reference §0 with the controller defaults', () => {
    const parsed = parseBuildArgs([
      '--mcp-egress-plaintext',
      '--default-agent-node-selector',
      'disk=ssd,zone=a',
      '--agent-bind-host',
      '::',
      '--ui-url',
      'https://kagent.example.com',
    ]).settings;
    expect(parsed).toMatchObject({
      mcpEgressPlaintext: true,
      defaultAgentNodeSelector: { disk: 'ssd', zone: 'a' },
      agentBindHost: '::',
      uiUrl: 'https://kagent.example.com',
    });
    expect(DEFAULT_SETTINGS).toMatchObject({
      mcpEgressPlaintext: false,
      defaultAgentNodeSelector: {},
      agentBindHost: '0.0.0.0',
      uiUrl: '',
    });
    expect(envName('mcpEgressPlaintext')).toBe('MCP_EGRESS_PLAINTEXT');
    expect(envName('defaultAgentNodeSelector')).toBe('DEFAULT_AGENT_NODE_SELECTOR');
  });

  it('spells environment variables in upper snake case', () => {
    expect(envName('defaultAgentPodLabels')).toBe('DEFAULT_AGENT_POD_LABELS');
    expect(envName('profile')).toBe('PROFILE');
  });
});
