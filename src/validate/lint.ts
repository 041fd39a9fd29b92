/** Product rules beyond the CRDs (SPEC §3.1 point 6) and controller-time checks of kmcp (kmcp.md §2.9). */
import { at, type Diagnostic } from '../diagnostics/diagnostic.js';
import { keyOf, type InputObject } from '../model/source.js';

const TLS_ARG = /--tls[-_](cert|key)|--(cert|key)[-_]?file|\.crt\b|\.pem\b/i;
const TLS_PORTS = new Set([443, 8443]);

export function lintMCPServer(server: InputObject): Diagnostic[] {
  const out: Diagnostic[] = [];
  const spec = (server.body.spec ?? {}) as Record<string, any>;
  const transport = spec.transportType;
  const tls = spec.httpTransport?.tls;
  if (transport === undefined || transport === '') {
    out.push(
      at(
        server.origin,
        ['spec'],
        'error',
        'mcpserver-transport-required',
        "spec.transportType is required: set it to 'stdio' or 'http' (kmcp rejects an MCPServer without it)",
        keyOf(server),
      ),
    );
  }
  if (tls !== undefined && transport === 'stdio') {
    out.push(
      at(
        server.origin,
        ['spec', 'httpTransport', 'tls'],
        'error',
        'tls-on-stdio',
        'httpTransport.tls on a stdio MCPServer cannot work: the stdio adapter listens in plain HTTP; remove the tls block or use transportType http',
        keyOf(server),
      ),
    );
  }
  if (tls === undefined && transport !== 'stdio') {
    const d = spec.deployment ?? {};
    const args: unknown[] = Array.isArray(d.args) ? d.args : [];
    const env = d.env && typeof d.env === 'object' ? (d.env as Record<string, unknown>) : {};
    const argIndex = args.findIndex((a) => typeof a === 'string' && TLS_ARG.test(a));
    const envKey = Object.keys(env).find(
      (k) => /TLS_(CERT|KEY)/i.test(k) || (typeof env[k] === 'string' && TLS_ARG.test(env[k] as string)),
    );
    const port = TLS_PORTS.has(d.port) || TLS_PORTS.has(spec.httpTransport?.targetPort);
    if (argIndex >= 0 || envKey !== undefined || port) {
      const path =
        argIndex >= 0
          ? ['spec', 'deployment', 'args', argIndex]
          : envKey !== undefined
            ? ['spec', 'deployment', 'env', envKey]
            : ['spec', 'deployment', 'port'];
      out.push(
        at(
          server.origin,
          path,
          'warning',
          'tls-server-without-client-tls',
          'this MCPServer looks like it serves TLS but has no spec.httpTransport.tls; agents will connect over plain http — add httpTransport.tls.secretRef with the client certificate Secret',
          keyOf(server),
        ),
      );
    }
  }
  return out;
}
