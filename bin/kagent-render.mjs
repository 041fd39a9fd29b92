#!/usr/bin/env node
// Entry point: the whole CLI is bundled into dist/ (no build step at install time, which
// pre-commit's `language: node` install under npm 11 cannot run).
if (process.setSourceMapsEnabled) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/kagent-render.mjs');
process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
