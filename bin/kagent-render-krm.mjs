#!/usr/bin/env node
// `kagent-render krm` under its own name: kustomize's exec functions (`exec: path:`) cannot
// pass arguments in kustomize 4.x, so the executable itself must mean "KRM function".
import { exitQuietlyOnEpipe, loadBundle } from './load-bundle.mjs';

exitQuietlyOnEpipe();

process.exitCode = await loadBundle().main(['krm', ...process.argv.slice(2)], {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
