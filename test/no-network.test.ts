/**
 * SPEC §8: no network. The pipeline over every fixture, and every command of the built CLI,
 * run with the network made impossible (test/harness/no-network.mjs replaces net, tls,
 * http(s), dns, dgram, fetch and WebSocket with throwing stubs before anything loads); none tries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, listCases, runCase } from './harness/golden.js';
import { binPath, repoRoot, run } from './harness/tools.js';

const preload = path.join(repoRoot, 'test/harness/no-network.mjs');
const offline = (args: string[], options: { input?: string; cwd?: string } = {}) =>
  run(process.execPath, ['--import', preload, binPath, ...args], {
    ...options,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });

describe('no network', () => {
  it('the stubs do refuse (a fetch under the preload fails with the marker)', () => {
    const r = run(
      process.execPath,
      ['--import', preload, '-e', "fetch('http://example.com').catch(() => {})"],
      {},
      { stackTrace: true },
    );
    expect(r.stderr).toContain('NETWORK-ATTEMPT fetch');
  });

  it('every fixture rendered in-process with the stubs installed in this worker', async () => {
    // @ts-expect-error plain ESM module without types
    const { attempts } = (await import('./harness/no-network.mjs')) as { attempts: string[] };
    expect(() => fetch('http://example.com')).toThrow(/NETWORK-ATTEMPT/);
    attempts.length = 0;
    for (const name of listCases()) {
      const r = await runCase(name);
      expect(r.ok || r.stderr !== '', name).toBe(true);
    }
    expect(attempts).toEqual([]);
  });

  it('build, validate and graph of the CLI over every fixture input at once try no connection', () => {
    const inputs = listCases().map((name) => path.join(fixturesDir, name, 'input'));
    for (const command of ['build', 'validate', 'graph']) {
      const r = offline([command, ...inputs, '--allow-secret-values']);
      expect(r.stderr, command).not.toContain('NETWORK-ATTEMPT');
      expect(r.stderr, command).not.toContain('internal error');
      expect([0, 1], `${command}: ${r.stderr.slice(0, 500)}`).toContain(r.status);
    }
    expect(offline(['build', path.join(repoRoot, 'examples/mcp-tls')]).status).toBe(0);
  });

  it('the KRM function, the kustomize plugin input path and the Argo CD plugin try no connection', () => {
    const example = path.join(repoRoot, 'examples/mcp-tls');
    const items = ['agent.yaml', 'mcpserver.yaml', 'modelconfig.yaml'].map((f) =>
      readFileSync(path.join(example, f), 'utf8'),
    );
    const list = `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items
      .map(
        (t) =>
          `- ${t
            .replace(/^#.*\n/gm, '')
            .trimEnd()
            .replace(/\n/g, '\n  ')}\n`,
      )
      .join('')}`;
    const krm = offline(['krm'], { input: list });
    expect(krm.stderr).not.toContain('NETWORK-ATTEMPT');
    expect(krm.status).toBe(0);
    const argocd = offline(['argocd', 'generate'], { cwd: example });
    expect(argocd.stderr).not.toContain('NETWORK-ATTEMPT');
    expect(argocd.status).toBe(0);
  });
});
