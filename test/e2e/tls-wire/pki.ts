/**
 * Throwaway PKI for the TLS wire tests, made with the `openssl` CLI in a temp directory at
 * test time (nothing is committed): certificate authorities, server certificates whose SANs
 * are in-cluster DNS names, and client certificates. Keys are EC P-256 (fast to generate).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `openssl version`, or undefined when the CLI is missing (the suite is then skipped, with the reason in its name). */
export function opensslVersion(): string | undefined {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

export interface Pem {
  cert: string;
  key: string;
}

export interface CA extends Pem {
  name: string;
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export function makeCA(dir: string, name: string): CA {
  const base = path.join(dir, name);
  openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.crt`,
      '-subj',
      `/CN=${name}`,
      '-days',
      '2',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  return { name, cert: readFileSync(`${base}.crt`, 'utf8'), key: readFileSync(`${base}.key`, 'utf8') };
}

let serial = 1;

function leaf(dir: string, ca: CA, cn: string, extensions: string[]): Pem {
  const base = path.join(dir, `${cn}-${serial}`);
  writeFileSync(`${base}.ca.crt`, ca.cert);
  writeFileSync(`${base}.ca.key`, ca.key);
  writeFileSync(
    `${base}.ext`,
    `${['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', ...extensions].join('\n')}\n`,
  );
  openssl(['req', '-new', ...ecKey, '-keyout', `${base}.key`, '-out', `${base}.csr`, '-subj', `/CN=${cn}`], dir);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${base}.csr`,
      '-CA',
      `${base}.ca.crt`,
      '-CAkey',
      `${base}.ca.key`,
      '-set_serial',
      String(serial++),
      '-days',
      '2',
      '-extfile',
      `${base}.ext`,
      '-out',
      `${base}.crt`,
    ],
    dir,
  );
  return { cert: readFileSync(`${base}.crt`, 'utf8'), key: readFileSync(`${base}.key`, 'utf8') };
}

/** A server certificate for these DNS names (the first is also the CN). */
export function serverCert(dir: string, ca: CA, dnsNames: string[]): Pem {
  return leaf(dir, ca, dnsNames[0], [
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(',')}`,
  ]);
}

export function clientCert(dir: string, ca: CA, cn: string): Pem {
  return leaf(dir, ca, cn, ['extendedKeyUsage=clientAuth']);
}

/** The DNS names a Service `name` in `namespace` answers to inside the cluster. */
export function serviceNames(name: string, namespace: string): string[] {
  return [`${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}
