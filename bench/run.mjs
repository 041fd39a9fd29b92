// `npm run bench`: renders generated repositories with the built CLI and prints a table.
// Wall time is the median of 5 cold processes; peak RSS comes from GNU time. The anchor is
// `kubectl kustomize` over the same number of plain output documents, in the same run.
// Not a test: nothing here asserts timings.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffCase } from './diff.mjs';
import { generateRepo } from './generate.mjs';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const bin = path.join(root, 'bin/kagent-render.mjs');
const sizes = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// kubectl kustomize needs minutes at these sizes; past the bound the ratio is a lower bound.
const ANCHOR_TIMEOUT_MS = Number(process.env.BENCH_ANCHOR_TIMEOUT ?? 60) * 1000;

function timed(cmd, args, options = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...options,
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kib] = last.split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  return { secs, rssMiB: kib / 1024, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(cmd, args, options) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timed(cmd, args, options));
  return {
    secs: median(runs.map((r) => r.secs)),
    rssMiB: Math.max(...runs.map((r) => r.rssMiB)),
    stdout: runs[0].stdout,
  };
}

/** A kustomization of `count` plain documents (Deployment-sized), the anchor's input. */
function kustomizeAnchor(dir, count) {
  mkdirSync(dir, { recursive: true });
  const names = [];
  const perFile = 100;
  for (let f = 0; f * perFile < count; f++) {
    const docs = [];
    for (let i = f * perFile; i < Math.min(count, (f + 1) * perFile); i++) {
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 4}
  labels: {app: app-${i}}
spec:
  replicas: 1
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - name: main
          image: ghcr.io/example/app:${i % 9}
          args: [--port, "8080"]
          env: [{name: A, value: "1"}, {name: B, value: "2"}]
          volumeMounts: [{name: config, mountPath: /config}]
      volumes: [{name: config, secret: {secretName: app-${i}}}]
`);
    }
    const name = `docs-${f}.yaml`;
    writeFileSync(path.join(dir, name), docs.join('---\n'));
    names.push(name);
  }
  writeFileSync(path.join(dir, 'kustomization.yaml'), `resources:\n${names.map((n) => `  - ${n}`).join('\n')}\n`);
}

function countDocs(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.yaml') || e.name === 'kustomization.yaml') continue;
    n += readFileSync(path.join(e.parentPath ?? e.path, e.name), 'utf8').match(/^kind:/gm)?.length ?? 0;
  }
  return n;
}

/**
 * The disk's share of a fresh `-o`: the same files written by a bare writeFileSync loop in this
 * process (median of RUNS, each into a new directory). On this machine it swings from 0.04 s to
 * over 0.4 s with what the disk did just before, so the table shows it beside the fresh time.
 */
function fileCreationFloor(tree, base) {
  const files = readdirSync(tree, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const abs = path.join(e.parentPath ?? e.path, e.name);
      return [path.relative(tree, abs), readFileSync(abs, 'utf8')];
    });
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = `${base}-${i}`;
    const start = process.hrtime.bigint();
    for (const d of new Set(files.map(([rel]) => path.dirname(path.join(dir, rel))))) mkdirSync(d, { recursive: true });
    for (const [rel, text] of files) writeFileSync(path.join(dir, rel), text);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return median(times);
}

// Repositories and outputs live under BENCH_DIR (default .bench/ in this checkout), where a
// user's checkout would be. Creating files is the noisy part on this machine: the same 1,500
// files took from 0.04 s to 1.4 s to write (bare writeFileSync loop, all system time, varying
// minute to minute with what the disk did before), so compare `fresh` with `build to stdout`.
const benchRoot = process.env.BENCH_DIR ?? path.join(root, '.bench');
mkdirSync(benchRoot, { recursive: true });
const work = mkdtempSync(path.join(benchRoot, 'run-'));
const rows = [];
for (const n of sizes) {
  const repo = path.join(work, `repo-${n}`);
  const { inputs } = generateRepo(repo, n);
  spawnSync('sync'); // the generated files reach the disk before the clock starts, not during run 1
  const out = path.join(work, `out-${n}`);
  // Fresh: a new DIR each run (every file created). Not the same DIR removed in between: on
  // this machine, deleting thousands of files right before a run made its writes up to twice
  // as slow (measured), which would time the deletion, not the renderer. Up to date: DIR already
  // holds this output (files read and compared, none written), as in pre-commit and CI re-runs.
  const freshRuns = [];
  for (let i = 0; i < RUNS; i++)
    freshRuns.push(timed(process.execPath, [bin, 'build', repo, '-o', `${out}-fresh-${i}`]));
  const ours = { secs: median(freshRuns.map((r) => r.secs)), rssMiB: Math.max(...freshRuns.map((r) => r.rssMiB)) };
  // The fresh directories stay until the end: deleting them now would slow what follows.
  const upToDate = measure(process.execPath, [bin, 'build', repo, '-o', `${out}-fresh-0`]);
  const stdout = measure('sh', ['-c', `"${process.execPath}" "${bin}" build "${repo}" > /dev/null`]);
  const outputs = countDocs(`${out}-fresh-0`);
  const writeFloor = fileCreationFloor(`${out}-fresh-0`, `${out}-floor`);
  const anchorDir = path.join(work, `kustomize-${n}`);
  kustomizeAnchor(anchorDir, outputs);
  // kustomize grows faster than linearly: one timed run, bounded, is enough to anchor the ratio.
  let anchor;
  try {
    // `timeout` kills kubectl itself: a spawnSync timeout would kill only /usr/bin/time.
    anchor = timed('timeout', ['-s', 'KILL', String(ANCHOR_TIMEOUT_MS / 1000), 'kubectl', 'kustomize', anchorDir]).secs;
  } catch {
    anchor = undefined;
  }
  rows.push({
    n,
    inputs,
    outputs,
    ...ours,
    upToDate: upToDate.secs,
    stdout: stdout.secs,
    writeFloor,
    anchor,
    ratio: anchor === undefined ? undefined : anchor / ours.secs,
  });
}

const version = measure(process.execPath, [bin, '--version']);
// What Node itself costs before any of our code runs (NODE_EXTRA_CA_CERTS, set on some
// machines, adds tens of milliseconds here): the floor under every time in the tables.
const nodeAlone = measure(process.execPath, ['-e', '0']);

// KRM pass-through: 20,000 unrelated objects in one ResourceList.
const items = [];
for (let i = 0; i < 20000; i++) {
  items.push(
    `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm-${i}\n    namespace: ns-${i % 4}\n  data:\n    key: "value-${i}"\n`,
  );
}
const rl = path.join(work, 'resourcelist.yaml');
writeFileSync(rl, `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items.join('')}`);
const krm = measure('sh', ['-c', `"${process.execPath}" "${bin}" krm < "${rl}" > /dev/null`]);
// The items pass through untouched: the output must be the input, byte for byte.
const krmOut = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" krm < "${rl}"`], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
}).stdout;
const krmIdentical = krmOut === readFileSync(rl, 'utf8');

// diff: 1,000 Agents, 10 changed in the working tree, against one build of the same repository.
const diff = diffCase(path.join(work, 'diff-1000'), measure, bin);

const cpus = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
console.log(`kagent-render benchmark — node ${process.version}, ${cpus} cores, median of ${RUNS} cold runs\n`);
console.log(
  '| Agents | input objects | output objects | build -o DIR (fresh) | same files, bare write loop | up to date | build to stdout | peak RSS | kubectl kustomize (same #docs, 1 run) | ratio (fresh) |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const anchor = r.anchor === undefined ? `> ${ANCHOR_TIMEOUT_MS / 1000} s` : `${r.anchor.toFixed(2)} s`;
  const ratio =
    r.anchor === undefined ? `> ${(ANCHOR_TIMEOUT_MS / 1000 / r.secs).toFixed(0)}×` : `${r.ratio.toFixed(1)}×`;
  console.log(
    `| ${r.n} | ${r.inputs} | ${r.outputs} | ${r.secs.toFixed(2)} s | ${r.writeFloor.toFixed(2)} s | ${r.upToDate.toFixed(2)} s | ${r.stdout.toFixed(2)} s | ${r.rssMiB.toFixed(0)} MiB | ${anchor} | ${ratio} |`,
  );
}
if (rows.length >= 2) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  console.log(`\nscaling exponent ${a.n}→${b.n}: ${(Math.log(b.secs / a.secs) / Math.log(b.n / a.n)).toFixed(2)}`);
}
console.log(`\n| case | time | peak RSS |\n|---|---:|---:|`);
console.log(
  `| \`node -e 0\` (Node start-up alone${process.env.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS set' : ''}) | ${nodeAlone.secs.toFixed(2)} s | ${nodeAlone.rssMiB.toFixed(0)} MiB |`,
);
console.log(`| \`kagent-render --version\` | ${version.secs.toFixed(2)} s | ${version.rssMiB.toFixed(0)} MiB |`);
console.log(
  `| \`krm\` pass-through, 20,000 objects (output ${krmIdentical ? '' : 'NOT '}byte-identical to input) | ${krm.secs.toFixed(2)} s | ${krm.rssMiB.toFixed(0)} MiB |`,
);
console.log(
  `| \`diff\`, ${diff.agents} Agents, ${diff.changed} changed (HEAD vs working tree; ${diff.summary}) | ${diff.diff.secs.toFixed(2)} s | ${diff.diff.rssMiB.toFixed(0)} MiB |`,
);
console.log(
  `| \`build\` of the same repository to stdout (diff / build = ${diff.ratio.toFixed(2)}×) | ${diff.build.secs.toFixed(2)} s | ${diff.build.rssMiB.toFixed(0)} MiB |`,
);
rmSync(work, { recursive: true, force: true });
