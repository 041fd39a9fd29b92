/**
 * YAML output. Keys in insertion order (builders own order; nothing sorts here), block
 * style, no line folding, no anchors, and strings a YAML 1.1 reader (kubectl, Argo CD,
 * go-yaml) would misread — `on`, `yes`, `0777`, `1e3`, `12:30` — quoted.
 */
import { stringify } from 'yaml';
import type { K8sObject } from '../model/k8s.js';

const OPTIONS = {
  version: '1.1' as const,
  lineWidth: 0,
  aliasDuplicateObjects: false,
  indentSeq: true,
  blockQuote: 'literal' as const,
};

export function toYaml(value: unknown): string {
  return stringify(value, OPTIONS);
}

/** Multi-document stream: every document starts with `---`. */
export function toYamlStream(objects: readonly K8sObject[]): string {
  return objects.map((o) => `---\n${toYaml(o)}`).join('');
}
