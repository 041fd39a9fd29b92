/**
 * TLS wiring of an agent pod. Upstream CA bundles (ModelConfig/RemoteMCPServer `spec.tls`;
 * kagent adk_api_translator.go tlsCAPaths / addTLSConfiguration / deriveTLSFields, reference
 * §5) and this product's MCPServer client certificates (SPEC §3.1) share one shape: a
 * read-only Secret volume mounted as a directory, plus config.json fields.
 */
import { boundedName, caBundleId } from '../k8s/names.js';

type Obj = Record<string, any>;

export interface TlsMount {
  volume: Obj;
  mount: Obj;
}

/** Where agent pods find an MCPServer's client certificate (SPEC §3.1 point 2). */
export const MCP_TLS_DIR = '/etc/kagent/mcp-tls';

function secretMount(name: string, secretName: string, dir: string): TlsMount {
  return {
    volume: { name, secret: { secretName, defaultMode: 0o444 } },
    mount: { name, readOnly: true, mountPath: dir },
  };
}

/**
 * Upstream TLSConfig → config fields (both booleans whenever the config is non-empty,
 * `tls_ca_cert_path` a FILE) and the CA volume when a Secret and key are named.
 */
export function caBundle(tls: Obj | undefined): { fields: Obj; mount?: TlsMount } | undefined {
  if (!tls || !(tls.disableVerify || tls.caCertSecretRef || tls.caCertSecretKey || tls.disableSystemCAs))
    return undefined;
  const fields: Obj = { tls_insecure_skip_verify: tls.disableVerify === true };
  let mount: TlsMount | undefined;
  if (tls.caCertSecretRef && tls.caCertSecretKey) {
    const id = caBundleId(tls.caCertSecretRef);
    const dir = `/etc/ssl/certs/custom/${id}`;
    mount = secretMount(`tls-ca-${id}`, tls.caCertSecretRef, dir);
    fields.tls_ca_cert_path = `${dir}/${tls.caCertSecretKey}`;
  }
  fields.tls_disable_system_cas = tls.disableSystemCAs === true;
  return { fields, mount };
}

/** MCPServer `httpTransport.tls` → client-certificate directory mount and config fields (SPEC §3.1). */
export function clientCertificate(tls: Obj): { fields: Obj; mount: TlsMount } {
  const secret = String(tls.secretRef);
  const dir = `${MCP_TLS_DIR}/${secret}`;
  return {
    fields: { tls_insecure_skip_verify: tls.insecureSkipVerify === true, tls_client_cert_path: dir },
    mount: secretMount(boundedName('mcp-tls-', secret), secret, dir),
  };
}
