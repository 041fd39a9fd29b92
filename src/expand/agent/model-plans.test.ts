import { describe, expect, it } from 'vitest';
import { mergeModelWiring } from './model-plans.js';

describe('mergeModelWiring', () => {
  it('keeps the first env var, volume and mount of each name (mounts by name and path), in model order', () => {
    const own = {
      env: [{ name: 'OPENAI_API_KEY', valueFrom: { secretKeyRef: { name: 'own', key: 'k' } } }],
      volumes: [{ name: 'tls-ca-corp', secret: { secretName: 'corp' } }],
      mounts: [{ name: 'tls-ca-corp', mountPath: '/etc/ssl/certs/custom/corp' }],
    };
    const summarizer = {
      env: [
        { name: 'OPENAI_API_KEY', valueFrom: { secretKeyRef: { name: 'other', key: 'k' } } },
        { name: 'ANTHROPIC_API_KEY', value: 'x' },
      ],
      volumes: [
        { name: 'tls-ca-corp', secret: { secretName: 'corp' } },
        { name: 'google-creds', secret: { secretName: 'g' } },
      ],
      mounts: [
        { name: 'tls-ca-corp', mountPath: '/etc/ssl/certs/custom/corp' },
        { name: 'google-creds', mountPath: '/creds' },
        { name: 'google-creds', mountPath: '/other' },
      ],
    };
    const merged = mergeModelWiring([own, undefined, summarizer]);
    expect(merged.env.map((e) => [e.name, e.valueFrom?.secretKeyRef?.name ?? e.value])).toEqual([
      ['OPENAI_API_KEY', 'own'],
      ['ANTHROPIC_API_KEY', 'x'],
    ]);
    expect(merged.volumes.map((v) => v.name)).toEqual(['tls-ca-corp', 'google-creds']);
    expect(merged.mounts.map((m) => `${m.name}:${m.mountPath}`)).toEqual([
      'tls-ca-corp:/etc/ssl/certs/custom/corp',
      'google-creds:/creds',
      'google-creds:/other',
    ]);
  });

  it('is empty without models', () => {
    expect(mergeModelWiring([undefined])).toEqual({ env: [], volumes: [], mounts: [] });
  });
});
