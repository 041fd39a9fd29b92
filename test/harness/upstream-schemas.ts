/** The upstream strict Kubernetes JSON Schemas in ../shared (read by path: they are oracles, never copied). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const dir = path.resolve(
  new URL('../../../shared/schemas/kubernetes/master-standalone-strict', import.meta.url).pathname,
);
const FILES: Record<string, string> = {
  'apps/v1/Deployment': 'deployment-apps-v1.json',
  'v1/Service': 'service-v1.json',
  'v1/ConfigMap': 'configmap-v1.json',
  'v1/Secret': 'secret-v1.json',
  'v1/ServiceAccount': 'serviceaccount-v1.json',
};

// The schemas use int32/int64/byte/date-time; formats are checked loosely (types are what matter here).
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  formats: { int32: true, int64: true, byte: true, 'date-time': true },
});
const cache = new Map<string, ValidateFunction>();

/** Problems of one emitted object under the upstream strict schema for its kind (empty = valid). */
export function validateAgainstUpstream(obj: { apiVersion: string; kind: string }): string[] {
  const file = FILES[`${obj.apiVersion}/${obj.kind}`];
  if (!file) return [`no upstream schema for ${obj.apiVersion}/${obj.kind}`];
  let v = cache.get(file);
  if (!v) {
    v = ajv.compile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    cache.set(file, v);
  }
  return v(obj)
    ? []
    : (v.errors ?? []).map(
        (e) =>
          `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
      );
}
