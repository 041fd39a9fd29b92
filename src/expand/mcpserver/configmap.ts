/** The agentgateway "local" config kmcp writes into ConfigMap `<name>` key `local.yaml` (kmcp.md §2.11). */
import { createHash } from 'node:crypto';
import { goYaml } from '../../go/yaml.js';

export interface LocalConfigInput {
  name: string;
  port: number;
  transport: 'stdio' | 'http';
  cmd?: string;
  args?: string[];
  env?: Record<string, string>;
  targetPort?: number;
  path?: string;
}

export function localYaml(i: LocalConfigInput): string {
  const target: Record<string, any> = { name: i.name };
  if (i.transport === 'stdio') {
    const stdio: Record<string, any> = { cmd: i.cmd ?? '' };
    if (i.args && i.args.length > 0) stdio.args = i.args;
    if (i.env && Object.keys(i.env).length > 0) stdio.env = i.env;
    target.stdio = stdio;
  } else {
    target.sse = { host: 'localhost', port: i.targetPort ?? 0, path: i.path ?? '' };
  }
  return goYaml({
    config: {},
    binds: [
      {
        port: i.port,
        listeners: [
          {
            name: 'default',
            protocol: 'HTTP',
            routes: [
              {
                name: 'mcp',
                matches: [{ path: { pathPrefix: '/sse' } }, { path: { pathPrefix: '/mcp' } }],
                backends: [{ weight: 100, mcp: { targets: [target] } }],
              },
            ],
          },
        ],
      },
    ],
  });
}

/** kmcp.kagent.dev/mcpserver-config-hash: first 8 hex chars of sha256(local.yaml) (kmcp.md §2.12). */
export function localConfigHash(yaml: string): string {
  return createHash('sha256').update(yaml).digest('hex').slice(0, 8);
}
