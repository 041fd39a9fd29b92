/**
 * The CI recipes of deploy/ci/ run for real, everything but the posting: their shell steps,
 * taken from the YAML files, on a clone of a scratch repository with a pull-request branch,
 * with the built CLI on PATH as `npm install --global` would put it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDiffRepo, hasGit, SECRET_VALUES } from '../harness/diff-repo.js';
import { repoRoot, shimDir, tempDir } from '../harness/tools.js';

const github = parse(readFileSync(path.join(repoRoot, 'deploy/ci/github-actions.yml'), 'utf8'));
const gitlab = parse(readFileSync(path.join(repoRoot, 'deploy/ci/gitlab-ci.yml'), 'utf8'));

/** A clone as CI has it: `origin/base` is the target branch, HEAD the pull request. */
function pullRequestClone(source: string, head: string): string {
  const dir = tempDir('ci-clone');
  execFileSync('git', ['clone', '--quiet', source, dir]);
  execFileSync('git', ['checkout', '--quiet', '--detach', head], { cwd: dir });
  return dir;
}

function bash(script: string, cwd: string, env: Record<string, string>): { status: number; stderr: string } {
  const r = spawnSync('bash', ['-e', '-c', script], {
    cwd,
    env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` },
    encoding: 'utf8',
  });
  return { status: r.status ?? -1, stderr: r.stderr };
}

let source = '';
let bin = '';

describe.skipIf(!hasGit)('CI recipes (skipped: git is not installed)', () => {
  beforeAll(() => {
    source = buildDiffRepo();
    execFileSync('git', ['branch', 'base', 'start'], { cwd: source });
    bin = shimDir();
  });

  it('GitHub Actions: the render step writes the comment and status 0; only the posting step is left out', () => {
    const steps = github.jobs.diff.steps as Array<{ id?: string; name?: string; run?: string; uses?: string }>;
    const shell = steps.filter((s) => s.run);
    expect(shell.map((s) => s.name)).toEqual([
      'Install kagent-render',
      'Render the diff',
      'Post the comment',
      'Fail on input errors',
    ]);
    expect(shell[2].run).toMatch(/^gh pr comment /);
    const dir = pullRequestClone(source, 'change-model');
    const output = path.join(dir, '.github-output');
    writeFileSync(output, '');
    const r = bash(steps.find((s) => s.id === 'diff')!.run!, dir, { BASE_REF: 'base', GITHUB_OUTPUT: output });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('status=0\n');
    const comment = readFileSync(path.join(dir, 'kagent-render-diff.md'), 'utf8');
    expect(comment).toContain(
      '**2 changed (1 Deployment rolls out, 0 without restart), 0 created, 0 deleted, 10 unchanged**',
    );
    expect(comment).toContain('+   model.model: gpt-4o-mini\n');
    for (const v of SECRET_VALUES) expect(comment).not.toContain(v);
  });

  it('GitHub Actions: an input error on the pull request becomes a comment with the diagnostics and status 1', () => {
    const dir = pullRequestClone(source, 'change-model');
    writeFileSync(
      path.join(dir, 'agents.yaml'),
      readFileSync(path.join(dir, 'agents.yaml'), 'utf8').replace('modelConfig: model', 'modelConfig: missing'),
    );
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '--quiet', '-am', 'broken'], {
      cwd: dir,
    });
    const output = path.join(dir, '.github-output');
    writeFileSync(output, '');
    const steps = github.jobs.diff.steps as Array<{ id?: string; run?: string }>;
    expect(
      bash(steps.find((s) => s.id === 'diff')!.run!, dir, { BASE_REF: 'base', GITHUB_OUTPUT: output }).status,
    ).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('status=1\n');
    const comment = readFileSync(path.join(dir, 'kagent-render-diff.md'), 'utf8');
    expect(comment).toContain('The change does not render (exit 1):');
    expect(comment).toMatch(/\nhead:agents\.yaml:\d+:\d+: error\[ref-missing\]: ModelConfig 'missing' not found/);
  });

  it('GitLab CI: the script without the note posting writes the Markdown and exits 0', () => {
    const job = gitlab['kagent-render-diff'];
    const script = job.script as string[];
    const posting = script.filter((s) => s.includes('/notes'));
    expect(posting).toHaveLength(1);
    expect(posting[0]).toMatch(/^curl /);
    const dir = pullRequestClone(source, 'add-agent');
    const r = bash(script.filter((s) => !posting.includes(s)).join('\n'), dir, {
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'base',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const note = readFileSync(path.join(dir, 'kagent-render-diff.md'), 'utf8');
    expect(note).toContain('**Created**: `Secret agents/reviewer`');
    expect(note).toContain('**Rolls out** (pod template changed):');
    for (const v of SECRET_VALUES) expect(note).not.toContain(v);
  });
});
