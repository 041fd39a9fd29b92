/**
 * The KRM function under the real kpt: `kpt fn eval --exec` and a Kptfile pipeline with
 * `kpt fn render --allow-exec`, over examples/mcp-tls plus an unrelated commented Deployment.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
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

const noKpt = missingTool('kpt', ['version']);

const UNRELATED = `# An unrelated app: kpt must leave it alone, comments included.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web # the web tier
  namespace: kagent
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

let env: NodeJS.ProcessEnv;
const wrapper = path.join(repoRoot, 'deploy/kpt/kagent-render-krm');

function pkg(): string {
  const dir = copyExample('mcp-tls', tempDir('kpt'));
  writeFileSync(path.join(dir, 'web.yaml'), UNRELATED);
  return dir;
}

/** Objects of a YAML file without the annotations kpt and the KRM function add. */
function objects(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => withoutToolAnnotations(d.toJS()));
}

beforeAll(() => {
  env = { ...process.env, PATH: `${shimDir()}:${process.env.PATH}` };
});

describe.skipIf(noKpt)(suiteName('kpt', noKpt), () => {
  it('kpt fn eval --exec renders the kagent objects into files equal to `kagent-render build -o`, and leaves other files untouched', () => {
    const dir = pkg();
    const expected = tempDir('kpt-expected');
    expect(cli(['build', dir, '-o', expected]).status).toBe(0);
    const r = run(
      'kpt',
      argsOf(README_COMMANDS.kptEvalWrapper, { 'agents/': dir, 'deploy/kpt/kagent-render-krm': wrapper }),
      { env },
    );
    expect(r.stderr + r.stdout).toContain('[PASS]');
    expect(r.status).toBe(0);
    for (const f of ['kagent/agent-secure-agent.yaml', 'kagent/mcpserver-test-mcp.yaml']) {
      expect(objects(path.join(dir, f))).toEqual(objects(path.join(expected, f)));
    }
    expect(readFileSync(path.join(dir, 'web.yaml'), 'utf8')).toBe(UNRELATED);

    const before = readFileSync(path.join(dir, 'kagent/agent-secure-agent.yaml'), 'utf8');
    expect(run('kpt', ['fn', 'eval', dir, '--exec', wrapper, '--', 'keepInputs=true'], { env }).status).toBe(0);
    expect(readFileSync(path.join(dir, 'kagent/agent-secure-agent.yaml'), 'utf8')).toBe(before);
  });

  it('kpt fn render --allow-exec runs a Kptfile pipeline', () => {
    const dir = pkg();
    writeFileSync(
      path.join(dir, 'Kptfile'),
      `apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: agents
pipeline:
  mutators:
    - exec: ${wrapper}
      configMap:
        keepInputs: "true"
`,
    );
    const r = run('kpt', ['fn', 'render', dir, '--allow-exec'], { env });
    expect(r.status).toBe(0);
    expect(objects(path.join(dir, 'kagent/agent-secure-agent.yaml')).map((o) => (o as { kind: string }).kind)).toEqual([
      'Secret',
      'ServiceAccount',
      'Deployment',
      'Service',
    ]);
  });

  it('an invalid Agent fails the function and kpt shows our diagnostic', () => {
    const dir = pkg();
    const agent = path.join(dir, 'agent.yaml');
    writeFileSync(
      agent,
      readFileSync(agent, 'utf8').replace('modelConfig: default-model-config', 'modelConfig: missing-model'),
    );
    const r = run('kpt', ['fn', 'eval', dir, '--exec', wrapper, '--', 'keepInputs=true'], { env });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("ModelConfig 'missing-model' not found");
  });

  it('over examples/krm-mixed, `kpt fn eval --exec kagent-render-krm` replaces agents.yaml and leaves every other file byte for byte', () => {
    const dir = path.join(tempDir('kpt-mixed'), 'krm-mixed');
    const example = path.join(repoRoot, 'examples/krm-mixed');
    cpSync(example, dir, { recursive: true });
    const expected = tempDir('kpt-mixed-expected');
    expect(cli(['build', example, '-o', expected]).status).toBe(0);
    const r = run('kpt', argsOf(README_COMMANDS.kptEvalInstalled, { 'examples/krm-mixed': dir }), { env });
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'agents.yaml'))).toBe(false);
    for (const f of ['web.yaml', 'kustomization.yaml', 'render.yaml'])
      expect(readFileSync(path.join(dir, f), 'utf8')).toBe(readFileSync(path.join(example, f), 'utf8'));
    for (const f of ['kagent/agent-shop-assistant.yaml', 'kagent/mcpserver-inventory.yaml'])
      expect(objects(path.join(dir, f))).toEqual(objects(path.join(expected, f)));
  });
});
