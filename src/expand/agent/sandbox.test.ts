import { describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../model/input.js';
import {
  agentSecurityContext,
  needsCodeIsolation,
  needsSrtSettings,
  networkConfig,
  srtSettingsJson,
} from './sandbox.js';

describe('needsSrtSettings', () => {
  it('is true for a Declarative agent with skills (even empty) or executeCodeBlocks: true', () => {
    expect(needsSrtSettings({ skills: {} }, false)).toBe(true);
    expect(needsSrtSettings({ declarative: { executeCodeBlocks: true } }, false)).toBe(true);
  });

  it('is false for executeCodeBlocks: false, a sandbox alone, or skills: null on a Declarative agent', () => {
    expect(needsSrtSettings({ declarative: { executeCodeBlocks: false } }, false)).toBe(false);
    expect(needsSrtSettings({ sandbox: { network: {} } }, false)).toBe(false);
    // A YAML `skills: null` is a value the generated type (no null) does not describe.
    expect(needsSrtSettings({ skills: null } as unknown as AgentSpec, false)).toBe(false);
  });

  it('follows spec.sandbox for a BYO agent', () => {
    expect(needsSrtSettings({ sandbox: {} }, true)).toBe(true);
    expect(needsSrtSettings({ skills: {} }, true)).toBe(false);
  });
});

describe('needsCodeIsolation', () => {
  it('needs at least one skill ref, or executed code blocks', () => {
    expect(needsCodeIsolation({ skills: {} })).toBe(false);
    expect(needsCodeIsolation({ skills: { refs: [] } })).toBe(false);
    expect(needsCodeIsolation({ skills: { s3Refs: [{ uri: 's3://b/k' }] } })).toBe(true);
    expect(needsCodeIsolation({ declarative: { executeCodeBlocks: true } })).toBe(true);
  });
});

describe('srtSettingsJson', () => {
  it('is compact JSON with sorted keys and empty lists by default', () => {
    expect(srtSettingsJson({})).toBe(
      '{"filesystem":{"allowWrite":[".","/tmp"],"denyRead":[],"denyWrite":[]},"network":{"allowedDomains":[],"deniedDomains":[]}}',
    );
  });

  it('keeps the allowed domains in the given order, Go-escaped', () => {
    const json = srtSettingsJson({ sandbox: { network: { allowedDomains: ['z.example', 'a&b.example'] } } });
    expect(json).toContain('"allowedDomains":["z.example","a\\u0026b.example"]');
  });
});

describe('networkConfig', () => {
  it('is absent without spec.sandbox.network, {} without domains, allowed_domains otherwise', () => {
    expect(networkConfig({ sandbox: {} })).toBeUndefined();
    expect(networkConfig({ sandbox: { network: {} } })).toEqual({});
    expect(networkConfig({ sandbox: { network: { allowedDomains: [] } } })).toEqual({});
    expect(networkConfig({ sandbox: { network: { allowedDomains: ['pypi.org'] } } })).toEqual({
      allowed_domains: ['pypi.org'],
    });
  });
});

describe('agentSecurityContext', () => {
  it('leaves the user securityContext alone without isolation', () => {
    expect(agentSecurityContext(undefined, false)).toBeUndefined();
    expect(agentSecurityContext({ runAsUser: 1 }, false)).toEqual({ runAsUser: 1 });
  });

  it('adds privileged: true after capabilities (Go field order)', () => {
    expect(agentSecurityContext(undefined, true)).toEqual({ privileged: true });
    const sc = agentSecurityContext({ runAsNonRoot: true, capabilities: { drop: ['ALL'] }, privileged: false }, true);
    expect(Object.keys(sc!)).toEqual(['capabilities', 'privileged', 'runAsNonRoot']);
    expect(sc!.privileged).toBe(true);
  });

  it('does not add privileged when the user forbids privilege escalation', () => {
    expect(agentSecurityContext({ allowPrivilegeEscalation: false }, true)).toEqual({
      allowPrivilegeEscalation: false,
    });
  });
});
