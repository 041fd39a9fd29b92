/**
 * The cluster around the rendered objects, for the TLS wire tests: inputs written as YAML and
 * rendered with the BUILT CLI, the agent pod "mounted" under a temp root, and a `Network` that
 * does what cluster DNS and a Service would (in-cluster names → 127.0.0.1, the Service port →
 * the test server's ephemeral port; any other name or port does not resolve).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { cli } from '../../harness/tools.js';
import { type Mounted, mountPod } from './pod.js';
import { type Network, readConfig, type ToolEntry, toolEntries } from './runtime.js';
import { serviceNames } from './pki.js';

type Obj = Record<string, any>;

export type Profile = 'gitops' | 'controller';

/** Render `objects` with the built CLI (`build --format json --profile P`); throws with the diagnostics on failure. */
export function render(objects: Obj[], profile: Profile, dir: string): Obj[] {
  const input = path.join(dir, 'input');
  mkdirSync(input, { recursive: true });
  writeFileSync(path.join(input, 'objects.yaml'), objects.map((o) => stringify(o)).join('---\n'));
  const r = cli(['build', input, '--format', 'json', '--profile', profile]);
  if (r.status !== 0) throw new Error(`kagent-render build exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout).items;
}

export interface Pod {
  deployment: Obj;
  /** The agent container (`kagent`). */
  container: Obj;
  root: string;
  mounted: Mounted;
  config: Obj;
  entries: ToolEntry[];
}

/** Mount the pod of Agent `namespace/name` from the rendered `items` (Secrets: rendered + the user's `inputs`). */
export function startPod(items: Obj[], inputs: Obj[], namespace: string, name: string, root: string): Pod {
  const deployment = items.find(
    (o) => o.kind === 'Deployment' && o.metadata.name === name && o.metadata.namespace === namespace,
  );
  if (!deployment) throw new Error(`no Deployment ${namespace}/${name} rendered`);
  const secrets = [...items, ...inputs].filter((o) => o.kind === 'Secret');
  const container = deployment.spec.template.spec.containers.find((c: Obj) => c.name === 'kagent');
  const mounted = mountPod(deployment, 'kagent', secrets, root);
  const config = readConfig(root, container);
  return { deployment, container, root, mounted, config, entries: toolEntries(config) };
}

/** Cluster DNS and Services, mapped onto loopback. */
export class Cluster implements Network {
  private services = new Map<string, { port: number; target: number }>();

  /** Service `name.namespace` with `port`, really served on 127.0.0.1:`target`. */
  add(name: string, namespace: string, port: number, target: number): void {
    for (const host of serviceNames(name, namespace)) this.services.set(host, { port, target });
  }

  address(hostname: string): string | undefined {
    return this.services.has(hostname) ? '127.0.0.1' : undefined;
  }

  port(hostname: string, port: number): number {
    const s = this.services.get(hostname);
    if (!s || s.port !== port) throw new Error(`connect ECONNREFUSED ${hostname}:${port} (no such Service port)`);
    return s.target;
  }
}

/** Every code and message along an error's `cause` chain, for asserting on the real TLS failure. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: any = err, depth = 0; e && depth < 8; e = e.cause, depth++) {
    if (e.code !== undefined) parts.push(String(e.code));
    if (e.message) parts.push(String(e.message));
  }
  return parts.join(' | ');
}
