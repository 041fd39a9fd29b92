/**
 * The pre-commit hooks as their users run them: the real `pre-commit` (Debian's 3.0.4, installed
 * by .ci/run) installs this repository as a remote `language: node` hook from a git clone of
 * the current tree, inside a throw-away git repository with kagent objects.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExample, missingTool, repoRoot, run, suiteName, tempDir } from '../harness/tools.js';

const gitEnv = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

let env: NodeJS.ProcessEnv;

function git(cwd: string, ...args: string[]) {
  const r = run('git', args, { cwd, env });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** A git repository holding the current working tree of kagent-render (committed or not). */
function hookRepo(): { dir: string; rev: string } {
  const dir = tempDir('hook-repo');
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot })
    .stdout.split('\0')
    .filter(Boolean);
  for (const f of files) {
    if (!existsSync(path.join(repoRoot, f))) continue;
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    cpSync(path.join(repoRoot, f), path.join(dir, f));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'kagent-render under test');
  return { dir, rev: git(dir, 'rev-parse', 'HEAD') };
}

function consumerRepo(config: string): string {
  const dir = tempDir('consumer');
  git(dir, 'init', '-q');
  copyExample('mcp-tls', dir);
  run('mv', ['mcp-tls', 'agents'], { cwd: dir });
  writeFileSync(path.join(dir, '.pre-commit-config.yaml'), config);
  git(dir, 'add', '-A');
  return dir;
}

/** The first ```yaml block after `heading` in docs/integrations/pre-commit.md. */
function docBlock(heading: string): string {
  const doc = readFileSync(path.join(repoRoot, 'docs/integrations/pre-commit.md'), 'utf8');
  const after = doc.slice(doc.indexOf(`\n${heading}\n`));
  const m = /```yaml\n([\s\S]*?)```/.exec(after);
  if (!m || !doc.includes(`\n${heading}\n`)) throw new Error(`no yaml block under ${heading}`);
  return m[1];
}

function commit(dir: string) {
  return run('git', ['commit', '-qm', 'change'], { cwd: dir, env });
}

beforeAll(() => {
  env = { ...process.env, ...gitEnv, PRE_COMMIT_HOME: tempDir('pre-commit-home') };
  delete env.GIT_DIR;
  delete env.GIT_INDEX_FILE;
});

const noPreCommit = missingTool('pre-commit');

describe.skipIf(noPreCommit)(suiteName('pre-commit hook', noPreCommit), () => {
  it('pre-commit answers its version (npm pretest installs Debian pre-commit where it can)', () => {
    expect(run('pre-commit', ['--version']).stdout).toMatch(/^pre-commit \d/);
  });

  it('as a remote hook: renders on the first commit and fails, passes after git add, fails again after an edit and after git rm (pruned), reports an invalid Agent', () => {
    const hook = hookRepo();
    // docs/integrations/pre-commit.md's remote hook, with `repo`/`rev` pointing at a local clone.
    const remote = docBlock('## Remote hook');
    expect(remote).toContain('    rev: v0.1.0\n');
    const dir = consumerRepo(remote.replace(/repo: \S+/, `repo: ${hook.dir}`).replace(/rev: \S+/, `rev: ${hook.rev}`));
    expect(run('pre-commit', ['install'], { cwd: dir, env }).status).toBe(0);

    const first = commit(dir);
    expect(first.status).not.toBe(0);
    expect(first.stdout + first.stderr).toContain('kagent-render: updated rendered/kagent/agent-secure-agent.yaml');
    expect(existsSync(path.join(dir, 'rendered/kustomization.yaml'))).toBe(true);

    git(dir, 'add', 'rendered');
    const second = commit(dir);
    expect(second.stderr + second.stdout).not.toContain('Failed');
    expect(second.status).toBe(0);

    const agentFile = path.join(dir, 'agents/agent.yaml');
    writeFileSync(
      agentFile,
      readFileSync(agentFile, 'utf8').replace('You are a careful assistant.', 'You are a terse assistant.'),
    );
    git(dir, 'add', 'agents');
    const third = commit(dir);
    expect(third.status).not.toBe(0);
    expect(third.stdout + third.stderr).toContain('updated rendered/kagent/agent-secure-agent.yaml');
    git(dir, 'add', 'rendered');
    expect(commit(dir).status).toBe(0);

    // A commit that only deletes an Agent stages no file a `files:` filter could match: the hook
    // still runs (always_run) and prunes the deleted Agent's rendered file.
    git(dir, 'rm', '-q', 'agents/agent.yaml');
    const deletion = commit(dir);
    expect(deletion.stdout + deletion.stderr).not.toContain('(no files to check)Skipped');
    expect(deletion.status).not.toBe(0);
    expect(deletion.stdout + deletion.stderr).toContain('removed rendered/kagent/agent-secure-agent.yaml');
    expect(existsSync(path.join(dir, 'rendered/kagent/agent-secure-agent.yaml'))).toBe(false);
    expect(readFileSync(path.join(dir, 'rendered/kustomization.yaml'), 'utf8')).not.toContain('agent-secure-agent');
    git(dir, 'add', 'rendered');
    expect(commit(dir).status).toBe(0);
    expect(git(dir, 'ls-files', 'rendered')).not.toContain('agent-secure-agent');

    git(dir, 'checkout', '-q', 'HEAD~1', '--', 'agents/agent.yaml');
    writeFileSync(
      agentFile,
      readFileSync(agentFile, 'utf8').replace('modelConfig: default-model-config', 'modelConfig: nope'),
    );
    git(dir, 'add', 'agents');
    const broken = commit(dir);
    expect(broken.status).not.toBe(0);
    expect(broken.stdout + broken.stderr).toMatch(/agents\/agent\.yaml:\d+:\d+: error\[ref-missing\]/);
  }, 300_000);

  it('as a repo: local hook with kagent-render installed as a devDependency; the check hook fails with a diff', () => {
    // docs/integrations/pre-commit.md's local hook, as written.
    const dir = consumerRepo(docBlock('## Local hook'));
    // What `npm install --save-dev kagent-render` leaves behind.
    mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(repoRoot, path.join(dir, 'node_modules/kagent-render'));
    symlinkSync('../kagent-render/bin/kagent-render.mjs', path.join(dir, 'node_modules/.bin/kagent-render'));
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');

    const check = run('pre-commit', ['run', 'kagent-render-check', '--all-files'], { cwd: dir, env });
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('+++ rendered/kagent/agent-secure-agent.yaml');

    const render = run('pre-commit', ['run', 'kagent-render', '--all-files'], { cwd: dir, env });
    expect(render.status).toBe(1);
    expect(render.stdout).toContain('updated rendered/kagent/agent-secure-agent.yaml');
    const again = run('pre-commit', ['run', '--all-files'], { cwd: dir, env });
    expect(again.stdout).not.toContain('Failed');
    expect(again.status).toBe(0);
  }, 120_000);
});
