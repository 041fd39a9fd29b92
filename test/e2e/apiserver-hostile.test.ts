/**
 * Issue 15's two hostile cases through the built CLI: each exits 1, prints nothing on stdout
 * and names the input line that produced the field the API server would refuse.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../harness/tools.js';

const input = (fixture: string) => path.join(repoRoot, 'fixtures', fixture, 'input');

describe('kagent-render build refuses what the API server would refuse', () => {
  it('an Agent volume named `config` → Duplicate value at that volume (line 26)', () => {
    const r = cli(['build', '.'], { cwd: input('apiserver-hostile-agent-config-volume') });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'objects.yaml:26:17: error[apiserver-volume-name]: Deployment default/helper: spec.template.spec.volumes[2].name: Duplicate value: "config"',
    );
  });

  it('an MCPServer tls.secretRef `Search_Client.TLS` → ref-name-invalid at the secretRef (line 11)', () => {
    const r = cli(['build', '.'], { cwd: input('apiserver-hostile-tls-secret-name') });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /objects\.yaml:11:18: error\[ref-name-invalid\]: MCPServer default\/search: spec\.httpTransport\.tls\.secretRef: Invalid value: "Search_Client\.TLS"/,
    );
  });
});
