/**
 * House rule 1: the core is pure. Only src/read/discover.ts and src/adapters/ may touch the
 * file system, the process, the environment, child processes or the network.
 */
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const IMPURE_IMPORT =
  /from\s+['"](node:)?(fs|fs\/promises|net|http|https|http2|dns|tls|dgram|child_process|worker_threads|cluster)['"]/;
const IMPURE_GLOBAL =
  /\b(process\.(env|argv|exit|cwd|stdout|stderr|stdin)|fetch\(|Date\.now\(|new Date\(|Math\.random\()/;

describe('the core is pure', () => {
  const files = fg
    .sync(['src/**/*.ts'], { cwd: root, ignore: ['src/**/*.test.ts', 'src/adapters/**', 'src/read/discover.ts'] })
    .sort();

  it('finds the core modules to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports no I/O module and reads no process state', (file) => {
    const text = readFileSync(`${root}${file}`, 'utf8');
    expect(text).not.toMatch(IMPURE_IMPORT);
    expect(text).not.toMatch(IMPURE_GLOBAL);
  });

  it('no module outside src/expand/profile.ts branches on the profile name', () => {
    const offenders = fg
      .sync(['src/**/*.ts'], {
        cwd: root,
        ignore: ['src/**/*.test.ts', 'src/expand/profile.ts', 'src/settings/**', 'src/adapters/**'],
      })
      .filter((f) => /profile\s*[!=]==/.test(readFileSync(`${root}${f}`, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
