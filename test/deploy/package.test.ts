/**
 * The npm package as a user gets it: `npm pack`, then the tarball installed offline into a
 * scratch project (possible only because it has no runtime dependencies: the bundle in dist/
 * carries yaml, ajv and fast-glob), then both executables run from node_modules/.bin.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { repoRoot, run, tempDir } from '../harness/tools.js';

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
let project: string;
let files: string[];

beforeAll(() => {
  const out = tempDir('pack');
  const packed = run('npm', ['pack', '--json', '--pack-destination', out], { cwd: repoRoot });
  expect(packed.status, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = info!.files.map((f) => f.path);
  project = tempDir('consumer');
  writeFileSync(path.join(project, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}\n');
  const installed = run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(out, info!.filename)], {
    cwd: project,
  });
  expect(installed.status, installed.stderr).toBe(0);
}, 120_000);

describe('the packed npm package', () => {
  it('declares no runtime dependencies', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
  });

  it('ships the bundle, its map, both executables, the schemas, the LICENSE and no sources or tests', () => {
    for (const f of [
      'dist/kagent-render.cjs',
      'dist/kagent-render.cjs.map',
      'bin/kagent-render.mjs',
      'bin/kagent-render-krm.mjs',
      'schemas/settings.json',
      'LICENSE',
      'CHANGELOG.md',
      'package.json',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('node_modules/'))).toEqual(
      [],
    );
  });

  it('installed from the tarball alone, renders with kagent-render build', () => {
    const r = run(
      path.join(project, 'node_modules/.bin/kagent-render'),
      ['build', path.join(repoRoot, 'examples/mcp-tls')],
      { cwd: project },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kind: Deployment');
    expect(r.stdout).toContain('/etc/kagent/mcp-tls/');
  });

  it('installed from the tarball alone, runs as a KRM function with kagent-render-krm', () => {
    const items = parseAllDocuments(readFileSync(path.join(repoRoot, 'examples/mcp-tls/mcpserver.yaml'), 'utf8')).map(
      (d) => d.toJS(),
    );
    const input = stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items });
    const r = run(path.join(project, 'node_modules/.bin/kagent-render-krm'), [], {
      cwd: project,
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kind: ResourceList');
    expect(r.stdout).toContain('kind: Deployment');
  });
});
