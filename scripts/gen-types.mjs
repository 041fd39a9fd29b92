// Writes src/model/input.generated.ts: TypeScript types of the input kinds, from the input
// JSON Schemas (schemas/input/*.json, themselves derived from the CRDs). What the schema
// validator has accepted has this shape, so expansion code can be typed against it.
// Run: npm run gen (test/generated-fresh.test.ts fails when the committed file is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(new URL('..', import.meta.url).pathname);
export const OUT = path.join(root, 'src/model/input.generated.ts');
const KINDS = [
  ['Agent', 'agent.json'],
  ['MCPServer', 'mcpserver.json'],
  ['ModelConfig', 'modelconfig.json'],
  ['RemoteMCPServer', 'remotemcpserver.json'],
];

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k) => (IDENT.test(k) ? k : JSON.stringify(k));

/**
 * The CRDs repeat whole Kubernetes types (Container, Volume, EnvVar, probes …) wherever the Go
 * type is reused. Identical subschemas that occur twice or more and are big enough become one
 * named type each, named after the Kubernetes type where the field says which, else after the
 * field; the kinds refer to them.
 */
const K8S_NAMES = {
  containers: 'Container',
  extraContainers: 'Container',
  sidecars: 'Container',
  initContainers: 'Container',
  volumes: 'Volume',
  volumeMounts: 'VolumeMount',
  env: 'EnvVar',
  envFrom: 'EnvFromSource',
  affinity: 'Affinity',
  tolerations: 'Toleration',
  securityContext: 'SecurityContext',
  podSecurityContext: 'PodSecurityContext',
  resources: 'ResourceRequirements',
  livenessProbe: 'Probe',
  readinessProbe: 'Probe',
  startupProbe: 'Probe',
  valueFrom: 'EnvVarSource',
  imagePullSecrets: 'LocalObjectReference',
  metadata: 'ObjectMeta',
  selector: 'LabelSelector',
  items: 'KeyToPath',
  httpGet: 'HTTPGetAction',
  configMap: 'ConfigMapVolumeSource',
  secret: 'SecretVolumeSource',
  emptyDir: 'EmptyDirVolumeSource',
  downwardAPI: 'DownwardAPIVolumeSource',
};
const MIN_HOISTED = 100;

const isNode = (s) => s && typeof s === 'object' && !Array.isArray(s) && (s.type === 'object' || s.properties);
const pascal = (k) => k.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, __, c) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');

/** Counts every object subschema (by its text) over all kinds. */
function countShapes(schemas) {
  const counts = new Map();
  const walk = (s) => {
    if (!s || typeof s !== 'object') return;
    if (isNode(s)) {
      const k = JSON.stringify(s);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const v of Array.isArray(s) ? s : Object.values(s)) walk(v);
  };
  for (const s of schemas) walk(s);
  return counts;
}

class Emitter {
  constructor(counts) {
    this.counts = counts;
    /** shape text → type name */
    this.names = new Map();
    this.taken = new Set();
    /** type name → declaration, in first-use order */
    this.declarations = new Map();
  }

  /** The type expression of `s`, met as field `field` (an array item gets the array's field). */
  typeOf(s, indent, field) {
    if (!s || typeof s !== 'object' || Object.keys(s).length === 0) return 'unknown';
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (s.anyOf || s.oneOf)
      return [...new Set((s.anyOf ?? s.oneOf).map((x) => this.typeOf(x, indent, field)))].join(' | ');
    if (Array.isArray(s.type)) return s.type.map((t) => this.typeOf({ ...s, type: t }, indent, field)).join(' | ');
    switch (s.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        const item = this.typeOf(s.items, indent, field);
        return /^[\w.]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
      }
      case 'object':
      case undefined:
        return this.objectOrName(s, indent, field);
      default:
        throw new Error(`gen-types: unknown type ${s.type}`);
    }
  }

  objectOrName(s, indent, field) {
    const text = JSON.stringify(s);
    if ((this.counts.get(text) ?? 0) < 2 || text.length < MIN_HOISTED || !s.properties) return this.objectOf(s, indent);
    let name = this.names.get(text);
    if (name === undefined) {
      const base = K8S_NAMES[field] ?? pascal(field ?? 'Shared');
      name = base;
      for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
      this.taken.add(name);
      this.names.set(text, name);
      this.declarations.set(name, `export interface ${name} ${this.objectOf(s, '')}\n`);
    }
    return name;
  }

  objectOf(s, indent) {
    const props = Object.entries(s.properties ?? {});
    const extra =
      s.additionalProperties && typeof s.additionalProperties === 'object'
        ? this.typeOf(s.additionalProperties, indent)
        : undefined;
    if (props.length === 0) return `Record<string, ${extra ?? 'unknown'}>`;
    const inner = `${indent}  `;
    const required = new Set(s.required ?? []);
    const lines = props.map(([k, v]) => `${inner}${key(k)}${required.has(k) ? '' : '?'}: ${this.typeOf(v, inner, k)};`);
    if (extra) lines.push(`${inner}[key: string]: ${extra} | undefined;`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
}

export function generate() {
  const schemas = KINDS.map(([, file]) => JSON.parse(readFileSync(path.join(root, 'schemas/input', file), 'utf8')));
  const emitter = new Emitter(countShapes(schemas));
  const kinds = KINDS.map(([name, file], i) => {
    return `/** ${name} as the input schema accepts it (schemas/input/${file}). */\nexport interface ${name} ${emitter.objectOf(schemas[i], '')}\n`;
  });
  const shared = [...emitter.declarations.values()];
  return `// Generated by scripts/gen-types.mjs from schemas/input/*.json. Do not edit: run npm run gen.\n\n${kinds.join('\n')}\n// Types the kinds share (the CRDs embed the same Kubernetes types in several places).\n\n${shared.join('\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(OUT, generate());
