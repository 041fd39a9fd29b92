/**
 * Agent skills (reference §3.7, §3.6, §8): the skills-init init container that fetches skills
 * from OCI images, git repositories and S3 into the `kagent-skills` emptyDir, the ConfigMap
 * `<agent>-skills-init` that tells it what to fetch, and the volumes and mounts around them.
 */
import type { RuleId } from '../../diagnostics/rules.js';
import type { FieldPath } from '../../model/source.js';
import { goJson } from '../../go/json.js';
import { clone, compact } from '../k8s/meta.js';
import { dnsSubdomainProblem, isDnsSubdomain } from '../k8s/names.js';
import { goField, quantityMessage } from '../../go/k8s-types.js';
import { DEFAULT_RESOURCES } from './build.js';
import type { AgentContext } from './context.js';
import { hasSkillRefs } from './sandbox.js';
import type { AgentSpec } from '../../model/input.js';

type Obj = Record<string, any>;

export const SKILLS_DIR = '/skills';
const CONFIG_DIR = '/etc/kagent/skills-init';
const GIT_AUTH_DIR = '/git-auth';
const DOCKER_SECRETS_DIR = '/docker-secrets';
const SKILL_NAME = /^[A-Za-z0-9._-]+$/;
const COMMIT_SHA = /^[0-9a-f]{40}$/;
const ARCHIVE_SUFFIXES = ['.tar.gz', '.tgz', '.zip'];

export interface SkillsProblem {
  path: FieldPath;
  message: string;
  /** `agent-skills-invalid` unless said otherwise. */
  rule?: RuleId;
}

export interface SkillsPlan {
  configMapName: string;
  /** The ConfigMap's `config.json`; its bytes are part of the config-hash (reference §3.9). */
  configJson: string;
  initContainer: Obj;
  /** Pod volumes after the model and tool volumes, before `kagent-token` (reference §3.6). */
  volumes: Obj[];
  /** The agent container's mount of the fetched skills (read-only). */
  mounts: Obj[];
  env: Obj[];
}

/** One skill to fetch: its directory name, where it came from (for messages) and its config entry. */
interface Skill {
  name: string;
  path: FieldPath;
  /** `git skill "<url>"` etc.: what upstream's messages call the skill. */
  label: string;
  /** The name was given (`name:`), so a bad one is reported at that field. */
  explicitName: boolean;
  kind: 'git' | 'oci' | 's3';
  /** The entry of the skills-init config. */
  entry: Obj;
}

/**
 * The skill directory names under /skills, in the controller's order: git repositories, then
 * OCI images, then S3 refs (the order of the skills-init config). Prompt templates see them as
 * `.SkillNames` (reference §3.8).
 */
export function skillNames(spec: AgentSpec): string[] {
  return collectSkills(spec.skills).map((s) => s.name);
}

/**
 * The skills of the Agent in `ctx`, with every problem reported as `agent-skills-invalid`.
 * `spec.skills` sits on the Agent spec, not in `declarative`, so a BYO agent gets them too.
 */
export function compileSkills(
  ctx: AgentContext,
  spec: AgentSpec,
  image: string,
  securityContext: Obj | undefined,
): SkillsPlan | undefined {
  const { plan, problems } = planSkills(ctx.agent.name, spec, image, securityContext);
  for (const p of problems) ctx.error(p.path, p.rule ?? 'agent-skills-invalid', p.message);
  return plan;
}

/**
 * Plan the skills of an Agent, or `undefined` when it fetches none (reference §3.7: the init
 * container, ConfigMap and mounts come only with at least one ref). Problems are collected
 * (every one reported), each with the message upstream gives (reference §8).
 */
export function planSkills(
  agentName: string,
  spec: AgentSpec,
  image: string,
  securityContext: Obj | undefined,
): { plan?: SkillsPlan; problems: SkillsProblem[] } {
  const skills: Obj | undefined = spec.skills ?? undefined;
  if (!skills || !hasSkillRefs(skills)) return { problems: [] };
  const problems: SkillsProblem[] = [];
  const fail = (path: FieldPath, message: string) =>
    problems.push({ path, message: `failed to build skills init container: ${message}` });

  const all = collectSkills(skills);
  const seen = new Set<string>();
  for (const s of all) {
    if (!validSkillName(s.name)) {
      fail(
        s.explicitName ? [...s.path, 'name'] : s.path,
        `${s.label}: skill name ${JSON.stringify(s.name)} is invalid: it must match ^[A-Za-z0-9._-]+$ and not be "." or ".."`,
      );
    } else if (seen.has(s.name)) {
      fail(s.path, `duplicate skill directory name ${JSON.stringify(s.name)}`);
    }
    seen.add(s.name);
  }
  (skills.gitRefs ?? []).forEach((ref: Obj, i: number) => {
    if (typeof ref.path === 'string' && ref.path !== '' && !isRelativeWithoutDotDot(ref.path)) {
      fail(
        ['spec', 'skills', 'gitRefs', i, 'path'],
        `skill subPath must be a relative path without '..' segments, got ${JSON.stringify(ref.path)}`,
      );
    }
  });
  const configMapName = `${agentName}-skills-init`;
  if (!isDnsSubdomain(configMapName)) {
    fail(
      ['spec', 'skills'],
      `derived skills-init ConfigMap name ${JSON.stringify(configMapName)} is invalid: ${dnsSubdomainProblem(configMapName)}`,
    );
  }
  if (problems.length > 0) return { problems };

  const gitAuth: string = skills.gitAuthSecretRef?.name ?? '';
  const pullSecrets: string[] = (skills.imagePullSecrets ?? []).map((s: Obj) => String(s?.name ?? ''));
  const config = skillsInitConfig(all, skills, gitAuth, pullSecrets);

  const initMounts: Obj[] = [
    { name: 'kagent-skills', mountPath: SKILLS_DIR },
    { name: 'skills-init-config', readOnly: true, mountPath: CONFIG_DIR },
  ];
  const volumes: Obj[] = [
    { name: 'kagent-skills', emptyDir: {} },
    { name: 'skills-init-config', configMap: { name: configMapName } },
  ];
  if (gitAuth) {
    volumes.push({ name: 'git-auth', secret: { secretName: gitAuth } });
    initMounts.push({ name: 'git-auth', readOnly: true, mountPath: GIT_AUTH_DIR });
  }
  for (const name of pullSecrets) {
    volumes.push({ name: `pull-secret-${name}`, secret: { secretName: name } });
    initMounts.push({ name: `pull-secret-${name}`, readOnly: true, mountPath: `${DOCKER_SECRETS_DIR}/${name}` });
  }
  // The user's structures as Go writes them (omitempty, canonical quantities: reference apiserver.md §2-3).
  const initPath = ['spec', 'skills', 'initContainer'];
  const quantityProblem = (path: FieldPath, value: unknown, error: string) =>
    problems.push({ path, message: quantityMessage(value, error), rule: 'quantity-invalid' });
  const env: Obj[] | undefined = goField(skills.initContainer, 'env', '[]EnvVar', initPath, quantityProblem);
  const resources: Obj | undefined =
    skills.initContainer?.resources == null
      ? undefined
      : goField(skills.initContainer, 'resources', 'ResourceRequirements', initPath, quantityProblem);
  if (problems.length > 0) return { problems };
  const initContainer = compact({
    name: 'skills-init',
    image,
    env,
    resources: resources ?? clone(DEFAULT_RESOURCES),
    volumeMounts: initMounts,
    // The user's container securityContext, never the agent's privileged one: fetching needs no privilege.
    securityContext: clone(securityContext),
  });
  return {
    plan: {
      configMapName,
      configJson: goJson(config),
      initContainer,
      volumes,
      mounts: [{ name: 'kagent-skills', readOnly: true, mountPath: SKILLS_DIR }],
      env: [{ name: 'KAGENT_SKILLS_FOLDER', value: SKILLS_DIR }],
    },
    problems,
  };
}

/** The skills-init `config.json`, fields in the controller's order, `omitempty` ones left out when empty. */
function skillsInitConfig(all: Skill[], skills: Obj, gitAuth: string, pullSecrets: string[]): Obj {
  const git = all.filter((s) => s.kind === 'git').map((s) => s.entry);
  const oci = all.filter((s) => s.kind === 'oci').map((s) => s.entry);
  const s3 = all.filter((s) => s.kind === 's3').map((s) => s.entry);
  const hosts = sshHosts((skills.gitRefs ?? []).map((r: Obj) => String(r?.url ?? '')));
  return compact({
    authMountPath: gitAuth ? GIT_AUTH_DIR : undefined,
    gitRefs: git.length > 0 ? git : undefined,
    ociRefs: oci.length > 0 ? oci : undefined,
    insecureOci: skills.insecureSkipVerify === true ? true : undefined,
    sshHosts: hosts.length > 0 ? hosts : undefined,
    imagePullSecrets: pullSecrets.length > 0 ? pullSecrets.map((n) => `${DOCKER_SECRETS_DIR}/${n}`) : undefined,
    s3Refs: s3.length > 0 ? s3 : undefined,
  });
}

function collectSkills(skills: Obj | null | undefined): Skill[] {
  if (!skills) return [];
  const out: Skill[] = [];
  (skills.gitRefs ?? []).forEach((ref: Obj, i: number) => {
    const url = String(ref?.url ?? '');
    const name = gitSkillName(ref ?? {});
    const revision: string = ref?.ref || 'main';
    const subPath = typeof ref?.path === 'string' && ref.path !== '' ? cleanPath(ref.path) : undefined;
    out.push({
      name,
      path: ['spec', 'skills', 'gitRefs', i],
      label: `git skill ${JSON.stringify(url)}`,
      explicitName: !!ref?.name,
      kind: 'git',
      entry: compact({
        url,
        ref: revision,
        dest: `${SKILLS_DIR}/${name}`,
        full: COMMIT_SHA.test(revision) ? true : undefined,
        subPath,
      }),
    });
  });
  (skills.refs ?? []).forEach((image: unknown, i: number) => {
    const ref = String(image ?? '');
    const name = ociSkillName(ref);
    out.push({
      name,
      path: ['spec', 'skills', 'refs', i],
      label: `oci skill ${JSON.stringify(ref)}`,
      explicitName: false,
      kind: 'oci',
      entry: { image: ref, dest: `${SKILLS_DIR}/${name}` },
    });
  });
  (skills.s3Refs ?? []).forEach((ref: Obj, i: number) => {
    const uri = String(ref?.uri ?? '');
    const name = ref?.name || s3SkillName(uri);
    out.push({
      name,
      path: ['spec', 'skills', 's3Refs', i],
      label: `s3 skill ${JSON.stringify(uri)}`,
      explicitName: !!ref?.name,
      kind: 's3',
      entry: compact({ uri, dest: `${SKILLS_DIR}/${name}`, region: ref?.region || undefined }),
    });
  });
  return out;
}

/** Explicit `name`, else the last segment of `path`, else the repository name without `.git`. */
export function gitSkillName(ref: Obj): string {
  if (ref.name) return String(ref.name);
  if (typeof ref.path === 'string' && ref.path !== '') return lastSegment(ref.path);
  // Go path.Base of the URL: `git@github.com:org/repo.git` → `repo` as `https://…/org/repo.git` does.
  return lastSegment(String(ref.url ?? '').replace(/\.git$/, ''));
}

/** The repository of an image reference without its tag or digest: `ghcr.io/org/skill:1.0` → `skill`. */
export function ociSkillName(image: string): string {
  let ref = image;
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) ref = ref.slice(0, colon);
  return lastSegment(ref);
}

/** The last non-empty segment of an S3 URI, without an archive extension: `s3://b/p/skill.tar.gz` → `skill`. */
export function s3SkillName(uri: string): string {
  const segment = lastSegment(uri.replace(/^s3:\/\//, ''));
  const suffix = ARCHIVE_SUFFIXES.find((x) => segment.endsWith(x));
  return suffix ? segment.slice(0, -suffix.length) : segment;
}

export function validSkillName(name: string): boolean {
  return SKILL_NAME.test(name) && name !== '.' && name !== '..';
}

/**
 * Hosts that git reaches over SSH (`ssh://[user@]host[:port]/…` or scp-like `user@host:path`),
 * deduplicated and sorted so that the config bytes do not depend on ref order.
 */
export function sshHosts(urls: string[]): Obj[] {
  const found = new Map<string, Obj>();
  for (const url of urls) {
    let host: string | undefined;
    let port: string | undefined;
    const ssh = /^ssh:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(url);
    const scp = /^(?:[^@/:]+@)([^:/]+):(?!\/\/)/.exec(url);
    if (ssh) [host, port] = [ssh[1], ssh[2]];
    else if (scp) host = scp[1];
    if (!host) continue;
    found.set(`${host}\u0000${port ?? ''}`, compact({ host, port }));
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function lastSegment(p: string): string {
  const parts = p.split('/').filter((s) => s !== '');
  return parts.length > 0 ? parts[parts.length - 1] : '';
}

function isRelativeWithoutDotDot(p: string): boolean {
  return !p.startsWith('/') && !p.split('/').includes('..');
}

/** Go `path.Clean` for a relative path: `a//b/./c/` → `a/b/c`. */
function cleanPath(p: string): string {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  return parts.length > 0 ? parts.join('/') : '.';
}
