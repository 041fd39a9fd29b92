#!/usr/bin/env node
// Entry point: the whole CLI is bundled into dist/ (no build step at install time, which
// pre-commit's `language: node` install under npm 11 cannot run).
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  // Answered without loading the bundle: `--version` is what scripts probe first.
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { exitQuietlyOnEpipe, loadBundle } = await import('./load-bundle.mjs');
  exitQuietlyOnEpipe();
  process.exitCode = await loadBundle().main(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
