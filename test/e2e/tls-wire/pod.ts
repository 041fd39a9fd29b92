/**
 * "Mounts" a rendered agent pod the way the kubelet would, under a temp root: for every
 * Secret volume mounted into the container, the Secret's keys become files in the mount
 * directory (only the listed `items` when there are any, at their `path`), with the item's
 * `mode`, else the volume's `defaultMode`, else 0644. A Secret or key that does not exist
 * fails the mount (the kubelet would keep the pod in ContainerCreating), as does a mount
 * that names no volume (the API server would reject the pod).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Obj = Record<string, any>;

export interface Mounted {
  /** Container path → volume name, for every Secret volume mounted. */
  mounts: Map<string, string>;
}

/** The bytes of each key of a Secret as the API server stores it (`stringData` merged over `data`). */
function secretData(secret: Obj): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries<string>(secret.data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  for (const [k, v] of Object.entries<string>(secret.stringData ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  return out;
}

/** `inPod(root, '/etc/x')` = where the container path `/etc/x` lives on this machine. */
export function inPod(root: string, containerPath: string): string {
  if (!path.posix.isAbsolute(containerPath)) throw new Error(`not an absolute container path: ${containerPath}`);
  return path.join(root, ...containerPath.split('/').filter(Boolean));
}

/**
 * Write the Secret volumes of `container` of `deployment` under `root`. `secrets` holds every
 * Secret that exists in the cluster (rendered ones and the user's), looked up in the
 * Deployment's namespace.
 */
export function mountPod(deployment: Obj, container: string, secrets: Obj[], root: string): Mounted {
  const namespace = deployment.metadata.namespace;
  const pod = deployment.spec.template.spec;
  const volumes = new Map<string, Obj>((pod.volumes ?? []).map((v: Obj) => [v.name, v]));
  const c = (pod.containers ?? []).find((x: Obj) => x.name === container);
  if (!c) throw new Error(`no container ${container} in ${namespace}/${deployment.metadata.name}`);
  const mounts = new Map<string, string>();
  for (const m of c.volumeMounts ?? []) {
    const volume = volumes.get(m.name);
    if (!volume) throw new Error(`volumeMounts: Not found: "${m.name}" (no such volume in the pod)`);
    if (!volume.secret) continue;
    if (m.subPath) throw new Error(`subPath mounts are not modelled (volume ${m.name})`);
    const source = volume.secret;
    const secret = secrets.find(
      (s) => s.metadata.name === source.secretName && (s.metadata.namespace ?? namespace) === namespace,
    );
    if (!secret) {
      if (source.optional) continue;
      throw new Error(`MountVolume.SetUp failed for volume "${m.name}": secret "${source.secretName}" not found`);
    }
    const data = secretData(secret);
    const files: { key: string; path: string; mode?: number }[] =
      source.items ?? [...data.keys()].map((key) => ({ key, path: key }));
    const dir = inPod(root, m.mountPath);
    mkdirSync(dir, { recursive: true });
    for (const item of files) {
      const bytes = data.get(item.key);
      if (bytes === undefined) {
        if (source.optional) continue;
        throw new Error(
          `MountVolume.SetUp failed for volume "${m.name}": ` +
            `key "${item.key}" not found in secret "${source.secretName}"`,
        );
      }
      const file = path.join(dir, item.path);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      chmodSync(file, item.mode ?? source.defaultMode ?? 0o644);
    }
    mounts.set(m.mountPath, m.name);
  }
  return { mounts };
}
