/**
 * Names under Kubernetes limits. Invariants of every name made here: a DNS-1123 label
 * (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`), at most 63 characters, deterministic, and distinct
 * for distinct inputs (a hash of the full input is kept when it must be shortened) —
 * never a bare `slice(0, 63)`, which collides and can end in `-`.
 */
import { createHash } from 'node:crypto';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, dns1123Subdomain } from '../../check/k8s-validation.js';

export const MAX_LABEL = 63;
const HASH_LEN = 8;

export function isDnsLabel(s: string): boolean {
  return s.length <= MAX_LABEL && DNS1123_LABEL.test(s);
}

export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

/** Why a name is not a DNS-1123 subdomain, in apimachinery's words ("" when it is one). */
export function dnsSubdomainProblem(name: string): string {
  return dns1123Subdomain(name).join('; ');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/**
 * `<prefix><id>` when that is a valid label; otherwise `<prefix><sanitised start of id>-<8 hex of sha256(id)>`,
 * cut to 63 and never ending in `-` (SPEC §3.1 point 3).
 */
export function boundedName(prefix: string, id: string): string {
  const plain = `${prefix}${id}`;
  if (isDnsLabel(plain)) return plain;
  const hash = sha256Hex(id).slice(0, HASH_LEN);
  const room = MAX_LABEL - prefix.length - HASH_LEN - 1;
  const head = id
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, Math.max(0, room))
    .replace(/-+$/, '');
  return head ? `${prefix}${head}-${hash}` : `${prefix}${hash}`;
}

/**
 * Upstream CA bundle id (kagent adk_api_translator.go tlsCAPaths): the Secret name when
 * `tls-ca-<name>` is a valid label, else 8 hex chars of its sha256.
 */
export function caBundleId(secretName: string): string {
  return isDnsLabel(`tls-ca-${secretName}`) ? secretName : sha256Hex(secretName).slice(0, HASH_LEN);
}
