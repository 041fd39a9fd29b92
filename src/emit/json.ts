/** `--format json`: one v1 List. */
import type { K8sObject } from '../model/k8s.js';

export function toJsonList(objects: readonly K8sObject[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`;
}
