/**
 * Sandboxed execution of an Agent (reference §3.5, §3.7, §3.9, §6.1): whether the runtime
 * needs the sandbox-runtime (SRT) settings file, its bytes, the config.json `network` block,
 * and the container securityContext that code isolation needs.
 */
import { goJson } from '../../go/json.js';
import type { AgentSkills, AgentSpec } from '../../model/input.js';

type Obj = Record<string, any>;

/** Where the config Secret (mounted at /config) puts the SRT settings; env KAGENT_SRT_SETTINGS_PATH. */
export const SRT_SETTINGS_PATH = '/config/srt-settings.json';

/**
 * Whether `srt-settings.json` is written (reference §3.5): a Declarative agent needs it with
 * `spec.skills` (even without refs) or `executeCodeBlocks: true`; a BYO agent when
 * `spec.sandbox` is set, since its image is the user's and only the user knows it sandboxes.
 */
export function needsSrtSettings(spec: AgentSpec, byo: boolean): boolean {
  if (byo) return isSet(spec.sandbox);
  return isSet(spec.skills) || spec.declarative?.executeCodeBlocks === true;
}

/**
 * Whether the agent container runs code that must be isolated (reference §3.5): code blocks
 * executed, or skills actually fetched (an empty `skills: {}` fetches nothing).
 */
export function needsCodeIsolation(spec: AgentSpec): boolean {
  return spec.declarative?.executeCodeBlocks === true || hasSkillRefs(spec.skills);
}

export function hasSkillRefs(skills: AgentSkills | null | undefined): boolean {
  return !!skills && [skills.refs, skills.gitRefs, skills.s3Refs].some((l) => Array.isArray(l) && l.length > 0);
}

/**
 * `srt-settings.json` (reference §3.7): Go marshals a map, so keys are sorted at every level
 * and the JSON is compact; allowed domains keep the user's order, an absent list is `[]`.
 */
export function srtSettingsJson(spec: AgentSpec): string {
  const allowed: unknown[] = spec.sandbox?.network?.allowedDomains ?? [];
  return goJson({
    filesystem: { allowWrite: ['.', '/tmp'], denyRead: [], denyWrite: [] },
    network: { allowedDomains: [...allowed], deniedDomains: [] },
  });
}

/** config.json `network` (reference §6.1, §6.4): present when `spec.sandbox.network` is set; `allowed_domains` omitempty. */
export function networkConfig(spec: AgentSpec): Obj | undefined {
  const network = spec.sandbox?.network;
  if (!isSet(network)) return undefined;
  const domains: unknown[] = network.allowedDomains ?? [];
  return domains.length > 0 ? { allowed_domains: [...domains] } : {};
}

/**
 * The agent container's securityContext (reference §3.5): a copy of the user's; when code
 * isolation is needed the sandbox needs `privileged: true`, unless the user explicitly
 * forbade privilege escalation (the two together are rejected by the API server).
 */
export function agentSecurityContext(base: Obj | undefined, isolation: boolean): Obj | undefined {
  if (!isolation) return base;
  if (!base) return { privileged: true };
  if (base.allowPrivilegeEscalation === false) return base;
  // Go's SecurityContext field order: capabilities, then privileged, then the rest.
  const { capabilities, privileged: _, ...rest } = base;
  return capabilities === undefined ? { privileged: true, ...rest } : { capabilities, privileged: true, ...rest };
}

/** Go's `!= nil` on a pointer field read from YAML: an explicit `null` is as good as absent. */
function isSet<T>(v: T): v is NonNullable<T> {
  return v !== undefined && v !== null;
}
