/**
 * `-o DIR` against the built CLI (docs/output-directory.md): real symlinks, real SIGKILLs at
 * every kind of point of an update, real concurrent builds, real permissions.
 *
 * The kill loop proves the guarantee "after any crash, once the next run has repaired DIR, DIR
 * holds exactly the complete old or the complete new tree (hand-written files and links
 * included), and --check never calls DIR up to date before that". Each iteration restores the
 * old tree, starts `build -o DIR` for the new input, and SIGKILLs it: mostly through the
 * KAGENT_RENDER_TEST_KILL_AT_STEP hook (src/adapters/cli/faults.ts: the process kills itself
 * just before its Nth file-system change, N drawn stratified over all of an update's steps, so
 * every phase is hit), and a few times from outside after a random delay. Iteration counts are
 * fixed; nothing asserts a duration.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTree, repairOutput } from '../../src/adapters/cli/write.js';
import { GENERATED_HEADER } from '../../src/emit/files.js';
import { binPath, repoRoot, tempDir, walkNoFollow } from '../harness/tools.js';

const AGENTS = 200;
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

interface Result {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, env: Record<string, string> = {}): Result {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function cliAsync(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  killAfterMs?: number,
): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** Agents [from, to) in five namespaces, each with the given system message, in one file. */
function agents(from: number, to: number, message: string): string {
  const docs: string[] = [];
  for (let ns = 0; ns < 5; ns++) {
    docs.push(
      `apiVersion: kagent.dev/v1alpha2\nkind: ModelConfig\nmetadata:\n  name: model\n  namespace: ns${ns}\nspec:\n  provider: OpenAI\n  model: gpt-4o\n  apiKeySecret: openai\n  apiKeySecretKey: OPENAI_API_KEY\n`,
    );
  }
  for (let i = from; i < to; i++) {
    docs.push(
      `apiVersion: kagent.dev/v1alpha2\nkind: Agent\nmetadata:\n  name: a${String(i).padStart(3, '0')}\n  namespace: ns${i % 5}\nspec:\n  type: Declarative\n  description: agent ${i}\n  declarative:\n    modelConfig: model\n    systemMessage: "${message}"\n`,
    );
  }
  return docs.join('---\n');
}

function inputDir(root: string, name: string, text: string): string {
  mkdirSync(path.join(root, name), { recursive: true });
  writeFileSync(path.join(root, name, 'all.yaml'), text);
  return path.join(root, name);
}

/** Every entry under dir (directories omitted): files by content, links by target, other entries by type. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const { path: p, rel, dirent: e } of walkNoFollow(dir)) {
    if (e.isSymbolicLink()) out[rel] = `-> ${readlinkSync(p)}`;
    else if (e.isFile()) out[rel] = readFileSync(p, 'utf8');
    else if (!e.isDirectory()) out[rel] = '(special)';
  }
  return out;
}

function generated(snap: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(snap).filter(([, text]) => text.startsWith(GENERATED_HEADER)));
}

/** A small PRNG with a fixed seed: the same kill points on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('crash safety: SIGKILL at random points of an update of hundreds of files', () => {
  let root: string;
  let oldCopy: string;
  let oldSnap: Record<string, string>;
  let newSnap: Record<string, string>;
  let steps: number;
  let commitStep: number;
  const out = () => path.join(root, 'out');

  beforeAll(() => {
    root = tempDir('outdir-kill');
    inputDir(root, 'a', agents(0, AGENTS, 'v1'));
    // 160 files change, 40 go, 40 are new: every kind of step, in every namespace directory.
    inputDir(root, 'b', agents(AGENTS / 5, AGENTS + AGENTS / 5, 'v2'));
    expect(cli(['build', 'a', '-o', 'out'], root).status).toBe(0);
    writeFileSync(path.join(out(), 'NOTES.md'), 'hand-written\n');
    writeFileSync(path.join(out(), 'ns0', 'hand.yaml'), 'kind: Hand\n');
    symlinkSync('../a', path.join(out(), 'ext'));
    oldSnap = snapshot(out());
    oldCopy = path.join(root, 'old-copy');
    cpSync(out(), oldCopy, { recursive: true, verbatimSymlinks: true });

    const full = cli(['build', 'b', '-o', 'out'], root, { KAGENT_RENDER_TEST_KILL_AT_STEP: '0' });
    expect(full.status, full.stderr).toBe(0);
    const report = /test: (\d+) file-system steps, commit at step (\d+)/.exec(full.stderr);
    steps = Number(report?.[1]);
    commitStep = Number(report?.[2]);
    newSnap = snapshot(out());
    expect(generated(oldSnap).size).toBe(AGENTS + 1);
    expect(generated(newSnap).size).toBe(AGENTS + 1);
    expect(steps).toBeGreaterThan(2 * AGENTS); // a write and a rename per changed file, at least
    expect(commitStep).toBeGreaterThan(AGENTS);
    expect(commitStep).toBeLessThan(steps);
  }, 60_000);

  function restoreOld(): void {
    rmSync(out(), { recursive: true, force: true });
    cpSync(oldCopy, out(), { recursive: true, verbatimSymlinks: true });
  }

  /** After a kill: --check never says up to date over leftovers; the repair leaves exactly the old or the new tree. */
  async function afterKill(): Promise<'old' | 'new'> {
    const interrupted = snapshot(out());
    const check = checkTree(out(), generated(newSnap), 'out');
    if (check.diff === '' && check.problems.length === 0)
      expect(interrupted, '--check said up to date').toEqual(newSnap);
    await repairOutput(out(), 'out');
    const repaired = snapshot(out());
    if (JSON.stringify(repaired) === JSON.stringify(oldSnap)) return 'old';
    expect(repaired, 'neither the complete old nor the complete new tree').toEqual(newSnap);
    return 'new';
  }

  it('killed by itself before its Nth file-system change: just before, at and after the commit point, and 13 more N stratified over the whole update', async () => {
    const random = prng(16);
    const stratified = Array.from({ length: 13 }, (_, i) => 1 + Math.floor(((i + random()) * steps) / 13));
    const outcomes = { old: 0, new: 0 };
    for (const at of [commitStep - 1, commitStep, commitStep + 1, ...stratified]) {
      restoreOld();
      const r = cli(['build', 'b', '-o', 'out'], root, { KAGENT_RENDER_TEST_KILL_AT_STEP: String(at) });
      expect(r.signal, `kill at step ${at}: ${r.stderr}`).toBe('SIGKILL');
      const outcome = await afterKill();
      // Killed before the commit record's rename: the old tree; at any later step: the new one.
      expect(outcome, `kill at step ${at}, commit at step ${commitStep}`).toBe(at <= commitStep ? 'old' : 'new');
      outcomes[outcome]++;
    }
    expect(outcomes.old).toBeGreaterThan(1);
    expect(outcomes.new).toBeGreaterThan(1);
  }, 180_000);

  it('killed from outside after a random delay (3 kills), then the next build finishes the job', async () => {
    const random = prng(4);
    for (let i = 0; i < 3; i++) {
      restoreOld();
      // The delay spreads over start-up, rendering and writing; a run that ends first is fine too.
      const r = await cliAsync(['build', 'b', '-o', 'out'], root, {}, Math.floor(random() * 600));
      expect(r.signal === 'SIGKILL' || r.status === 0, r.stderr).toBe(true);
      await afterKill();
    }
    const next = cli(['build', 'b', '-o', 'out'], root);
    expect(next.status, next.stderr).toBe(0);
    expect(snapshot(out())).toEqual(newSnap);
    expect(cli(['build', 'b', '-o', 'out', '--check'], root).status).toBe(0);
  }, 120_000);

  it('a real build after a kill repairs first: --check fails on the leftovers, the next build ends up-to-date', () => {
    restoreOld();
    const killed = cli(['build', 'b', '-o', 'out'], root, {
      KAGENT_RENDER_TEST_KILL_AT_STEP: String(Math.floor(steps / 2)),
    });
    expect(killed.signal).toBe('SIGKILL');
    const check = cli(['build', 'b', '-o', 'out', '--check'], root);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(
      /^kagent-render: error: out holds leftovers of an interrupted or running kagent-render build \(out\//m,
    );
    const next = cli(['build', 'b', '-o', 'out'], root);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/removed a stale lock on out \(pid \d+ on .* is not running\)/);
    expect(next.stderr).toMatch(/(finished|discarded) an interrupted update of out/);
    expect(snapshot(out())).toEqual(newSnap);
  }, 60_000);

  it('two concurrent builds of different inputs into one DIR (3 rounds): both succeed, DIR is exactly one of the two trees', async () => {
    for (let i = 0; i < 3; i++) {
      restoreOld();
      const [a, b] = await Promise.all([
        cliAsync(['build', 'a', '-o', 'out'], root),
        cliAsync(['build', 'b', '-o', 'out'], root),
      ]);
      expect(a.status, a.stderr).toBe(0);
      expect(b.status, b.stderr).toBe(0);
      const final = snapshot(out());
      expect(
        [oldSnap, newSnap].some((s) => JSON.stringify(s) === JSON.stringify(final)),
        'one complete tree, no leftovers',
      ).toBe(true);
    }
  }, 120_000);
});

describe('links in DIR, and where DIR may be', () => {
  const example = path.join(repoRoot, 'examples/mcp-tls');

  function repo(): string {
    const dir = tempDir('outdir-links');
    cpSync(example, dir, { recursive: true });
    expect(cli(['build', '.', '-o', 'rendered'], dir).status).toBe(0);
    return dir;
  }

  it('--check and the pre-commit --check hook never print what a link points to (ln -s /proc/self/environ DIR/kustomization.yaml)', () => {
    const dir = repo();
    rmSync(path.join(dir, 'rendered/kustomization.yaml'));
    symlinkSync('/proc/self/environ', path.join(dir, 'rendered/kustomization.yaml'));
    const env = { KAGENT_RENDER_TEST_TOKEN: 'token-value-that-must-not-leak' };
    for (const args of [
      ['build', '.', '-o', 'rendered', '--check'],
      ['pre-commit', '--check', '--output', 'rendered', '.'],
    ]) {
      const r = cli(args, dir, env);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stdout + r.stderr).not.toContain('token-value-that-must-not-leak');
      expect(r.stderr).toContain(
        'kagent-render: error: refusing to replace rendered/kustomization.yaml: it is a symlink',
      );
    }
    // build refuses too, and the link stays.
    const build = cli(['build', '.', '-o', 'rendered'], dir, env);
    expect(build.status).toBe(1);
    expect(readlinkSync(path.join(dir, 'rendered/kustomization.yaml'))).toBe('/proc/self/environ');
  });

  it('links to a directory outside and to DIR itself: warned about, never walked or pruned through (the outside stays)', () => {
    const dir = repo();
    const other = tempDir('outdir-other');
    writeFileSync(path.join(other, 'agent-x.yaml'), `${GENERATED_HEADER}\nfrom another tree\n`);
    symlinkSync(other, path.join(dir, 'rendered/ext'));
    symlinkSync('.', path.join(dir, 'rendered/loop'));
    rmSync(path.join(dir, 'agent.yaml')); // the Agent's file becomes stale
    const r = cli(['build', '.', '-o', 'rendered'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'kagent-render: warning: rendered/ext is a symlink; kagent-render leaves it alone (not followed, read or removed)',
      'kagent-render: warning: rendered/loop is a symlink; kagent-render leaves it alone (not followed, read or removed)',
      'kagent-render: wrote 1, unchanged 1, removed 1 in rendered',
    ]);
    expect(readdirSync(other)).toEqual(['agent-x.yaml']);
    expect(existsSync(path.join(dir, 'rendered/kagent/agent-secure-agent.yaml'))).toBe(false);
    expect(readlinkSync(path.join(dir, 'rendered/loop'))).toBe('.');
    // --quiet: errors only, so neither the link warnings nor the summary.
    const quiet = cli(['build', '.', '-o', 'rendered', '--quiet'], dir);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('-o / is refused (exit 2), and so is a symlinked alias of the input as DIR', () => {
    const dir = repo();
    const root = cli(['build', '.', '-o', '/'], dir);
    expect(root.status).toBe(2);
    expect(root.stderr).toBe(
      'kagent-render: -o / is the file-system root; write the output to a directory of its own\n',
    );
    symlinkSync('.', path.join(dir, 'alias'));
    const alias = cli(['build', '.', '-o', 'alias'], dir);
    expect(alias.status).toBe(2);
    expect(alias.stderr).toMatch(/^kagent-render: -o alias is a symlink/);
    const parent = cli(['build', 'agent.yaml', '-o', '.'], dir);
    expect(parent.status).toBe(2);
    expect(parent.stderr).toMatch(/^kagent-render: -o \. contains the input agent\.yaml: /);
  });

  it('an input reached through a symlinked alias never reads DIR inside it (the second run reads the same input as the first)', () => {
    const base = tempDir('outdir-alias');
    cpSync(example, path.join(base, 'repo'), { recursive: true });
    symlinkSync('repo', path.join(base, 'alias'));
    const first = cli(['build', 'alias', '-o', 'repo/rendered'], base);
    expect(first.status, first.stderr).toBe(0);
    const second = cli(['build', 'alias', '-o', 'repo/rendered'], base);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toBe('kagent-render: wrote 0, unchanged 3, removed 0 in repo/rendered\n');
    expect(cli(['build', 'alias', '-o', 'repo/rendered', '--check'], base).status).toBe(0);
  });

  it('leftovers are never read as input: a stage inside an input directory, and the sibling stage dir of earlier versions', () => {
    const dir = repo();
    const agent = readFileSync(path.join(dir, 'agent.yaml'), 'utf8');
    mkdirSync(path.join(dir, 'more/.kagent-render.new'), { recursive: true });
    writeFileSync(path.join(dir, 'more/.kagent-render.new/agent.yaml'), agent); // would be a duplicate Agent
    mkdirSync(path.join(dir, 'rendered.kagent-render-4242.tmp/kagent'), { recursive: true });
    writeFileSync(path.join(dir, 'rendered.kagent-render-4242.tmp/kagent/agent.yaml'), agent);
    const r = cli(['build', '.', '-o', 'rendered', '--check'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('permissions', () => {
  /**
   * Run the CLI as an unprivileged user: directly when this is not root, through setpriv as
   * nobody (65534) when it is, so that permissions apply in both cases.
   */
  function asUser(args: string[], cwd: string): Result {
    const cmd = isRoot
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
      : [process.execPath];
    const r = spawnSync(cmd[0], [...cmd.slice(1), binPath, ...args], { cwd, encoding: 'utf8' });
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  }

  function ownedRepo(): string {
    const base = tempDir('outdir-perm');
    chmodSync(base, 0o755);
    const dir = path.join(base, 'repo');
    cpSync(path.join(repoRoot, 'examples/mcp-tls'), dir, { recursive: true });
    expect(cli(['build', '.', '-o', 'rendered'], dir).status).toBe(0);
    if (isRoot) spawnSync('chown', ['-R', '65534:65534', base]);
    return dir;
  }

  const skip = isRoot && !hasSetpriv;
  const reason = skip ? ' — SKIPPED: running as root without setpriv, permissions do not apply to root' : '';

  it.skipIf(skip)(
    `an unreadable subdirectory of DIR is an error for build and --check, not silently skipped pruning${reason}`,
    () => {
      const dir = ownedRepo();
      mkdirSync(path.join(dir, 'rendered/private'));
      writeFileSync(path.join(dir, 'rendered/private/agent-old.yaml'), `${GENERATED_HEADER}\nstale\n`);
      if (isRoot) spawnSync('chown', ['-R', '65534:65534', path.join(dir, 'rendered/private')]);
      chmodSync(path.join(dir, 'rendered/private'), 0o000);
      const before = snapshot(path.join(dir, 'rendered'));
      for (const extra of [[], ['--check']]) {
        const r = asUser(['build', '.', '-o', 'rendered', ...extra], dir);
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr).toContain(
          'kagent-render: error: cannot read rendered/private (EACCES): an unreadable directory could hide stale generated files',
        );
      }
      chmodSync(path.join(dir, 'rendered/private'), 0o755);
      expect(snapshot(path.join(dir, 'rendered'))).toEqual(before);
    },
  );

  it.skipIf(skip)(
    `a permission failure midway (one namespace directory read-only) leaves the complete old tree${reason}`,
    () => {
      const dir = ownedRepo();
      // Two namespaces: kagent (writable) and later "zz" (read-only), both with changes.
      const agent = readFileSync(path.join(dir, 'agent.yaml'), 'utf8');
      const zz = (text: string) => text.replaceAll('namespace: kagent', 'namespace: zz');
      mkdirSync(path.join(dir, 'zz'));
      for (const f of ['agent.yaml', 'mcpserver.yaml', 'modelconfig.yaml'])
        writeFileSync(path.join(dir, 'zz', f), zz(readFileSync(path.join(dir, f), 'utf8')));
      writeFileSync(path.join(dir, 'agent.yaml'), agent.replace('careful assistant', 'terse assistant'));
      if (isRoot) spawnSync('chown', ['-R', '65534:65534', dir]);
      const first = asUser(['build', '.', '-o', 'rendered'], dir);
      expect(first.status, first.stderr).toBe(0);
      const before = snapshot(path.join(dir, 'rendered'));
      writeFileSync(path.join(dir, 'agent.yaml'), agent.replace('careful assistant', 'brief assistant'));
      writeFileSync(path.join(dir, 'zz/agent.yaml'), zz(agent.replace('careful assistant', 'brief assistant')));
      chmodSync(path.join(dir, 'rendered/zz'), 0o555);
      const r = asUser(['build', '.', '-o', 'rendered'], dir);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(
        /^kagent-render: error: cannot write .*rendered\/zz\/\.kagent-render\.new \(EACCES\); the previous contents of rendered are unchanged\n$/,
      );
      chmodSync(path.join(dir, 'rendered/zz'), 0o755);
      expect(snapshot(path.join(dir, 'rendered'))).toEqual(before);
    },
  );
});
