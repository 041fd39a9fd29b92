/**
 * The Argo CD plugin run as the CMP server runs it: commands from deploy/argocd/plugin.yaml,
 * working directory = the application path, ARGOCD_* variables set, stdin closed, stdout
 * parsed as YAML. Compared with `kagent-render build`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_KEYS } from '../../src/settings/parse.js';
import { cli, copyExample, repoRoot, run, shimDir, tempDir } from '../harness/tools.js';

const plugin = parse(readFileSync(path.join(repoRoot, 'deploy/argocd/plugin.yaml'), 'utf8'));
const generate: string[] = plugin.spec.generate.command;
const discover: string[] = plugin.spec.discover.find.command;

let appPath: string;
let env: NodeJS.ProcessEnv;

function cmp(command: string[], extraEnv: Record<string, string> = {}, cwd = appPath) {
  return run(command[0], command.slice(1), { cwd, env: { ...env, ...extraEnv } });
}

beforeAll(() => {
  appPath = copyExample('mcp-tls', tempDir('argocd'));
  env = {
    PATH: `${shimDir()}:${process.env.PATH}`,
    HOME: process.env.HOME,
    ARGOCD_APP_NAME: 'secure-agents',
    ARGOCD_APP_NAMESPACE: 'kagent',
    ARGOCD_APP_PROJECT_NAME: 'default',
    ARGOCD_APP_REVISION: '0123456789abcdef0123456789abcdef01234567',
    ARGOCD_APP_REVISION_SHORT: '0123456',
    ARGOCD_APP_SOURCE_PATH: 'examples/mcp-tls',
    ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example.com/platform/agents.git',
    ARGOCD_APP_SOURCE_TARGET_REVISION: 'HEAD',
  };
});

describe('Argo CD config management plugin', () => {
  it('discover matches an app path that holds kagent objects', () => {
    const r = cmp(discover);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).not.toBe('');
  });

  it('discover does not match an app path without kagent objects', () => {
    const other = tempDir('argocd-other');
    writeFileSync(path.join(other, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n');
    const r = cmp(discover, {}, other);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('generate prints exactly what `kagent-render build` prints, and nothing else on stdout', () => {
    const r = cmp(generate);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const docs = parseAllDocuments(r.stdout);
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    const kinds = docs.map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds).toContain('Deployment');
    expect(r.stdout).toBe(cli(['build', '.'], { cwd: appPath }).stdout);
  });

  it('generate honours ARGOCD_ENV_* settings and plugin parameters', () => {
    const r = cmp(generate, {
      ARGOCD_ENV_KAGENT_RENDER_PROFILE: 'controller',
      ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'defaultAgentPodLabels', map: { team: 'ml' } }]),
    });
    expect(r.status).toBe(0);
    const expected = cli(['build', '.', '--profile', 'controller', '--default-agent-pod-labels', 'team=ml'], { cwd: appPath });
    expect(expected.status).toBe(0);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.stdout).toContain('ownerReferences');
    expect(r.stdout).toContain('team: ml');
  });

  it('generate fails with our diagnostic on stderr and nothing on stdout for an invalid Agent', () => {
    const broken = copyExample('mcp-tls', tempDir('argocd-broken'));
    const agentFile = path.join(broken, 'agent.yaml');
    writeFileSync(agentFile, readFileSync(agentFile, 'utf8').replace('modelConfig: default-model-config', 'modelConfig: missing-model'));
    const r = cmp(generate, {}, broken);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^agent\.yaml:\d+:\d+: error\[ref-missing\]: .*missing-model/m);
  });

  it('announces only settings keys as plugin parameters, the proxy URL among them', () => {
    const names: string[] = plugin.spec.parameters.static.map((p: { name: string }) => p.name);
    expect(names.filter((n) => !(n in SETTINGS_KEYS))).toEqual([]);
    expect(names).toContain('proxyUrl');
  });

  it('generate rejects an unknown plugin parameter as a usage error (exit 2)', () => {
    const r = cmp(generate, { ARGOCD_APP_PARAMETERS: JSON.stringify([{ name: 'bogus', string: 'x' }]) });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown plugin parameter 'bogus'");
  });
});
