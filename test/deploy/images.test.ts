/**
 * The container images without Docker (none runs here): each Dockerfile's COPY lines are
 * carried out into a scratch root, the result is run as the image's unprivileged user, and the
 * base image, labels and .dockerignore are checked. A wrong COPY line, a file the
 * .dockerignore leaves out or a bundle that needs more than it copies fails here.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { repoRoot, tempDir } from '../harness/tools.js';

interface Dockerfile {
  from: string;
  labels: Record<string, string>;
  workdir: string;
  copies: Array<{ sources: string[]; dest: string }>;
  user: string;
  entrypoint?: string[];
}

function parseDockerfile(file: string): Dockerfile {
  const text = readFileSync(path.join(repoRoot, file), 'utf8').replace(/\\\n\s*/g, ' ');
  const out: Dockerfile = { from: '', labels: {}, workdir: '/', copies: [], user: 'root' };
  for (const line of text.split('\n').map((l) => l.trim())) {
    const [op, ...rest] = line.split(/\s+/);
    const arg = rest.join(' ');
    if (op === 'FROM') out.from = arg;
    else if (op === 'WORKDIR') out.workdir = arg;
    else if (op === 'USER') out.user = arg;
    else if (op === 'ENTRYPOINT') out.entrypoint = JSON.parse(arg);
    else if (op === 'LABEL') for (const m of arg.matchAll(/([\w.-]+)="([^"]*)"/g)) out.labels[m[1]!] = m[2]!;
    else if (op === 'COPY') out.copies.push({ sources: rest.slice(0, -1), dest: rest.at(-1)! });
  }
  return out;
}

/** Paths the build context keeps: our .dockerignore is `*` followed by `!path` exceptions. */
function contextKeeps(source: string): boolean {
  const lines = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  expect(lines[0]).toBe('*');
  const kept = lines.slice(1).map((l) => l.replace(/^!/, '').replace(/\/$/, ''));
  const rel = source.replace(/\/$/, '');
  return kept.some((k) => rel === k || rel.startsWith(`${k}/`));
}

/** Carries out the COPY lines into `root` (a scratch `/`), as `docker build` would. */
function layout(df: Dockerfile, root: string): void {
  for (const { sources, dest } of df.copies) {
    const target = path.join(root, path.isAbsolute(dest) ? dest : path.join(df.workdir, dest));
    for (const source of sources) {
      expect(contextKeeps(source), `${source} is excluded by .dockerignore`).toBe(true);
      expect(existsSync(path.join(repoRoot, source)), `COPY ${source}: no such file in the repository`).toBe(true);
      const into = dest.endsWith('/') ? path.join(target, path.basename(source)) : target;
      mkdirSync(path.dirname(into), { recursive: true });
      cpSync(path.join(repoRoot, source), into, { recursive: true });
    }
  }
}

/** Every directory below `root` readable by others, so the unprivileged user can run from it. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirRecursive(dir)) chmodSync(entry, statSync(entry).isDirectory() ? 0o755 : 0o644);
}
function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? [p, ...readdirRecursive(p)] : [p];
  });
}

const asRoot = process.getuid?.() === 0;
const USERS: Record<string, number> = { nobody: 65534, '999': 999 };
const resourceList = stringify({
  apiVersion: 'config.kubernetes.io/v1',
  kind: 'ResourceList',
  items: ['mcpserver.yaml', 'modelconfig.yaml', 'agent.yaml'].flatMap((f) =>
    parseAllDocuments(readFileSync(path.join(repoRoot, 'examples/mcp-tls', f), 'utf8')).map((d) => d.toJS()),
  ),
});

describe.each([
  ['deploy/krm/Dockerfile', 'nobody'],
  ['deploy/argocd/Dockerfile', '999'],
])('%s', (file, user) => {
  const df = parseDockerfile(file);

  it('builds on a pinned Node 24 LTS image, with OCI labels, as a non-root user', () => {
    expect(df.from).toMatch(/^node:24\.\d+\.\d+-alpine$/);
    for (const label of ['title', 'description', 'source', 'licenses', 'version'])
      expect(df.labels[`org.opencontainers.image.${label}`]).toBeTruthy();
    expect(df.labels['org.opencontainers.image.version']).toBe(
      JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version,
    );
    expect(df.user).toBe(user);
  });

  it(`runs from the files its COPY lines bring, as ${asRoot ? `user ${user}` : 'this unprivileged user (not root: no switch)'}`, () => {
    const root = tempDir('image');
    layout(df, root);
    openUp(root);
    const bin = path.join(root, df.workdir, 'bin/kagent-render.mjs');
    // The krm image's ENTRYPOINT; the Argo CD sidecar runs the same binary through plugin.yaml.
    const argv = df.entrypoint ? [bin, ...df.entrypoint.slice(2)] : [bin, 'krm'];
    if (df.entrypoint)
      expect(df.entrypoint.slice(0, 2)).toEqual(['node', path.join(df.workdir, 'bin/kagent-render.mjs')]);
    const r = spawnSync(process.execPath, argv, {
      input: resourceList,
      encoding: 'utf8',
      cwd: root,
      env: { PATH: process.env.PATH, NODE_DISABLE_COMPILE_CACHE: '1' },
      ...(asRoot ? { uid: USERS[user], gid: USERS[user] } : {}),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kind: ResourceList');
    expect(r.stdout).toContain('kind: Deployment');
  });
});
