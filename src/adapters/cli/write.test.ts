import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../diagnostics/errors.js';
import { GENERATED_HEADER } from '../../emit/files.js';
import { writeTree } from './write.js';

const file = (body: string) => `${GENERATED_HEADER}${body}\n`;

/** An output dir holding a previous run's two files. */
function previousOutput(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kagent-render-write-'));
  mkdirSync(path.join(dir, 'a'));
  mkdirSync(path.join(dir, 'b'));
  writeFileSync(path.join(dir, 'a/x.yaml'), file('old x'));
  writeFileSync(path.join(dir, 'b/y.yaml'), file('old y'));
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = readFileSync(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

describe('writeTree', () => {
  it('replaces changed files, keeps unchanged ones and removes stale generated ones', async () => {
    const dir = previousOutput();
    const r = await writeTree(dir, new Map([['a/x.yaml', file('new x')], ['c/z.yaml', file('z')]]));
    expect(r).toEqual({ written: ['a/x.yaml', 'c/z.yaml'], removed: ['b/y.yaml'] });
    expect(snapshot(dir)).toEqual({ 'a/x.yaml': file('new x'), 'c/z.yaml': file('z') });
  });

  it('disk full midway (a temp file on /dev/full): the previous output is unchanged and no temp file is left', async () => {
    const dir = previousOutput();
    const before = snapshot(dir);
    // The second file's temp path is where the write fails with ENOSPC.
    symlinkSync('/dev/full', path.join(dir, 'b', `.y.yaml.kagent-render-${process.pid}.tmp`));
    const write = writeTree(dir, new Map([['a/x.yaml', file('new x')], ['b/y.yaml', file('new y')]]));
    await expect(write).rejects.toThrow(OutputError);
    await expect(write).rejects.toThrow(/ENOSPC.*previous contents .* are unchanged/);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(path.join(dir, 'b', `.y.yaml.kagent-render-${process.pid}.tmp`))).toBe(false);
  });

  it('a directory that cannot be created midway (a file in its place): nothing changes', async () => {
    const dir = previousOutput();
    writeFileSync(path.join(dir, 'c'), 'not a directory');
    const before = snapshot(dir);
    await expect(writeTree(dir, new Map([['a/x.yaml', file('new x')], ['c/z.yaml', file('z')]]))).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to overwrite a file it did not generate, before writing anything', async () => {
    const dir = previousOutput();
    writeFileSync(path.join(dir, 'b/y.yaml'), 'hand-written\n');
    const before = snapshot(dir);
    await expect(writeTree(dir, new Map([['a/x.yaml', file('new x')], ['b/y.yaml', file('new y')]]))).rejects.toThrow(/refusing to overwrite .*y\.yaml/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('writeTree into a new directory', () => {
  it('writes the whole tree beside it and renames it into place (no stage directory left)', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'kagent-render-fresh-'));
    const dir = path.join(parent, 'out');
    const r = await writeTree(dir, new Map([['a/x.yaml', file('x')], ['kustomization.yaml', file('k')]]));
    expect(r).toEqual({ written: ['a/x.yaml', 'kustomization.yaml'], removed: [] });
    expect(snapshot(dir)).toEqual({ 'a/x.yaml': file('x'), 'kustomization.yaml': file('k') });
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('an empty existing directory is replaced the same way; a failure leaves nothing behind', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'kagent-render-fresh-'));
    mkdirSync(path.join(parent, 'out'));
    await writeTree(path.join(parent, 'out'), new Map([['x.yaml', file('x')]]));
    expect(snapshot(path.join(parent, 'out'))).toEqual({ 'x.yaml': file('x') });

    writeFileSync(path.join(parent, 'blocker'), 'a file where a directory must go');
    await expect(writeTree(path.join(parent, 'blocker', 'out'), new Map([['x.yaml', file('x')]]))).rejects.toThrow(OutputError);
    expect(readdirSync(parent).sort()).toEqual(['blocker', 'out']);
  });
});
