/**
 * `kagent-render diff` on a scratch git repository with one commit per kind of change
 * (test/harness/diff-repo.ts): the summary line, the paths shown, the exit code, and that no
 * input Secret value appears in any format.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/adapters/cli/main.js';
import { buildDiffRepo, hasGit, SECRET_VALUES } from './harness/diff-repo.js';

interface Out {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], cwd: string, env: Record<string, string | undefined> = process.env): Promise<Out> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    env,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

const FORMATS = ['text', 'markdown', 'json'] as const;

/** The documented JSON schema (schemas/diff-report.json): every report must follow it. */
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(new URL('../schemas/diff-report.json', import.meta.url), 'utf8')),
);

/** Every secret as written and as base64, none of which may be printed. */
const FORBIDDEN = SECRET_VALUES.flatMap((v) => [v, Buffer.from(v, 'utf8').toString('base64')]);

function expectNoSecret(o: Out): void {
  for (const v of FORBIDDEN) {
    expect(o.stdout).not.toContain(v);
    expect(o.stderr).not.toContain(v);
  }
}

interface StepExpectation {
  summary: string;
  text: string[];
  /** What the Markdown shows, where it differs from the text. */
  markdown?: string[];
  rollouts?: Record<string, string[]>;
}

const EXPECTED: Record<string, StepExpectation> = {
  'change-model': {
    summary: '2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged',
    text: ['-   model.model: gpt-4o\n', '+   model.model: gpt-4o-mini\n', '(follows from Secret agents/assistant)'],
    rollouts: { 'Deployment agents/assistant': ['config.json: model.model gpt-4o → gpt-4o-mini'] },
  },
  'add-tool': {
    summary: '2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged',
    text: ['+   http_tools[1]:\n', '+       url: http://legacy.agents:3000/mcp\n', '+       - legacy-tool\n'],
    rollouts: { 'Deployment agents/assistant': ['config.json: http_tools[1] added'] },
  },
  'remove-tool': {
    summary: '2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged',
    text: ['-   http_tools[1]:\n', '-       - legacy-tool\n'],
    rollouts: { 'Deployment agents/assistant': ['config.json: http_tools[1] removed'] },
  },
  'rotate-tls-secret': {
    summary: '2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged',
    text: [
      '+ spec.template.spec.volumes[name=mcp-tls-client-b]:\n',
      '- spec.template.spec.volumes[name=mcp-tls-client-a]:\n',
      '+     secretName: client-b\n',
    ],
    rollouts: {
      'Deployment agents/assistant': [
        'volumes[name=mcp-tls-client-b] added',
        'volumes[name=mcp-tls-client-a] removed',
        'containers[name=kagent].volumeMounts[name=mcp-tls-client-b] added',
        'containers[name=kagent].volumeMounts[name=mcp-tls-client-a] removed',
        'config.json: http_tools[0].params.tls_client_cert_path ' +
          '/etc/kagent/mcp-tls/client-a → /etc/kagent/mcp-tls/client-b',
      ],
    },
  },
  'change-configmap-header': {
    summary: '2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged',
    text: ['-   http_tools[0].params.headers.X-Tenant: acme\n', '+   http_tools[0].params.headers.X-Tenant: globex\n'],
    rollouts: { 'Deployment agents/assistant': ['config.json: http_tools[0].params.headers.X-Tenant acme → globex'] },
  },
  'rotate-secret-header': {
    summary: '2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged',
    text: ['    http_tools[0].params.headers.Authorization: changed (Secret value, not shown)\n'],
    rollouts: {
      'Deployment agents/assistant': [
        'config.json: http_tools[0].params.headers.Authorization changed (Secret value, not shown)',
      ],
    },
  },
  'add-agent': {
    summary: '0 changed, 4 created, 0 deleted, 12 unchanged',
    text: [
      '+ Secret agents/reviewer (created)\n',
      '+ Deployment agents/reviewer (created)\n',
      '+           Authorization: <input Secret value, not shown>\n',
      '+   instruction: You review tickets.\n',
    ],
    markdown: [
      '<details><summary>+ Secret agents/reviewer (created)</summary>\n',
      '+           Authorization: <input Secret value, not shown>\n',
    ],
  },
  'delete-mcpserver': {
    summary: '0 changed, 0 created, 4 deleted, 12 unchanged',
    text: [
      '- Deployment agents/legacy (deleted)\n',
      '- ConfigMap agents/legacy (deleted)\n',
      '- ServiceAccount agents/legacy (deleted)\n',
      '- Service agents/legacy (deleted)\n',
    ],
    markdown: [
      '**Deleted**: `Deployment agents/legacy`, `Service agents/legacy`, ' +
        '`ConfigMap agents/legacy`, `ServiceAccount agents/legacy`\n',
    ],
  },
  'comment-only': { summary: 'no changes (12 objects unchanged)', text: [] },
  'long-unicode-value': {
    summary: '2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged',
    text: ['-   instruction: …(3452 chars)', ' MIDDLE-WORD and keep going', ' MITTE-WÖRT and keep going'],
    rollouts: {
      'Deployment agents/assistant': [
        'config.json: instruction …(3470 chars) 答えは簡潔に 🙂 MIDDLE-WORD and keep go…(1189 chars) → ' +
          '…(3470 chars) 答えは簡潔に 🙂 MITTE-WÖRT and keep go…(1189 chars)',
      ],
    },
  },
};

describe.skipIf(!hasGit)('kagent-render diff on a scratch git repository (skipped: git is not installed)', () => {
  let repo = '';
  beforeAll(() => {
    repo = buildDiffRepo();
  });
  const steps = Object.keys(EXPECTED);

  it.each(steps.map((s, i) => [s, i === 0 ? 'start' : steps[i - 1]]))(
    '%s: summary, paths, exit code, no Secret value, in every format',
    async (step, prev) => {
      const want = EXPECTED[step];
      const changed = want.summary.startsWith('no changes') ? 0 : 1;
      const text = await run(['diff', '--base', prev, '--head', step], repo);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(changed);
      expect(text.stdout.split('\n')[1]).toBe(`Summary: ${want.summary}`);
      for (const t of want.text) expect(text.stdout).toContain(t);
      expectNoSecret(text);

      const markdown = await run(['diff', '--base', prev, '--head', step, '--format', 'markdown'], repo);
      expect(markdown.code).toBe(changed);
      expect(markdown.stdout).toContain(`**${want.summary}**`);
      expect(markdown.stdout.length).toBeLessThanOrEqual(65_536);
      for (const t of want.markdown ?? want.text) expect(markdown.stdout).toContain(t);
      expectNoSecret(markdown);

      const json = await run(['diff', '--base', prev, '--head', step, '--format', 'json'], repo);
      expect(json.code).toBe(changed);
      const report = JSON.parse(json.stdout);
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      expect(report.schemaVersion).toBe(1);
      expect(report.base).toBe(prev);
      expect(report.head).toBe(step);
      const rollouts = Object.fromEntries(
        report.objects
          .filter((o: any) => o.rollout)
          .map((o: any) => [`${o.kind} ${o.namespace}/${o.name}`, o.rollout.reasons]),
      );
      expect(rollouts).toEqual(want.rollouts ?? {});
      expectNoSecret(json);
      // Well-formed text: no surrogate half of a cut emoji (it would not survive UTF-8).
      for (const o of [text, markdown, json]) expect(Buffer.from(o.stdout, 'utf8').toString('utf8')).toBe(o.stdout);
    },
  );

  it('json: a Secret value change is redacted (no old/new), a hash annotation names what it follows from', async () => {
    const r = JSON.parse(
      (
        await run(
          ['diff', '--base', 'change-configmap-header', '--head', 'rotate-secret-header', '--format', 'json'],
          repo,
        )
      ).stdout,
    );
    const secret = r.objects.find((o: any) => o.kind === 'Secret');
    expect(secret.changes).toEqual([
      {
        op: 'change',
        path: 'http_tools[0].params.headers.Authorization',
        document: { field: 'stringData["config.json"]', name: 'config.json' },
        redacted: true,
      },
    ]);
    expect(secret.pickedUpBy).toEqual(['Deployment agents/assistant']);
    expect(validateReport(r)).toBe(true);
    expect(validateReport({ ...r, objects: [{ ...secret, status: 'moved' }] })).toBe(false);
    expect(
      validateReport({ ...r, objects: [{ ...secret, changes: [{ op: 'change', path: 'x', redacted: false }] }] }),
    ).toBe(false);
    const deployment = r.objects.find((o: any) => o.kind === 'Deployment');
    expect(deployment.changes).toHaveLength(1);
    expect(deployment.changes[0].path).toBe('spec.template.metadata.annotations["kagent.dev/config-hash"]');
    expect(deployment.changes[0].consequenceOf).toEqual(['Secret agents/assistant']);
  });

  it('the whole history at once, every format: no Secret value; same bytes on a second run', async () => {
    for (const format of FORMATS) {
      const a = await run(['diff', '--base', 'start', '--head', 'long-unicode-value', '--format', format], repo);
      const b = await run(['diff', '--base', 'start', '--head', 'long-unicode-value', '--format', format], repo);
      expect(a.code).toBe(1);
      expect(b.stdout).toBe(a.stdout);
      expectNoSecret(a);
    }
  });

  it('default sides: HEAD against the working tree; the working tree and the index are left as they were', async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'kagent-render-diff-wt-'));
    cpSync(repo, clone, { recursive: true });
    const status = () =>
      execFileSync('git', ['status', '--porcelain=v1', '--untracked-files=all'], { cwd: clone, encoding: 'utf8' });
    expect((await run(['diff'], clone)).code).toBe(0);
    const file = path.join(clone, 'models.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('model: gpt-4o-mini', 'model: gpt-4.1'));
    const before = status();
    const r = await run(['diff', '--color', 'never'], clone);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('kagent-render diff: HEAD → working tree\n');
    expect(r.stdout).toContain('    config.json: model.model gpt-4o-mini → gpt-4.1\n');
    expect((await run(['diff', '--base', 'start', '--head', 'change-model'], clone)).code).toBe(1);
    expect(status()).toBe(before);
    expect(readFileSync(file, 'utf8')).toContain('model: gpt-4.1');
    expect((await run(['diff', '--exit-zero'], clone)).code).toBe(0);
  });

  it('usage errors exit 2 and say why: unknown ref, not a git repo, a path on neither side, build flags', async () => {
    const unknown = await run(['diff', '--base', 'no-such-ref'], repo);
    expect(unknown.code).toBe(2);
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: repo, encoding: 'utf8' }).trim();
    expect(unknown.stderr).toBe(`kagent-render: unknown git ref 'no-such-ref' in ${top}\n`);
    const outside = mkdtempSync(path.join(tmpdir(), 'kagent-render-not-git-'));
    const notGit = await run(['diff'], outside, { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(outside) });
    expect(notGit.code).toBe(2);
    expect(notGit.stderr).toMatch(
      /^kagent-render: not in a git repository \(.*\): diff compares git refs; use --dirs OLD NEW/,
    );
    expect((await run(['diff', 'nowhere.yaml', '--base', 'start'], repo)).stderr).toBe(
      "kagent-render: path 'nowhere.yaml' exists on neither side\n",
    );
    expect((await run(['diff', '-o', 'out'], repo)).code).toBe(2);
    expect((await run(['diff', '--format', 'yaml'], repo)).stderr).toBe(
      "kagent-render: --format must be one of text, markdown, json, got 'yaml'\n",
    );
    expect((await run(['diff', '--dirs', 'a'], repo)).code).toBe(2);
  });

  it("a path that exists on one side only is that side's whole input (a new directory is all created)", async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'kagent-render-diff-new-'));
    cpSync(repo, clone, { recursive: true });
    execFileSync(
      'sh',
      ['-c', 'mkdir team && git mv agents.yaml models.yaml servers.yaml team/ && git commit -qm move'],
      { cwd: clone },
    );
    const r = await run(['diff', 'team', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], clone);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ created: 12, changed: 0, deleted: 0, unchanged: 0 });
    // The files moved, the objects did not: nothing changes when both sides read everything.
    expect((await run(['diff', '--base', 'HEAD~1', '--head', 'HEAD'], clone)).code).toBe(0);
  });

  it('a submodule is read at the commit each side records (an untouched submodule is no change)', async () => {
    const top = mkdtempSync(path.join(tmpdir(), 'kagent-render-diff-sub-'));
    const sub = path.join(top, 'sub');
    cpSync(repo, sub, { recursive: true });
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'protocol.file.allow=always', '-c', 'user.email=a@b', '-c', 'user.name=a', ...args], {
        cwd,
        encoding: 'utf8',
      });
    git(sub, 'checkout', '-q', 'start');
    const sup = path.join(top, 'super');
    git(top, 'init', '-q', sup);
    git(sup, 'submodule', 'add', '-q', sub, 'team');
    git(sup, 'commit', '-qm', 'add team');
    const same = await run(['diff', 'team'], sup);
    expect(same.stderr).toBe('');
    expect(same.stdout).toContain('Summary: no changes (12 objects unchanged)');
    git(path.join(sup, 'team'), 'checkout', '-q', 'change-model');
    const moved = await run(['diff', 'team', '--color', 'never'], sup);
    expect(moved.stdout).toContain('    config.json: model.model gpt-4o → gpt-4o-mini\n');
    git(sup, 'commit', '-qam', 'bump team');
    const refs = await run(['diff', 'team', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], sup);
    expect(JSON.parse(refs.stdout).summary).toMatchObject({ created: 0, changed: 2, deleted: 0 });
  });

  it('--color: always paints, never and auto on a pipe do not', async () => {
    const args = ['diff', '--base', 'start', '--head', 'change-model'];
    expect((await run([...args, '--color', 'always'], repo)).stdout).toContain(
      '\x1b[32m+   model.model: gpt-4o-mini\x1b[0m',
    );
    expect((await run([...args, '--color', 'never'], repo)).stdout).not.toContain('\x1b[');
    expect((await run(args, repo)).stdout).not.toContain('\x1b[');
  });
});

describe('kagent-render diff --dirs', () => {
  const example = path.resolve(new URL('../examples/mcp-tls', import.meta.url).pathname);

  it('compares two directories without git; an input error is reported with the side name and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kagent-render-diff-dirs-'));
    cpSync(example, path.join(dir, 'old'), { recursive: true });
    cpSync(example, path.join(dir, 'new'), { recursive: true });
    const mc = path.join(dir, 'new', 'modelconfig.yaml');
    writeFileSync(mc, readFileSync(mc, 'utf8').replace('model: gpt-4o', 'model: gpt-4o-mini'));
    const r = await run(['diff', '--dirs', 'old', 'new', '--color', 'never'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'kagent-render diff: old → new',
      'Summary: 2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 6 unchanged',
    ]);
    expect((await run(['diff', '--dirs', 'old', 'new', '--exit-zero'], dir)).code).toBe(0);
    expect((await run(['diff', '--dirs', 'old', 'old'], dir)).code).toBe(0);

    // Each side's own kagent-render.yaml: the settings differ, so does what renders.
    writeFileSync(path.join(dir, 'old', 'kagent-render.yaml'), 'imageTag: "0.9.0"\n');
    writeFileSync(path.join(dir, 'new', 'kagent-render.yaml'), 'imageTag: "1.0.0"\n');
    const settings = await run(['diff', '--dirs', 'old', 'new', '--color', 'never'], dir);
    expect(settings.stdout).toContain(
      '- spec.template.spec.containers[name=kagent].image: ghcr.io/kagent-dev/kagent/golang-adk:0.9.0\n',
    );
    expect(settings.stdout).toContain(
      '+ spec.template.spec.containers[name=kagent].image: ghcr.io/kagent-dev/kagent/golang-adk:1.0.0\n',
    );
    // Flags apply to both sides, over each side's file.
    expect(
      (await run(['diff', '--dirs', 'old', 'new', '--image-tag', 'x', '--format', 'json'], dir)).stdout,
    ).not.toContain('golang-adk');

    writeFileSync(
      path.join(dir, 'old', 'agent.yaml'),
      readFileSync(path.join(dir, 'old', 'agent.yaml'), 'utf8').replace('type: Declarative', 'type: Scripted'),
    );
    const broken = await run(['diff', '--dirs', 'old', 'new'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^base:agent\.yaml:\d+:\d+: error\[/);
    expect(broken.stderr).toContain('kagent-render: diff: invalid input (see above); nothing compared\n');
  });
});
