import { describe, expect, it } from 'vitest';
import { parseSettings, SETTINGS_KEYS } from './parse.js';
import { DEFAULT_SETTINGS } from './settings.js';

describe('settings', () => {
  it('schemas/settings.json names exactly the keys of the Settings type', () => {
    expect(Object.keys(SETTINGS_KEYS).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it('types the controller knobs (boolean, map, strings)', () => {
    const ok = parseSettings(
      { mcpEgressPlaintext: true, defaultAgentNodeSelector: { disk: 'ssd' }, agentBindHost: '::', uiUrl: 'https://ui' },
      'k.yaml',
    );
    expect(ok.diagnostics).toEqual([]);
    const bad = parseSettings({ mcpEgressPlaintext: 'on', defaultAgentNodeSelector: ['disk=ssd'] }, 'k.yaml');
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      "setting 'mcpEgressPlaintext' must be true or false",
      "setting 'defaultAgentNodeSelector' must be a map of strings",
    ]);
  });

  it('accepts valid values and reports each bad key with a message naming what it wants', () => {
    const ok = parseSettings({ profile: 'controller', otelEnv: { OTEL_A: '1' }, agents: ['ns/a'] }, 'k.yaml');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.settings).toEqual({ profile: 'controller', otelEnv: { OTEL_A: '1' }, agents: ['ns/a'] });
    const bad = parseSettings({ profile: 'cluster', keepInputs: 'yes', nope: 1 }, 'k.yaml');
    expect(bad.diagnostics.map((d) => d.message)).toEqual([
      "setting 'profile' must be one of gitops, controller",
      "setting 'keepInputs' must be true or false",
      expect.stringContaining("unknown setting 'nope'"),
    ]);
  });
});
