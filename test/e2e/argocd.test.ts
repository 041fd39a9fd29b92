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
import { cli, copyExample, repoInsideDirWithSettings, repoRoot, run, shimDir, tempDir } from '../harness/tools.js';

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
    const expected = cli(['build', '.', '--profile', 'controller', '--default-agent-pod-labels', 'team=ml'], {
      cwd: appPath,
    });
    expect(expected.status).toBe(0);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.stdout).toContain('ownerReferences');
    expect(r.stdout).toContain('team: ml');
  });

  it('generate fails with our diagnostic on stderr and nothing on stdout for an invalid Agent', () => {
    const broken = copyExample('mcp-tls', tempDir('argocd-broken'));
    const agentFile = path.join(broken, 'agent.yaml');
    writeFileSync(
      agentFile,
      readFileSync(agentFile, 'utf8').replace('modelConfig: default-model-config', 'modelConfig: missing-model'),
    );
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

  it('generate outputs every manifest of the app: rendered kagent objects, then the other objects as written (krm-mixed)', () => {
    const mixed = copyExample('krm-mixed', tempDir('argocd-mixed'));
    const r = cmp(generate, {}, mixed);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const objects = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    const rendered = parseAllDocuments(cli(['build', '.', '--namespace', 'kagent'], { cwd: mixed }).stdout).map((d) =>
      d.toJS(),
    );
    const web = parseAllDocuments(readFileSync(path.join(mixed, 'web.yaml'), 'utf8')).map((d) => d.toJS());
    // No Kustomization, no KagentRender functionConfig, no ModelConfig/MCPServer/Agent inputs.
    expect(objects).toEqual([...rendered, ...web]);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toContain('Deployment/web');
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toContain('Service/web');
  });

  it('generate refuses a typo in a kagent kind (Agnet) and an app that renders nothing, unless allowEmpty', () => {
    const typo = tempDir('argocd-typo');
    const agent = readFileSync(path.join(repoRoot, 'examples/mcp-tls/agent.yaml'), 'utf8');
    writeFileSync(path.join(typo, 'agent.yaml'), agent.replace('kind: Agent', 'kind: Agnet'));
    const r = cmp(generate, {}, typo);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^agent\.yaml:\d+:7: error\[input-unknown-kind\]: kind Agnet /m);

    const empty = tempDir('argocd-empty');
    writeFileSync(
      path.join(empty, 'model.json'),
      JSON.stringify(parse(readFileSync(path.join(repoRoot, 'examples/mcp-tls/modelconfig.yaml'), 'utf8'))),
    );
    expect(cmp(discover, {}, empty).stdout).toBe('model.json\n');
    const refused = cmp(generate, {}, empty);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^\.:1:1: error\[render-empty\]: 1 input file\(s\) under \. render to nothing: an empty manifest set would make Argo CD prune/m,
    );
    const allowed = cmp(generate, { ARGOCD_ENV_KAGENT_RENDER_ALLOW_EMPTY: 'true' }, empty);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toBe('');
  });

  it('generate finds kagent-render.yaml at the repository root above the app path, and prints where each setting comes from', () => {
    const repo = repoInsideDirWithSettings('argocd-outer', 'profile: controller\nimageTag: "0.10.0"\n');
    const app = copyExample('mcp-tls', path.join(repo, 'apps'));
    const r = cmp(generate, { ARGOCD_ENV_KAGENT_RENDER_IMAGE_TAG: '0.11.0' }, app);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('ownerReferences');
    expect(r.stdout).toContain('kagent-dev/kagent/golang-adk:0.11.0');
    const shown = cmp([...generate, '--print-settings'], { ARGOCD_ENV_KAGENT_RENDER_IMAGE_TAG: '0.11.0' }, app);
    expect(shown.status).toBe(0);
    const wanted = [
      '# settings file: ../../kagent-render.yaml',
      'profile: "controller"  # ../../kagent-render.yaml',
      'imageTag: "0.11.0"  # ARGOCD_ENV_KAGENT_RENDER_IMAGE_TAG',
      'namespace: "kagent"  # ARGOCD_APP_NAMESPACE',
      'validate: "warn"  # profile controller',
    ];
    expect(shown.stdout.split('\n')).toEqual(expect.arrayContaining(wanted));
  });

  it('generate rejects an unknown or invalid ARGOCD_ENV_KAGENT_RENDER_* variable by its own name (exit 2)', () => {
    const unknown = cmp(generate, { ARGOCD_ENV_KAGENT_RENDER_PROFLE: 'controller' });
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^kagent-render: unknown plugin variable ARGOCD_ENV_KAGENT_RENDER_PROFLE; known: /);
    const bad = cmp(generate, { ARGOCD_ENV_KAGENT_RENDER_CRD_DEFAULTS: 'yes' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'kagent-render: ARGOCD_ENV_KAGENT_RENDER_CRD_DEFAULTS must be "true" or "false", got "yes"\n',
    );
  });

  it('docs/integrations/argocd.md: its plugin block is deploy/argocd/plugin.yaml, its Application renders as its env and parameters say', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/integrations/argocd.md'), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]));
    const [shownPlugin, application] = blocks;
    expect({ ...plugin, spec: { ...plugin.spec, parameters: undefined } }).toEqual({
      ...shownPlugin,
      spec: { ...shownPlugin.spec, parameters: undefined },
    });
    const source = application.spec.source.plugin;
    const appEnv: Record<string, string> = { ARGOCD_APP_NAMESPACE: application.spec.destination.namespace };
    for (const e of source.env) appEnv[`ARGOCD_ENV_${e.name}`] = e.value;
    appEnv.ARGOCD_APP_PARAMETERS = JSON.stringify(source.parameters);
    const r = cmp(generate, appEnv);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      cli(['build', '.', '--profile', 'gitops', '--default-agent-pod-labels', 'team=ml', '--namespace', 'kagent'], {
        cwd: appPath,
      }).stdout,
    );
    expect(r.stdout).toContain('team: ml');
  });
});
