/**
 * agent-card.json: the a2a-go v0.3-compat rendering of the card (kagent utils.go
 * GetA2AAgentCard; a2a-go a2acompat/a2av0/agentcard.go), two-space MarshalIndent, keys in
 * the order of reference §6.5.
 */
import type { AgentSpec } from '../../model/input.js';
import type { InputObject } from '../../model/source.js';
import { goJsonIndent } from '../../go/json.js';

type Obj = Record<string, any>;

export function buildAgentCard(agent: InputObject): string {
  const spec: AgentSpec = (agent.body.spec as AgentSpec | undefined) ?? {};
  const url = `http://${agent.name}.${agent.namespace}:8080`;
  const skills = (spec.declarative?.a2aConfig?.skills ?? []).map((s) => {
    const out: Obj = { description: s.description ?? '' };
    if (Array.isArray(s.examples) && s.examples.length > 0) out.examples = s.examples;
    out.id = s.id ?? '';
    if (Array.isArray(s.inputModes) && s.inputModes.length > 0) out.inputModes = s.inputModes;
    out.name = s.name ?? '';
    if (Array.isArray(s.outputModes) && s.outputModes.length > 0) out.outputModes = s.outputModes;
    out.tags = Array.isArray(s.tags) ? s.tags : null;
    return out;
  });
  const card: Obj = {
    defaultInputModes: ['text'],
    defaultOutputModes: ['text'],
    description: spec.description ?? '',
  };
  if (spec.documentationUrl) card.documentationUrl = spec.documentationUrl;
  if (spec.iconUrl) card.iconUrl = spec.iconUrl;
  card.name = agent.name.replace(/-/g, '_');
  if (spec.provider) card.provider = { organization: spec.provider.organization ?? '', url: spec.provider.url ?? '' };
  card.version = spec.version ?? '';
  card.skills = skills;
  card.capabilities = { streaming: true };
  card.supportedInterfaces = [
    { url, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    { url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
  ];
  card.url = url;
  card.protocolVersion = '0.3';
  card.preferredTransport = 'JSONRPC';
  return goJsonIndent(card);
}
