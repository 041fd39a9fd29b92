import { describe, expect, it } from 'vitest';
import type { InputObject } from '../../model/source.js';
import { buildIndex } from '../../index/objects.js';
import { collectSecretHashBytes, decodeHex, remoteMcpServersOf } from './secret-hash.js';

function obj(kind: string, name: string, secretHash?: string, namespace = 'ns'): InputObject {
  const body: Record<string, unknown> = {
    apiVersion: 'kagent.dev/v1alpha2',
    kind,
    metadata: { name, namespace },
    spec: {},
  };
  if (secretHash !== undefined) body.status = { secretHash };
  const origin = { file: 'in.yaml', index: 0, at: () => ({ file: 'in.yaml', line: 1, col: 1 }) };
  return { body, apiVersion: 'kagent.dev/v1alpha2', kind, namespace, name, origin };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('decodeHex (Go hex.DecodeString)', () => {
  it('decodes lower and upper case', () => {
    expect(decodeHex('DEADbeef')).toEqual({ bytes: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]) });
    expect(decodeHex('')).toEqual({ bytes: new Uint8Array() });
  });

  it('reports the first invalid byte as Go does', () => {
    expect(decodeHex('zz')).toEqual({ error: "encoding/hex: invalid byte: U+007A 'z'" });
    expect(decodeHex('a\n')).toEqual({ error: 'encoding/hex: invalid byte: U+000A' });
    // Go reads bytes: é is C3 A9, and C3 printed as a rune is Ã.
    expect(decodeHex('é0')).toEqual({ error: "encoding/hex: invalid byte: U+00C3 'Ã'" });
  });

  it('reports an odd length only when the trailing byte is hex', () => {
    expect(decodeHex('abc')).toEqual({ error: 'encoding/hex: odd length hex string' });
    expect(decodeHex('abg')).toEqual({ error: "encoding/hex: invalid byte: U+0067 'g'" });
  });
});

describe('collectSecretHashBytes', () => {
  it('concatenates model, summarizer, memory, then servers in that order', () => {
    const r = collectSecretHashBytes({
      model: obj('ModelConfig', 'main', '01'),
      summarizer: obj('ModelConfig', 'sum', '02'),
      memory: obj('ModelConfig', 'mem', '03'),
      remoteMcpServers: [
        obj('RemoteMCPServer', 'a', '04'),
        obj('RemoteMCPServer', 'b', '05'),
        obj('RemoteMCPServer', 'a', '04'),
      ],
    });
    expect(hex(r.bytes)).toBe('010203040504');
    expect(r.invalid).toEqual([]);
  });

  it('counts nothing for an absent status or an empty hash', () => {
    const r = collectSecretHashBytes({
      model: obj('ModelConfig', 'main'),
      summarizer: undefined,
      memory: obj('ModelConfig', 'mem', ''),
      remoteMcpServers: [obj('RemoteMCPServer', 'a')],
    });
    expect(r.bytes.length).toBe(0);
  });

  it('rejects a ModelConfig hash that is not hex but skips such a RemoteMCPServer hash', () => {
    const bad = obj('ModelConfig', 'main', 'xyz');
    const r = collectSecretHashBytes({
      model: bad,
      summarizer: undefined,
      memory: undefined,
      remoteMcpServers: [obj('RemoteMCPServer', 'a', 'nothex'), obj('RemoteMCPServer', 'b', 'ff')],
    });
    expect(r.invalid).toEqual([
      { modelConfig: bad, message: "failed to decode secret hash: encoding/hex: invalid byte: U+0078 'x'" },
    ]);
    expect(hex(r.bytes)).toBe('ff');
  });
});

describe('remoteMcpServersOf', () => {
  it('finds only RemoteMCPServer tools, in tool order, defaulting the namespace to the agent', () => {
    const a = obj('RemoteMCPServer', 'a', '01');
    const b = obj('RemoteMCPServer', 'b', '02', 'other');
    const { index } = buildIndex([a, b, obj('MCPServer', 'a', '03')]);
    const tools = [
      { mcpServer: { kind: 'RemoteMCPServer', apiGroup: 'kagent.dev', name: 'b', namespace: 'other' } },
      { mcpServer: { kind: 'MCPServer', name: 'a' } },
      { agent: { name: 'x' } },
      { mcpServer: { kind: 'RemoteMCPServer', name: 'a' } },
      { mcpServer: { kind: 'RemoteMCPServer', apiGroup: 'example.com', name: 'a' } },
      { mcpServer: { kind: 'RemoteMCPServer', name: 'missing' } },
    ];
    expect(remoteMcpServersOf(index, 'ns', tools).map((o) => `${o.namespace}/${o.name}`)).toEqual(['other/b', 'ns/a']);
  });
});
