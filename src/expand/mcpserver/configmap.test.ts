import { describe, expect, it } from 'vitest';
import { localConfigHash, localYaml, type LocalConfigInput } from './configmap.js';
import { goKeyCompare } from '../../go/yaml.js';

// Test vectors of kmcp.md §2.12 (json → go-yaml v2.4.0 over the translator's struct shape).
const vectors: Array<[string, LocalConfigInput, string]> = [
  [
    'A',
    {
      name: 'everything-mcp-server',
      transport: 'stdio',
      port: 3000,
      cmd: 'npx',
      args: ['-y', '@modelcontextprotocol/server-everything@2026.1.14'],
    },
    '90b75254',
  ],
  [
    'B',
    {
      name: 'test-resource',
      transport: 'stdio',
      port: 3000,
      cmd: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem', '/'],
    },
    '519593bd',
  ],
  ['C', { name: 'test-no-sidecars', transport: 'stdio', port: 3000 }, '3d4050e5'],
  ['D', { name: 'test-http-imagepullpolicy', transport: 'http', port: 3000, targetPort: 8080 }, '518e2b73'],
  ['E', { name: 'my-server', transport: 'http', port: 3000, targetPort: 3000, path: '/mcp' }, 'd3a6eed8'],
  [
    'F',
    {
      name: 'github-server',
      transport: 'stdio',
      port: 3000,
      cmd: 'npx',
      args: ['-y', '@modelcontextprotocol/server-github'],
      env: { GITHUB_TOKEN: 'abc', A_B: '1', AB: '2', A1: 'x', PORT: '8080', FLAG: 'true', EMPTY: '' },
    },
    '2e493dc7',
  ],
  [
    'G',
    {
      name: 'mcpserver-irsa-example',
      transport: 'stdio',
      port: 3000,
      cmd: '/usr/local/bin/mcp-server-filesystem',
      args: ['/data'],
    },
    '36455859',
  ],
  [
    'H',
    {
      name: 'long',
      transport: 'stdio',
      port: 3000,
      cmd: 'sh',
      args: [
        '-c',
        'echo this is a deliberately long argument string with many words so that it exceeds eighty columns easily',
      ],
    },
    '969ff768',
  ],
  ['I', { name: 'my-mcp-server', transport: 'http', port: 8080, targetPort: 8080 }, 'cbb46794'],
  [
    'J',
    {
      name: 'example-with-custom-registry',
      transport: 'stdio',
      port: 3000,
      cmd: 'python',
      args: ['-m', 'http.server'],
    },
    '92a35c59',
  ],
  ['K', { name: 'test-mcp', transport: 'http', port: 8443, targetPort: 8443, path: '/' }, 'ab3a91c5'],
  [
    'L',
    { name: 'mcp-server-secure', transport: 'stdio', port: 3000, env: { LOG_LEVEL: 'info', MCP_SERVER_PORT: '8080' } },
    '52276405',
  ],
];

/** What every stdio local.yaml on port 3000 has before and after its target (kmcp.md §2.11). */
const HEAD = `binds:
- listeners:
  - name: default
    protocol: HTTP
    routes:
    - backends:
      - mcp:
          targets:
`;
const TAIL = `        weight: 100
      matches:
      - path:
          pathPrefix: /sse
      - path:
          pathPrefix: /mcp
      name: mcp
  port: 3000
config: {}
`;

describe('kmcp local.yaml', () => {
  it.each(vectors)('vector %s hashes as kmcp would', (_id, input, hash) => {
    expect(localConfigHash(localYaml(input))).toBe(hash);
  });

  it('renders the reference stdio example byte for byte', () => {
    expect(localYaml(vectors[0][1])).toBe(`${HEAD}          - name: everything-mcp-server
            stdio:
              args:
              - -y
              - '@modelcontextprotocol/server-everything@2026.1.14'
              cmd: npx
${TAIL}`);
  });

  it('quotes env values that would read as other types and orders keys as go-yaml does', () => {
    expect(localYaml(vectors[5][1])).toContain(`              env:
                A_B: "1"
                A1: x
                AB: "2"
                EMPTY: ""
                FLAG: "true"
                GITHUB_TOKEN: abc
                PORT: "8080"
`);
  });

  it('folds long plain scalars at 80 columns', () => {
    expect(
      localYaml(vectors[7][1]),
    ).toContain(`              - echo this is a deliberately long argument string with many words so
                that it exceeds eighty columns easily
`);
  });

  it('sorts digit runs numerically and non-letters before letters', () => {
    expect(['AB', 'A1', 'A_B', 'a10', 'a9'].sort(goKeyCompare)).toEqual(['A_B', 'A1', 'AB', 'a9', 'a10']);
  });

  it('writes strings with spaces and line breaks as go-yaml does: single quotes, literal blocks, double quotes', () => {
    const input: LocalConfigInput = {
      name: 'quoting',
      transport: 'stdio',
      port: 3000,
      cmd: 'sh',
      args: ['-c', 'echo one\necho two\n', ' spaced '],
      env: { TABBED: 'a\tb', PADDED: ' x ', MODE: '0755', BANNER: 'line1\nline2' },
    };
    expect(localYaml(input)).toBe(`${HEAD}          - name: quoting
            stdio:
              args:
              - -c
              - |
                echo one
                echo two
              - ' spaced '
              cmd: sh
              env:
                BANNER: |-
                  line1
                  line2
                MODE: "0755"
                PADDED: ' x '
                TABBED: "a\\tb"
${TAIL}`);
  });
});
