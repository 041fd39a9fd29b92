import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputError, UsageError } from '../../diagnostics/errors.js';
import { GENERATED_HEADER } from '../../emit/files.js';
import { checkTree, outputLocation, repairOutput, writeTree } from './write.js';
import { walkNoFollow } from '../../../test/harness/tools.js';

const file = (body: string) => `${GENERATED_HEADER}${body}\n`;

function temp(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `kagent-render-${prefix}-`));
}

/** An output dir holding a previous run's two files and a hand-written one. */
function previousOutput(): string {
  const dir = temp('write');
  mkdirSync(path.join(dir, 'a'));
  mkdirSync(path.join(dir, 'b'));
  writeFileSync(path.join(dir, 'a/x.yaml'), file('old x'));
  writeFileSync(path.join(dir, 'b/y.yaml'), file('old y'));
  writeFileSync(path.join(dir, 'b/NOTES.yaml'), 'hand-written\n');
  return dir;
}

/** Every entry under dir: files by content, links by target, directories omitted. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path: p, rel, dirent: e } of walkNoFollow(dir)) {
    if (e.isSymbolicLink()) out[rel] = `-> ${readlinkSync(p)}`;
    else if (e.isFile()) out[rel] = readFileSync(p, 'utf8');
  }
  return out;
}

describe('writeTree', () => {
  it('replaces changed files, keeps unchanged ones, removes stale generated ones and never touches the rest', async () => {
    const dir = previousOutput();
    const r = await writeTree(
      dir,
      new Map([
        ['a/x.yaml', file('new x')],
        ['c/z.yaml', file('z')],
      ]),
    );
    expect(r).toEqual({ written: ['a/x.yaml', 'c/z.yaml'], removed: ['b/y.yaml'] });
    expect(snapshot(dir)).toEqual({
      'a/x.yaml': file('new x'),
      'b/NOTES.yaml': 'hand-written\n',
      'c/z.yaml': file('z'),
    });
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 'c']); // no lock, stage or commit record left
  });

  it('an up-to-date tree: nothing written, nothing left behind', async () => {
    const dir = previousOutput();
    const before = snapshot(dir);
    const r = await writeTree(
      dir,
      new Map([
        ['a/x.yaml', file('old x')],
        ['b/y.yaml', file('old y')],
      ]),
    );
    expect(r).toEqual({ written: [], removed: [] });
    expect(snapshot(dir)).toEqual(before);
  });

  it('a write that fails midway (a name too long for the file system, staged after others): the previous output is unchanged, no stage left', async () => {
    const dir = previousOutput();
    const before = snapshot(dir);
    const long = `${'n'.repeat(300)}.yaml`; // ENAMETOOLONG on Linux (255 bytes per name)
    const write = writeTree(
      dir,
      new Map([
        ['a/x.yaml', file('new x')],
        ['b/y.yaml', file('new y')],
        [`c/${long}`, file('z')],
      ]),
    );
    await expect(write).rejects.toThrow(OutputError);
    await expect(write).rejects.toThrow(/ENAMETOOLONG\); the previous contents of .* are unchanged/);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
  });

  it('a file where a directory must go: an error naming it, before anything is written', async () => {
    const dir = previousOutput();
    writeFileSync(path.join(dir, 'c'), 'not a directory');
    const before = snapshot(dir);
    await expect(
      writeTree(
        dir,
        new Map([
          ['a/x.yaml', file('new x')],
          ['c/z.yaml', file('z')],
        ]),
      ),
    ).rejects.toThrow(/c is a file, not a directory.*Nothing was written/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses to overwrite a file it did not generate, before writing anything', async () => {
    const dir = previousOutput();
    writeFileSync(path.join(dir, 'b/y.yaml'), 'hand-written\n');
    const before = snapshot(dir);
    await expect(
      writeTree(
        dir,
        new Map([
          ['a/x.yaml', file('new x')],
          ['b/y.yaml', file('new y')],
        ]),
      ),
    ).rejects.toThrow(/refusing to overwrite .*y\.yaml/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports every blocked path in one error', async () => {
    const dir = previousOutput();
    writeFileSync(path.join(dir, 'b/y.yaml'), 'hand-written\n');
    mkdirSync(path.join(dir, 'a/x.yaml.d'));
    mkdirSync(path.join(dir, 'k.yaml'));
    const err = await writeTree(
      dir,
      new Map([
        ['b/y.yaml', file('new y')],
        ['k.yaml', file('k')],
      ]),
    ).then(
      () => new Error('no error'),
      (e: Error) => e,
    );
    expect(err.message.split('\n')).toHaveLength(2);
    expect(err.message).toMatch(/refusing to overwrite .*b\/y\.yaml/);
    expect(err.message).toMatch(/cannot write .*k\.yaml: a directory is in its place/);
  });
});

describe('writeTree: links inside DIR are never followed, read, replaced or removed', () => {
  it('a link to a directory outside, a link to DIR itself and a link to a generated file outside: left alone, each reported', async () => {
    const dir = previousOutput();
    const outside = temp('outside');
    writeFileSync(path.join(outside, 'victim.yaml'), file('someone else'));
    symlinkSync(outside, path.join(dir, 'ext'));
    symlinkSync('.', path.join(dir, 'loop'));
    symlinkSync(path.join(outside, 'victim.yaml'), path.join(dir, 'a/linked.yaml'));
    const notes: string[] = [];
    // The new tree keeps nothing: every generated file in DIR is stale.
    await writeTree(dir, new Map([['k.yaml', file('k')]]), { note: (m) => notes.push(m) });
    expect(snapshot(outside)).toEqual({ 'victim.yaml': file('someone else') });
    expect(snapshot(dir)).toEqual({
      'a/linked.yaml': `-> ${path.join(outside, 'victim.yaml')}`,
      'b/NOTES.yaml': 'hand-written\n',
      ext: `-> ${outside}`,
      'k.yaml': file('k'),
      loop: '-> .',
    });
    expect(notes.sort()).toEqual([
      expect.stringMatching(/^warning: .*\/a\/linked\.yaml is a symlink; kagent-render leaves it alone/),
      expect.stringMatching(/^warning: .*\/ext is a symlink/),
      expect.stringMatching(/^warning: .*\/loop is a symlink/),
    ]);
  });

  it('a link in place of a file to write: an error, nothing written, its target untouched', async () => {
    const dir = previousOutput();
    const outside = temp('outside');
    writeFileSync(path.join(outside, 'x.yaml'), file('outside x'));
    unlinkSync(path.join(dir, 'a/x.yaml'));
    symlinkSync(path.join(outside, 'x.yaml'), path.join(dir, 'a/x.yaml'));
    const before = snapshot(dir);
    await expect(writeTree(dir, new Map([['a/x.yaml', file('new')]]))).rejects.toThrow(
      /refusing to replace .*a\/x\.yaml: it is a symlink.*Nothing was written\.$/,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(snapshot(outside)).toEqual({ 'x.yaml': file('outside x') });
  });

  it('a link in place of a directory on the way: an error, nothing written through it', async () => {
    const dir = previousOutput();
    const outside = temp('outside');
    symlinkSync(outside, path.join(dir, 'c'));
    const before = snapshot(dir);
    await expect(writeTree(dir, new Map([['c/z.yaml', file('z')]]))).rejects.toThrow(
      /\/c is a symlink, and kagent-render never writes through links/,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a pipe named like a generated file is not opened (no hang) and is left alone', async () => {
    const dir = previousOutput();
    execFileSync('mkfifo', [path.join(dir, 'a/pipe.yaml')]);
    await writeTree(dir, new Map([['a/x.yaml', file('new x')]]));
    expect(lstatSync(path.join(dir, 'a/pipe.yaml')).isFIFO()).toBe(true);
    const check = checkTree(dir, new Map([['a/x.yaml', file('new x')]]), 'out');
    expect(check).toEqual({ diff: '', problems: [], warnings: [] });
  });
});

describe('checkTree (--check)', () => {
  it('never prints what a link points to: a link to /proc/self/environ as kustomization.yaml', () => {
    const dir = previousOutput();
    symlinkSync('/proc/self/environ', path.join(dir, 'kustomization.yaml'));
    const secret = `KAGENT_RENDER_TEST_SECRET_${process.pid}`;
    process.env[secret] = 'hunter2';
    try {
      const r = checkTree(
        dir,
        new Map([
          ['a/x.yaml', file('old x')],
          ['b/y.yaml', file('old y')],
          ['kustomization.yaml', file('k')],
        ]),
        'out',
      );
      expect(r.diff).toBe('');
      expect(r.problems).toEqual([
        expect.stringMatching(/refusing to replace out\/kustomization\.yaml: it is a symlink/),
      ]);
      expect(JSON.stringify(r)).not.toContain('hunter2');
      expect(JSON.stringify(r)).not.toContain(secret);
    } finally {
      delete process.env[secret];
    }
  });

  it('a link to a generated file elsewhere is not read: the planned file shows as new, the link as a warning', () => {
    const dir = previousOutput();
    const outside = temp('outside');
    writeFileSync(path.join(outside, 'z.yaml'), file('private'));
    symlinkSync(path.join(outside, 'z.yaml'), path.join(dir, 'a/z.yaml'));
    const r = checkTree(
      dir,
      new Map([
        ['a/x.yaml', file('old x')],
        ['b/y.yaml', file('old y')],
      ]),
      'out',
    );
    expect(r.diff).toBe('');
    expect(r.warnings).toEqual([
      'warning: out/a/z.yaml is a symlink; kagent-render leaves it alone (not followed, read or removed)',
    ]);
  });

  it('leftovers of an interrupted run are out of date, even when every generated file matches', () => {
    const dir = previousOutput();
    const tree = new Map([
      ['a/x.yaml', file('old x')],
      ['b/y.yaml', file('old y')],
    ]);
    expect(checkTree(dir, tree, 'out')).toEqual({ diff: '', problems: [], warnings: [] });
    for (const leftover of [
      '.kagent-render.lock',
      'a/.kagent-render.new/x.yaml',
      '.kagent-render.commit',
      'a/.x.yaml.kagent-render-123.tmp',
    ]) {
      mkdirSync(path.dirname(path.join(dir, leftover)), { recursive: true });
      writeFileSync(path.join(dir, leftover), '');
      const r = checkTree(dir, tree, 'out');
      expect(r.problems, leftover).toEqual([
        expect.stringMatching(/^out holds leftovers of an interrupted or running kagent-render build \(out\//),
      ]);
    }
  });
});

describe('recovery from an interrupted run', () => {
  /** previousOutput() with an update to {a/x: new x, c/z: z} staged as an interrupted run leaves it. */
  function interrupted(committed: boolean): string {
    const dir = previousOutput();
    mkdirSync(path.join(dir, 'a/.kagent-render.new'));
    writeFileSync(path.join(dir, 'a/.kagent-render.new/x.yaml'), file('new x'));
    mkdirSync(path.join(dir, 'c/.kagent-render.new'), { recursive: true });
    writeFileSync(path.join(dir, 'c/.kagent-render.new/z.yaml'), file('z'));
    mkdirSync(path.join(dir, 'b/.kagent-render.del'));
    writeFileSync(path.join(dir, 'b/.kagent-render.del/y.yaml'), '');
    writeFileSync(path.join(dir, '.kagent-render.lock'), `999999999 ${hostname()}\n`); // its holder is gone
    if (committed) writeFileSync(path.join(dir, '.kagent-render.commit'), 'committed\n');
    return dir;
  }

  it('committed: the next run finishes the update (the complete new tree)', async () => {
    const dir = interrupted(true);
    const notes: string[] = [];
    await repairOutput(dir, 'out', (m) => notes.push(m));
    expect(snapshot(dir)).toEqual({
      'a/x.yaml': file('new x'),
      'b/NOTES.yaml': 'hand-written\n',
      'c/z.yaml': file('z'),
    });
    expect(notes).toEqual([
      `removed a stale lock on out (pid 999999999 on ${hostname()} is not running)`,
      'finished an interrupted update of out (it had been committed)',
    ]);
  });

  it('committed and half done (a file already renamed, a stale one already removed): finished the same', async () => {
    const dir = interrupted(true);
    execFileSync('mv', [path.join(dir, 'a/.kagent-render.new/x.yaml'), path.join(dir, 'a/x.yaml')]);
    execFileSync('rm', [path.join(dir, 'b/y.yaml')]);
    await repairOutput(dir);
    expect(snapshot(dir)).toEqual({
      'a/x.yaml': file('new x'),
      'b/NOTES.yaml': 'hand-written\n',
      'c/z.yaml': file('z'),
    });
  });

  it('not committed: the next run discards the stage (the complete old tree)', async () => {
    const dir = interrupted(false);
    const notes: string[] = [];
    await repairOutput(dir, 'out', (m) => notes.push(m));
    expect(snapshot(dir)).toEqual({
      'a/x.yaml': file('old x'),
      'b/NOTES.yaml': 'hand-written\n',
      'b/y.yaml': file('old y'),
    });
    expect(notes[1]).toBe(
      'discarded an interrupted update of out (it had not been committed; the previous output stays)',
    );
  });

  it('committed, but a target became a hand-written file since: not finished, an error naming it, the record kept', async () => {
    const dir = interrupted(true);
    writeFileSync(path.join(dir, 'a/x.yaml'), 'mine now\n');
    await expect(repairOutput(dir, 'out')).rejects.toThrow(
      /cannot finish the interrupted update of out: out\/a\/x\.yaml is no longer a generated file/,
    );
    expect(readFileSync(path.join(dir, 'a/x.yaml'), 'utf8')).toBe('mine now\n');
    expect(existsSync(path.join(dir, '.kagent-render.commit'))).toBe(true);
  });

  it('a build over leftovers repairs first, then writes its own tree', async () => {
    const dir = interrupted(false);
    await writeTree(dir, new Map([['a/x.yaml', file('third x')]]));
    expect(snapshot(dir)).toEqual({ 'a/x.yaml': file('third x'), 'b/NOTES.yaml': 'hand-written\n' });
  });
});

describe('the lock', () => {
  const children: Array<{ kill(): boolean }> = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill();
    delete process.env.KAGENT_RENDER_LOCK_WAIT;
  });

  /** A live process on this host, standing in for another build that holds the lock. */
  function liveHolder(dir: string): number {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    const pid = child.pid ?? 0;
    writeFileSync(path.join(dir, '.kagent-render.lock'), `${pid} ${hostname()}\n`);
    return pid;
  }

  it('held by a running build: waits, then fails with the holder named, DIR unchanged', async () => {
    const dir = previousOutput();
    const pid = liveHolder(dir);
    const before = snapshot(dir);
    process.env.KAGENT_RENDER_LOCK_WAIT = '0';
    const notes: string[] = [];
    const err = await writeTree(dir, new Map([['a/x.yaml', file('new x')]]), {
      shown: 'out',
      note: (m) => notes.push(m),
    }).then(
      () => new Error('no error'),
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(OutputError);
    expect(err.message).toBe(
      `out is locked by another kagent-render build (pid ${pid} on host ${hostname()}); gave up after 0 s. If that process is gone, remove out/.kagent-render.lock. Nothing was written.`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('released while waiting: the waiting build goes on (event-driven: the release follows its "waiting" note)', async () => {
    const dir = previousOutput();
    const pid = liveHolder(dir);
    let release!: () => void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const notes: string[] = [];
    const write = writeTree(dir, new Map([['a/x.yaml', file('new x')]]), {
      shown: 'out',
      note: (m) => {
        notes.push(m);
        if (m.startsWith('waiting for out')) release();
      },
    });
    await waiting;
    execFileSync('rm', [path.join(dir, '.kagent-render.lock')]);
    await write;
    expect(notes[0]).toBe(
      `waiting for out: another kagent-render build (pid ${pid} on host ${hostname()}) is writing it`,
    );
    expect(snapshot(dir)['a/x.yaml']).toBe(file('new x'));
  });

  it('not a lock (a symlink in its place): an error, not followed', async () => {
    const dir = previousOutput();
    symlinkSync('/proc/self/environ', path.join(dir, '.kagent-render.lock'));
    await expect(writeTree(dir, new Map([['a/x.yaml', file('new x')]]), { shown: 'out' })).rejects.toThrow(
      /out\/\.kagent-render\.lock is not a kagent-render lock/,
    );
  });
});

describe('outputLocation (real paths)', () => {
  it('refuses the file-system root, a symlinked DIR, and a DIR that contains an input however it is named', () => {
    const root = temp('where');
    mkdirSync(path.join(root, 'repo/sub'), { recursive: true });
    symlinkSync(path.join(root, 'repo'), path.join(root, 'alias'));
    symlinkSync(root, path.join(root, 'up'));
    const cwd = path.join(root, 'repo');
    expect(() => outputLocation('/', ['.'], cwd)).toThrow(UsageError);
    expect(() => outputLocation('/', ['.'], cwd)).toThrow('-o / is the file-system root');
    expect(() => outputLocation('../alias', ['.'], cwd)).toThrow('-o ../alias is a symlink');
    expect(() => outputLocation('../up/repo', ['.'], cwd)).toThrow(/-o \.\.\/up\/repo contains the input \.: /);
    expect(() => outputLocation('..', ['sub'], cwd)).toThrow(/contains the input sub/);
    expect(() => outputLocation('sub', ['../alias/sub/x.yaml'], cwd)).toThrow(
      /contains the input \.\.\/alias\/sub\/x\.yaml \(/,
    );
    // Inside the input is fine (the walk skips it), and so is a DIR that does not exist yet.
    expect(outputLocation('../alias/rendered/new', ['.'], cwd)).toBe(path.join(realRoot(root), 'repo/rendered/new'));
  });
});

function realRoot(p: string): string {
  return execFileSync('realpath', [p], { encoding: 'utf8' }).trim();
}

describe('writeTree into a new directory', () => {
  it('creates it, writes the tree, leaves nothing beside it', async () => {
    const parent = temp('fresh');
    const dir = path.join(parent, 'out');
    const r = await writeTree(
      dir,
      new Map([
        ['a/x.yaml', file('x')],
        ['kustomization.yaml', file('k')],
      ]),
    );
    expect(r).toEqual({ written: ['a/x.yaml', 'kustomization.yaml'], removed: [] });
    expect(snapshot(dir)).toEqual({ 'a/x.yaml': file('x'), 'kustomization.yaml': file('k') });
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('a failure leaves nothing behind', async () => {
    const parent = temp('fresh');
    writeFileSync(path.join(parent, 'blocker'), 'a file where a directory must go');
    await expect(writeTree(path.join(parent, 'blocker', 'out'), new Map([['x.yaml', file('x')]]))).rejects.toThrow(
      OutputError,
    );
    const long = `${'n'.repeat(300)}.yaml`;
    await expect(
      writeTree(
        path.join(parent, 'new/out'),
        new Map([
          ['a.yaml', file('a')],
          [long, file('x')],
        ]),
      ),
    ).rejects.toThrow(/ENAMETOOLONG/);
    expect(readdirSync(parent).sort()).toEqual(['blocker']);
  });
});
