/**
 * The `secretHashBytes` part of the config-hash (reference §3.9): the hex-decoded
 * `status.secretHash` of the ModelConfigs an agent uses, then of the RemoteMCPServers its
 * tools name. The controllers write those hashes so that rotating a referenced Secret rolls
 * the agent's pods; offline, they only count when the status is committed with the object.
 */
import type { InputObject } from '../../model/source.js';
import type { ObjectIndex } from '../../index/objects.js';

type Obj = Record<string, any>;

/** What contributes, in the controller's order. */
export interface SecretHashSources {
  model: InputObject | undefined;
  /** Only when it names another ModelConfig than the agent's own. */
  summarizer: InputObject | undefined;
  /** Only when it names another ModelConfig than the agent's own. */
  memory: InputObject | undefined;
  /** The RemoteMCPServer of each MCP tool, in tool order (a server used twice counts twice). */
  remoteMcpServers: InputObject[];
}

export interface SecretHashResult {
  bytes: Uint8Array;
  /** ModelConfigs whose hash is not hex: the controller refuses the agent. */
  invalid: Array<{ modelConfig: InputObject; message: string }>;
}

export function collectSecretHashBytes(sources: SecretHashSources): SecretHashResult {
  const chunks: Uint8Array[] = [];
  const invalid: SecretHashResult['invalid'] = [];
  for (const mc of [sources.model, sources.summarizer, sources.memory]) {
    if (!mc) continue;
    const decoded = decodeHex(statusSecretHash(mc));
    if ('error' in decoded)
      invalid.push({ modelConfig: mc, message: `failed to decode secret hash: ${decoded.error}` });
    else chunks.push(decoded.bytes);
  }
  // A RemoteMCPServer's bad hash is skipped, not an error (upstream ignores the decode error).
  for (const rms of sources.remoteMcpServers) {
    const decoded = decodeHex(statusSecretHash(rms));
    if ('bytes' in decoded) chunks.push(decoded.bytes);
  }
  return { bytes: Uint8Array.from(Buffer.concat(chunks)), invalid };
}

/**
 * The RemoteMCPServers an agent's MCP tools name, in tool order. MCPServer and Service
 * tools become synthetic servers without a status, so they contribute nothing.
 */
export function remoteMcpServersOf(index: ObjectIndex, agentNamespace: string, tools: unknown): InputObject[] {
  if (!Array.isArray(tools)) return [];
  const found: InputObject[] = [];
  for (const tool of tools as Obj[]) {
    const ref: Obj | undefined = tool?.mcpServer;
    if (
      !ref ||
      ref.kind !== 'RemoteMCPServer' ||
      !(ref.apiGroup === undefined || ref.apiGroup === '' || ref.apiGroup === 'kagent.dev')
    )
      continue;
    const rms = index.get('RemoteMCPServer', ref.namespace || agentNamespace, String(ref.name ?? ''));
    if (rms) found.push(rms);
  }
  return found;
}

function statusSecretHash(obj: InputObject): string {
  const hash = (obj.body.status as Obj | undefined)?.secretHash;
  return typeof hash === 'string' ? hash : '';
}

/** Go `hex.DecodeString`, with its error texts (an invalid byte is reported before an odd length). */
export function decodeHex(hex: string): { bytes: Uint8Array } | { error: string } {
  const src = Buffer.from(hex, 'utf8');
  const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
  let j = 1;
  for (; j < src.length; j += 2) {
    if (!isHex(src[j - 1]!)) return { error: invalidByte(src[j - 1]!) };
    if (!isHex(src[j]!)) return { error: invalidByte(src[j]!) };
  }
  if (src.length % 2 === 1) {
    if (!isHex(src[j - 1]!)) return { error: invalidByte(src[j - 1]!) };
    return { error: 'encoding/hex: odd length hex string' };
  }
  return { bytes: Uint8Array.from(Buffer.from(hex, 'hex')) };
}

/** Go `InvalidByteError`: `%#U` of the byte taken as a rune, the character quoted when printable. */
function invalidByte(b: number): string {
  const code = `U+${b.toString(16).toUpperCase().padStart(4, '0')}`;
  const printable = (b >= 0x20 && b <= 0x7e) || (b >= 0xa1 && b !== 0xad);
  return `encoding/hex: invalid byte: ${printable ? `${code} '${String.fromCharCode(b)}'` : code}`;
}

/** The contributors of a Declarative agent (`decl` = `spec.declarative`), looked up in the input. */
export function secretHashSources(index: ObjectIndex, agent: InputObject, decl: Obj): SecretHashSources {
  const own = String(decl.modelConfig ?? '');
  const other = (name: unknown) =>
    typeof name === 'string' && name !== '' && name !== own
      ? index.get('ModelConfig', agent.namespace, name)
      : undefined;
  return {
    model: own === '' ? undefined : index.get('ModelConfig', agent.namespace, own),
    summarizer: other(decl.context?.compaction?.summarizer?.modelConfig),
    memory: other(decl.memory?.modelConfig),
    remoteMcpServers: remoteMcpServersOf(index, agent.namespace, decl.tools),
  };
}
