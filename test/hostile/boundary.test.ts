/**
 * The error boundary and the input limits (issue 19), against the built CLI: every user-caused
 * failure is a diagnostic or a ResourceList result (exit 1), never an internal error or a stack
 * trace (test/harness/tools.ts `run` refuses any stderr holding a stack frame); a closed stdout
 * ends a run quietly with status 0; diagnostics show control characters as escapes; each input
 * path stops at the input limit with the limit named.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { INPUT_LIMIT_BYTES } from '../../src/adapters/read-capped.js';
import { binPath, run, STACK_FRAME, tempDir } from '../harness/tools.js';

const created: string[] = [];
afterAll(() => {
  for (const d of created) {
    spawnSync('chmod', ['-R', 'u+rwx', d]);
    rmSync(d, { recursive: true, force: true });
  }
});

function dir(files: Record<string, string> = {}): string {
  const d = tempDir('boundary');
  created.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
    writeFileSync(path.join(d, name), text);
  }
  return d;
}

const MODEL = `apiVersion: kagent.dev/v1alpha2
kind: ModelConfig
metadata:
  name: m
  namespace: ns
spec:
  provider: Ollama
  model: llama3
  ollama:
    host: http://ollama:11434
`;
const agent = (name: string) =>
  `apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: ${name}\n  namespace: ns\nspec:\n  type: Declarative\n  declarative:\n    modelConfig: m\n    systemMessage: hi\n`;
/** Enough Agents for outputs far past a pipe's 64 KiB buffer. */
const many = (n: number) =>
  [MODEL, ...Array.from({ length: n }, (_, i) => agent(`agent-with-a-rather-long-name-${i}`))].join('---\n');
const MANY = many(400);
/** `graph` writes about 200 bytes an Agent. */
const MANY_FOR_GRAPH = many(1200);

const kagent = (args: string[], cwd: string, input?: string) =>
  run(process.execPath, [binPath, ...args], {
    cwd,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });

/** A ResourceList of the given items (YAML text, indented as list items). */
const resourceList = (items: string) => `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}`;

describe('error boundary', () => {
  it('a KRM ResourceList with more than 100 aliases → a ResourceList with an error result, exit 1', () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `      k${i}: *v\n`).join('');
    const stdin = resourceList(
      `  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: c}\n    data:\n      v: &v "x"\n${aliases}`,
    );
    const r = kagent(['krm'], dir(), stdin);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    const out = parse(r.stdout);
    expect(out.kind).toBe('ResourceList');
    expect(out.results).toEqual([
      { message: expect.stringMatching(/more than 100 aliases \(yaml-alias-limit\)/), severity: 'error' },
    ]);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a settings key named %s → settings-invalid, exit 1',
    (key) => {
      const r = kagent(
        ['validate', '.'],
        dir({ 'kagent-render.yaml': `${key}: x\n`, 'in.yaml': `${MODEL}---\n${agent('a')}` }),
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`^kagent-render\\.yaml:1:\\d+: error\\[settings-invalid\\]: unknown setting '${key}'`),
      );
    },
  );

  it('kagent-render.yaml with more than 100 aliases → yaml-alias-limit, exit 1', () => {
    const bomb = `x: &a [1]\n${Array.from({ length: 150 }, (_, i) => `y${i}: *a\n`).join('')}`;
    const r = kagent(['validate', '.'], dir({ 'kagent-render.yaml': bomb, 'in.yaml': `${MODEL}---\n${agent('a')}` }));
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')).toContain(
      'kagent-render.yaml:1:1: error[yaml-alias-limit]: document expands more than 100 aliases; remove the alias chain',
    );
  });

  it('a KRM ConfigMap functionConfig with keys __proto__ and constructor → settings-invalid results, exit 1', () => {
    const stdin = `${resourceList('  []\n').replace('items:\n  []\n', 'items: []\n')}functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data: {__proto__: x, constructor: y}\n`;
    const r = kagent(['krm'], dir(), stdin);
    expect(r.status).toBe(1);
    expect(parse(r.stdout).results.map((x: any) => x.tags.rule)).toEqual(['settings-invalid', 'settings-invalid']);
  });

  describe('kustomize-plugin with a bad CONFIG', () => {
    const cases: Array<[string, (d: string) => string, RegExp]> = [
      [
        'missing',
        (d) => path.join(d, 'nope.yaml'),
        /nope\.yaml:1:1: error\[read-unreadable\]: the plugin config does not exist$/,
      ],
      ['a directory', (d) => d, /:1:1: error\[read-unreadable\]: the plugin config is a directory; expected a file$/],
      [
        'malformed',
        (d) => (writeFileSync(path.join(d, 'c.yaml'), 'apiVersion: x\nspec: [unclosed\n'), path.join(d, 'c.yaml')),
        /c\.yaml:\d+:\d+: error\[yaml-syntax\]: the plugin config is not valid YAML/,
      ],
      [
        'not a mapping',
        (d) => (writeFileSync(path.join(d, 'c.yaml'), '- a\n'), path.join(d, 'c.yaml')),
        /c\.yaml:1:1: error\[settings-invalid\]: the plugin config must be a KagentRender object/,
      ],
    ];
    it.each(cases)('%s → one diagnostic naming it, exit 1, the config line not quoted', (_name, config, want) => {
      const d = dir();
      const r = kagent(['kustomize-plugin', config(d)], d, '');
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(want);
      expect(r.stderr).not.toContain('unclosed');
    });
  });

  // As root a chmod 000 directory is still readable: run as nobody through setpriv instead.
  const isRoot = process.getuid?.() === 0;
  const setpriv = spawnSync('setpriv', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(isRoot && !setpriv)(
    `an unreadable input subdirectory (EACCES) → read-unreadable at the directory, exit 1${isRoot && !setpriv ? ' — SKIPPED: root without setpriv cannot be denied a read' : ''}`,
    () => {
      const d = dir({ 'in.yaml': `${MODEL}---\n${agent('a')}`, 'locked/inner/more.yaml': agent('b') });
      chmodSync(d, 0o755);
      chmodSync(path.join(d, 'in.yaml'), 0o644);
      chmodSync(path.join(d, 'locked'), 0o000);
      const cmd = isRoot ? 'setpriv' : process.execPath;
      const args = [
        ...(isRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : []),
        binPath,
        'validate',
        '.',
      ];
      const r = run(cmd, args, { cwd: d });
      expect(r.stderr).toBe(
        'locked:1:1: error[read-unreadable]: cannot read directory (EACCES); its files are not rendered\n',
      );
      expect(r.status).toBe(1);
    },
  );

  /** `kagent-render ARGS | head -1`: the exit status of kagent-render, and its stderr. */
  function headOne(args: string[], cwd: string, stdinFile?: string): { status: string; stderr: string } {
    const quoted = [process.execPath, binPath, ...args].map((a) => `'${a}'`).join(' ');
    const script = `${quoted} ${stdinFile ? `< '${stdinFile}'` : ''} 2>err | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat err >&2`;
    const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
    return { status: r.stdout.trim(), stderr: r.stderr };
  }

  it.each([
    ['build', ['build', '.']],
    ['graph', ['graph', '.']],
    ['krm', ['krm']],
  ])('EPIPE: %s | head -1 ends quietly with status 0', (name, args) => {
    const d = dir({ 'in.yaml': name === 'graph' ? MANY_FOR_GRAPH : MANY });
    let stdinFile: string | undefined;
    if (name === 'krm') {
      const items = MANY.split('---\n')
        .map((doc) => `  - ${doc.trimEnd().split('\n').join('\n    ')}\n`)
        .join('');
      stdinFile = path.join(d, '..', `${path.basename(d)}.list.yaml`);
      writeFileSync(stdinFile, resourceList(items));
      created.push(stdinFile);
      // The output is large enough to fill the pipe.
      expect(kagent(['krm'], d, resourceList(items)).stdout.length).toBeGreaterThan(256 * 1024);
    } else expect(kagent(args, d).stdout.length).toBeGreaterThan(200 * 1024);
    const r = headOne(args, d, stdinFile);
    expect(r.stderr).toBe('');
    expect(r.status).toBe('0');
  });

  it('diagnostics show control characters and terminal escapes from input as escapes, one line each', () => {
    const forged = 'x\\nin.yaml:1:1: error[forged]: gotcha\\x1b]52;c;aGk=\\x07\\u202e';
    const r = kagent(['validate', '.'], dir({ 'in.yaml': `${MODEL}---\n${agent(`"${forged}"`)}` }));
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^in\.yaml:\d+:\d+: error\[input-invalid-name\]: /);
    expect(lines[0]).toContain('x\\nin.yaml:1:1: error[forged]: gotcha\\x1b]52;c;aGk=\\x07\\u202e');
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202e]/);
  });

  it('the stack-frame check of the test harness recognises a real trace', () => {
    const trace = new Error('x').stack!;
    expect(STACK_FRAME.test(trace)).toBe(true);
    expect(STACK_FRAME.test('in.yaml:1:1: error[yaml-syntax]: bad\n    atom: 1\n')).toBe(false);
  });
});

describe('input limits on every path', () => {
  const big = `# ${'x'.repeat(INPUT_LIMIT_BYTES)}\n`;

  it('KRM stdin past the limit → a ResourceList with the limit named, exit 1 (read no further)', () => {
    const r = kagent(['krm'], dir(), resourceList(`  []\n${big}`));
    expect(r.status).toBe(1);
    expect(parse(r.stdout).results).toEqual([
      {
        message: `the ResourceList on stdin is larger than the input limit of ${INPUT_LIMIT_BYTES} bytes (16 MiB); split the input`,
        severity: 'error',
      },
    ]);
  });

  it('kagent-render.yaml past the limit → read-file-too-large naming the limit, exit 1', () => {
    const r = kagent(['validate', '.'], dir({ 'kagent-render.yaml': big, 'in.yaml': `${MODEL}---\n${agent('a')}` }));
    expect(r.status).toBe(1);
    // (The walk of `.` reads kagent-render.yaml as an input file too, and refuses it by the file limit.)
    expect(r.stderr.split('\n')).toContain(
      `kagent-render.yaml:1:1: error[read-file-too-large]: kagent-render.yaml is larger than the input limit of ${INPUT_LIMIT_BYTES} bytes (16 MiB); split the input`,
    );
  });

  it('kustomize-plugin CONFIG and stdin past the limit → read-file-too-large naming the limit, exit 1', () => {
    const d = dir({
      'config.yaml': big,
      'ok.yaml': 'apiVersion: render.kagent.dev/v1alpha1\nkind: KagentRender\nmetadata: {name: r}\n',
    });
    const config = kagent(['kustomize-plugin', path.join(d, 'config.yaml')], d, '');
    expect(config.status).toBe(1);
    expect(config.stderr).toMatch(
      /config\.yaml:1:1: error\[read-file-too-large\]: the plugin config is larger than the input limit of 16777216 bytes \(16 MiB\)/,
    );
    const stdin = kagent(['kustomize-plugin', path.join(d, 'ok.yaml')], d, big);
    expect(stdin.status).toBe(1);
    expect(stdin.stderr).toMatch(
      /^<stdin>:1:1: error\[read-file-too-large\]: the resources on stdin is larger than the input limit/,
    );
  });

  it('argocd discover does not read a file past the limit (and finds the kagent file beside it)', () => {
    const d = dir({ 'a-big.yaml': `apiVersion: kagent.dev/v1alpha2\n${big}`, 'b.yaml': agent('a') });
    const r = kagent(['argocd', 'discover'], d);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('b.yaml\n');
  });
});
