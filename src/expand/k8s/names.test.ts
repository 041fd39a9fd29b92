import { describe, expect, it } from 'vitest';
import { boundedName, caBundleId, isDnsLabel } from './names.js';

describe('boundedName', () => {
  it('keeps a short valid name as is', () => {
    expect(boundedName('mcp-tls-', 'test-tls-client')).toBe('mcp-tls-test-tls-client');
  });

  it('shortens a 60-character Secret name to ≤ 63 chars with a hash, never ending in "-"', () => {
    const s = 'client-certificate-for-the-inventory-mcp-server-in-production';
    const n = boundedName('mcp-tls-', s);
    expect(n.length).toBeLessThanOrEqual(63);
    expect(isDnsLabel(n)).toBe(true);
    expect(n).toBe('mcp-tls-client-certificate-for-the-inventory-mcp-serve-15ba927c');
    expect(boundedName('mcp-tls-', s)).toBe(n);
  });

  it('gives two long names with the same prefix different results', () => {
    const a = boundedName('mcp-tls-', `${'x'.repeat(60)}-a`);
    const b = boundedName('mcp-tls-', `${'x'.repeat(60)}-b`);
    expect(a).not.toBe(b);
  });

  it('sanitises dots and upper case', () => {
    const n = boundedName('mcp-tls-', 'My.Cert');
    expect(isDnsLabel(n)).toBe(true);
    expect(n).toMatch(/^mcp-tls-my-cert-[0-9a-f]{8}$/);
  });
});

describe('caBundleId (kagent reference §5.2 examples)', () => {
  it.each([
    ['corp-ca', 'corp-ca'],
    ['corp.ca', '897dad31'],
    ['mcp.example.com-tls', 'b2645842'],
    ['my.cert.bundle', 'eee77980'],
    ['a-very-long-secret-name-that-just-exceeds-the-volume-limit-x', 'c5d20657'],
  ])('%s → %s', (name, id) => {
    expect(caBundleId(name)).toBe(id);
  });
});
