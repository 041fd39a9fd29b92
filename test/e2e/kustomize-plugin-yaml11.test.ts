/**
 * The kustomize exec plugin (built CLI, no kustomize needed) reads its config file and the
 * resources on stdin as kubectl reads YAML (go-yaml v2, YAML 1.1; reference/apiserver.md §1):
 * `0440` is 288, `yes`/`on` are true, `<<` merges, and a config whose first character is `{`
 * is JSON. Strings that a 1.1 reader would re-type (`"0440"`, `"yes"`) stay strings.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYamlValue } from '../../src/read/parse.js';
import { cli, tempDir } from '../harness/tools.js';

type Obj = Record<string, any>;

const STDIN = `apiVersion: kagent.dev/v1alpha2
kind: ModelConfig
metadata: {name: model, namespace: ns}
spec: {provider: OpenAI, model: gpt-4o, apiKeySecret: k, apiKeySecretKey: key}
---
apiVersion: kagent.dev/v1alpha2
kind: Agent
metadata: {name: a, namespace: ns}
spec:
  type: Declarative
  declarative:
    modelConfig: model
    systemMessage: hi
    deployment:
      volumes:
        - name: creds
          secret:
            <<: {secretName: creds}
            defaultMode: 0440
      volumeMounts:
        - {name: creds, mountPath: /creds, readOnly: on}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: strings, namespace: ns}
data: {mode: "0440", flag: "yes"}
`;

function plugin(config: string, stdin: string) {
  const d = tempDir('kustomize-yaml11');
  const file = path.join(d, 'render.yaml');
  writeFileSync(file, config);
  return cli(['kustomize-plugin', file], { cwd: d, input: stdin, stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('kustomize-plugin reads YAML 1.1', () => {
  it('config keepInputs through << and yes; stdin 0440 → 288, on → true, quoted strings stay strings', () => {
    const config =
      'apiVersion: render.kagent.dev/v1alpha1\nkind: KagentRender\nmetadata: {name: render}\nspec:\n  <<: {keepInputs: yes}\n';
    const r = plugin(config, STDIN);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const items = (readYamlValue(r.stdout) as Obj).items as Obj[];
    expect(items.map((o) => o.kind).slice(0, 3)).toEqual(['ModelConfig', 'Agent', 'ConfigMap']);
    expect(items[2]!.data).toEqual({ mode: '0440', flag: 'yes' });
    const pod = items.find((o) => o.kind === 'Deployment')!.spec.template.spec;
    expect(pod.volumes.find((v: Obj) => v.name === 'creds').secret).toEqual({ secretName: 'creds', defaultMode: 288 });
    expect(pod.containers[0].volumeMounts.find((m: Obj) => m.name === 'creds').readOnly).toBe(true);
  });

  it('a config that starts with { is JSON: yes is not a JSON value → json-syntax at its position, exit 1', () => {
    const r = plugin(
      '{"apiVersion": "render.kagent.dev/v1alpha1", "kind": "KagentRender",\n "spec": {"keepInputs": yes}}\n',
      STDIN,
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/render\.yaml:2:25: error\[json-syntax\]: the plugin config: invalid JSON/);
    const ok = plugin(
      '{"apiVersion": "render.kagent.dev/v1alpha1", "kind": "KagentRender", "spec": {"keepInputs": true}}',
      STDIN,
    );
    expect(ok.status).toBe(0);
  });

  it('stdin with keys kubectl reads as one (on and true) → yaml-duplicate-key at its line, exit 1', () => {
    const r = plugin(
      'apiVersion: render.kagent.dev/v1alpha1\nkind: KagentRender\nmetadata: {name: render}\n',
      `${STDIN}---\nkind: X\non: 1\ntrue: 2\n`,
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^<stdin>:30:1: error\[yaml-duplicate-key\]: map key 'true' is defined twice/);
  });
});
