/** Helpers for end-to-end tests that drive the built CLI and real tools. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(new URL('../..', import.meta.url).pathname);
export const binPath = path.join(repoRoot, 'bin', 'kagent-render.mjs');

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** A JavaScript stack frame (`    at fn (file:1:2)`): no user-reachable path may print one. */
export const STACK_FRAME = /^ {4}at \S.*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

/**
 * Every command of the hostile, CLI and end-to-end tests runs through here, so each of their
 * stderr is checked for stack frames (issue 19: not one user mistake may end in a trace);
 * only a test of a script that throws on purpose passes `{ stackTrace: true }`.
 */
export function run(
  cmd: string,
  args: string[],
  options: SpawnSyncOptions = {},
  expect: { stackTrace?: boolean } = {},
): Run {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
    ...options,
  });
  if (r.error) throw r.error;
  const stderr = String(r.stderr);
  const frame = STACK_FRAME.exec(stderr);
  if (frame && !expect.stackTrace) {
    const command = `${path.basename(cmd)} ${args.join(' ').slice(0, 200)}`;
    throw new Error(`a stack trace on the stderr of ${command}:\n${stderr.slice(0, 2000)}`);
  }
  return { status: r.status ?? -1, stdout: String(r.stdout), stderr };
}

/** Run the built CLI as a user would. */
export function cli(args: string[], options: SpawnSyncOptions = {}): Run {
  return run(process.execPath, [binPath, ...args], options);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `kagent-render-${prefix}-`));
}

/** A directory holding the package's executables (`kagent-render`, `kagent-render-krm`), as `npm i -g` would put them on PATH. */
export function shimDir(): string {
  const dir = tempDir('bin');
  for (const name of ['kagent-render', 'kagent-render-krm']) {
    const shim = path.join(dir, name);
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'bin', `${name}.mjs`)}" "$@"\n`);
    chmodSync(shim, 0o755);
  }
  return dir;
}

export function copyExample(name: string, into: string): string {
  const dest = path.join(into, name);
  mkdirSync(dest, { recursive: true });
  cpSync(path.join(repoRoot, 'examples', name), dest, { recursive: true });
  return dest;
}

/** An object without the annotations kpt, kustomize and the KRM function add (path, index, id, our marker). */
export function withoutToolAnnotations<T extends { metadata: { annotations?: Record<string, string> } }>(o: T): T {
  const ann = o.metadata.annotations ?? {};
  for (const k of Object.keys(ann))
    if (k.includes('config.kubernetes.io/') || k.startsWith('render.kagent.dev/') || k.startsWith('config.k8s.io/'))
      delete ann[k];
  if (Object.keys(ann).length === 0) delete o.metadata.annotations;
  return o;
}

/**
 * Why an end-to-end suite cannot run on this machine ('' when it can): the tool it drives is
 * missing. Suites put the reason in their names and skip (scripts/ensure-test-tools.mjs installs
 * what it can first).
 */
export function missingTool(cmd: string, args: string[] = ['--version']): string {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0 ? '' : `${path.basename(cmd)} is not installed`;
}

/** A suite's name, with the reason it is skipped when it is. */
export function suiteName(name: string, missing: string): string {
  return missing ? `${name} (skipped: ${missing})` : name;
}

/**
 * A git repository (a `.git` directory) with `kagent-render.yaml` = `settings` at its root,
 * inside a directory whose own `kagent-render.yaml` is invalid: settings discovery must stop
 * at the repository root and never read it.
 */
export function repoInsideDirWithSettings(prefix: string, settings: string): string {
  const outer = tempDir(prefix);
  writeFileSync(path.join(outer, 'kagent-render.yaml'), 'profile: nonsense\n');
  const repo = path.join(outer, 'repo');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  writeFileSync(path.join(repo, 'kagent-render.yaml'), settings);
  return repo;
}

/**
 * Every entry below `dir`, links not followed (Node 24's recursive readdir walks into
 * symlinked directories, Node 20's does not: this walk is the same on both).
 */
export function walkNoFollow(dir: string): Array<{ path: string; rel: string; dirent: import('node:fs').Dirent }> {
  const out: Array<{ path: string; rel: string; dirent: import('node:fs').Dirent }> = [];
  const visit = (at: string) => {
    for (const dirent of readdirSync(at, { withFileTypes: true })) {
      const p = path.join(at, dirent.name);
      out.push({ path: p, rel: path.relative(dir, p), dirent });
      if (dirent.isDirectory()) visit(p);
    }
  };
  visit(dir);
  return out;
}
