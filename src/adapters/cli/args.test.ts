import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('parseArgs', () => {
  it('accepts -o DIR, -oDIR, --output DIR and --output=DIR alike; - is a path (stdin)', () => {
    for (const argv of [['-o', 'out'], ['-oout'], ['--output', 'out'], ['--output=out']]) {
      expect(parseArgs('build', ['-', ...argv])).toMatchObject({ paths: ['-'], output: 'out' });
    }
    expect(parseArgs('graph', ['-ograph.dot', '--format=dot'])).toMatchObject({ output: 'graph.dot', format: 'dot' });
  });

  it('takes everything after -- as a PATH (a directory named like a flag)', () => {
    expect(parseArgs('build', ['-q', '--', '-dash dir', '--check'])).toMatchObject({
      paths: ['-dash dir', '--check'],
      quiet: true,
      check: false,
    });
  });

  it('refuses a flag of another command, a value for a switch, stdin twice or for pre-commit', () => {
    expect(() => parseArgs('validate', ['--check'])).toThrow(
      'validate has no flag --check (it belongs to build, pre-commit)',
    );
    expect(() => parseArgs('build', ['--frobnicate'])).toThrow(
      'build has no flag --frobnicate; see kagent-render build --help',
    );
    expect(() => parseArgs('build', ['--check=yes', '-o', 'x'])).toThrow('--check takes no value');
    expect(() => parseArgs('build', ['-', '-'])).toThrow("'-' (stdin) may be given once");
    expect(() => parseArgs('pre-commit', ['-'])).toThrow("pre-commit reads the repository, not stdin ('-')");
    expect(() => parseArgs('build', ['-o'])).toThrow('-o needs a value');
    expect(() => parseArgs('build', ['-o', '--check'])).toThrow('-o needs a value');
  });

  it('reads --config, --print-settings and --quiet (-q) for every command with settings', () => {
    for (const command of ['build', 'validate', 'graph', 'pre-commit'] as const) {
      expect(parseArgs(command, ['--config', 'k.yaml', '--print-settings', '-q'])).toMatchObject({
        config: 'k.yaml',
        printSettings: true,
        quiet: true,
      });
    }
  });
});
