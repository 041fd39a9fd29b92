/**
 * kubectl kustomize (built-in kustomize v5.5) with kagent-render as a legacy exec plugin
 * (KUSTOMIZE_PLUGIN_HOME), the way the README shows it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, copyExample, repoRoot, run, shimDir, tempDir, withoutToolAnnotations } from '../harness/tools.js';

let env: NodeJS.ProcessEnv;

function kustomization(): string {
  const dir = copyExample('mcp-tls', tempDir('kustomize'));
  // README block: kustomize legacy exec plugin
  writeFileSync(path.join(dir, 'render.yaml'), 'apiVersion: render.kagent.dev/v1alpha1\nkind: KagentRender\nmetadata:\n  name: render\nspec:\n  profile: gitops\n');
  writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n  - mcpserver.yaml\n  - modelconfig.yaml\n  - agent.yaml\ntransformers:\n  - render.yaml\n');
  return dir;
}

/** Objects keyed by kind/name, without the annotations the tools add; kustomize reorders documents and keys. */
function byKey(stream: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of parseAllDocuments(stream)) {
    const o = withoutToolAnnotations(d.toJS());
    out[`${o.kind}/${o.metadata.name}`] = o;
  }
  return out;
}

beforeAll(() => {
  env = { ...process.env, PATH: `${shimDir()}:${process.env.PATH}`, KUSTOMIZE_PLUGIN_HOME: path.join(repoRoot, 'deploy/kustomize/plugin') };
});

describe('kubectl kustomize with the legacy exec plugin', () => {
  it('renders the same objects as `kagent-render build`', () => {
    const dir = kustomization();
    const r = run('kubectl', ['kustomize', '--enable-alpha-plugins', dir], { env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = cli(['build', path.join(repoRoot, 'examples/mcp-tls')]);
    expect(byKey(r.stdout)).toEqual(byKey(expected.stdout));
  });

  it('fails with our diagnostic on stderr for an invalid Agent', () => {
    const dir = kustomization();
    const agent = path.join(dir, 'agent.yaml');
    writeFileSync(agent, readFileSync(agent, 'utf8').replace('modelConfig: default-model-config', 'modelConfig: missing-model'));
    const r = run('kubectl', ['kustomize', '--enable-alpha-plugins', dir], { env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/error\[ref-missing\]: ModelConfig 'missing-model' not found/);
  });
});
