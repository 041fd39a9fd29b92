import { describe, expect, it } from 'vitest';
import { UsageError } from '../../diagnostics/errors.js';
import { parseDiffArgs } from './diff.js';
import { commandHelp } from './help.js';

describe('diff arguments', () => {
  it('diff flags, settings flags and PATHs, in any order, --flag=value or --flag value', () => {
    expect(
      parseDiffArgs([
        'agents',
        '--base=main',
        '--head',
        'HEAD~1',
        '--format',
        'json',
        '--color=never',
        '--exit-zero',
        '--profile',
        'controller',
        'more',
      ]),
    ).toEqual({
      paths: ['agents', 'more'],
      base: 'main',
      head: 'HEAD~1',
      format: 'json',
      color: 'never',
      exitZero: true,
      quiet: false,
      settings: { profile: 'controller' },
      sources: { profile: 'flag --profile' },
    });
    expect(parseDiffArgs(['--dirs', 'old', 'new', '--allow-secret-values'])).toMatchObject({
      dirs: ['old', 'new'],
      paths: [],
      settings: { allowSecretValues: true },
    });
    expect(parseDiffArgs(['--base', 'main', '--', '-dash dir', '--head'])).toMatchObject({
      base: 'main',
      paths: ['-dash dir', '--head'],
    });
    expect(parseDiffArgs([])).toEqual({
      paths: [],
      format: 'text',
      color: 'auto',
      exitZero: false,
      quiet: false,
      settings: {},
      sources: {},
      config: undefined,
    });
  });

  it.each([
    [['--format', 'yaml'], "--format must be one of text, markdown, json, got 'yaml'"],
    [['--color', 'sometimes'], "--color must be one of auto, always, never, got 'sometimes'"],
    [['--base'], '--base needs a value'],
    [['--dirs', 'old'], '--dirs needs two directories: --dirs OLD NEW'],
    [
      ['--dirs', 'a', 'b', '--base', 'x'],
      '--dirs compares two directories; it cannot be combined with --base or --head',
    ],
    [['--check'], '--check is a build flag; diff prints to stdout'],
    [['--bogus'], 'diff has no flag --bogus; see kagent-render diff --help'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseDiffArgs(argv)).toThrow(new UsageError(message));
  });

  it('kagent-render diff --help names every diff flag (generated from the command table)', () => {
    const help = commandHelp('diff')!;
    for (const flag of ['--base', '--head', '--dirs', '--format', '--color', '--exit-zero'])
      expect(help).toContain(flag);
  });
});
