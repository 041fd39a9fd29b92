// The `diff` case of `npm run bench`: 1,000 Agents in a git repository, 10 of them edited in
// the working tree; `kagent-render diff` (HEAD against the working tree: two renders, the
// HEAD side read from git) against one `build` of the same repository. Not a test.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateRepo } from './generate.mjs';

export function diffCase(dir, measure, bin, agents = 1000, changed = 10) {
  generateRepo(dir, agents);
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '--no-gpg-sign', '-m', 'bench');
  // Agents 0..19 live in agents-0000.yaml (20 per file): edit the first `changed` of them.
  const file = path.join(dir, 'agents-0000.yaml');
  let text = readFileSync(file, 'utf8');
  for (let i = 0; i < changed; i++) text = text.replace(`You are agent ${i}.\n`, `You are agent ${i}, revised.\n`);
  writeFileSync(file, text);
  const node = process.execPath;
  const summary = spawnSync(node, [bin, 'diff', '--exit-zero'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  }).stdout.split('\n')[1];
  const diff = measure('sh', ['-c', `cd "${dir}" && "${node}" "${bin}" diff --exit-zero > /dev/null`]);
  const build = measure('sh', ['-c', `cd "${dir}" && "${node}" "${bin}" build . > /dev/null`]);
  return { agents, changed, summary, diff, build, ratio: diff.secs / build.secs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtempSync } = await import('node:fs');
  const os = await import('node:os');
  const bin = path.resolve(new URL('..', import.meta.url).pathname, 'bin/kagent-render.mjs');
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const measure = (cmd, args) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      const r = spawnSync(cmd, args, { stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
      times.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    return { secs: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], rssMiB: NaN };
  };
  console.log(diffCase(mkdtempSync(path.join(os.tmpdir(), 'kagent-render-bench-diff-')), measure, bin));
}
