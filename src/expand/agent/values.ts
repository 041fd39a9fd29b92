/**
 * ValueSource / ValueRef resolution (headersFrom, systemMessageFrom): ConfigMap values are
 * plain configuration; Secret values are read only when the profile allows it (SPEC §4).
 */
import { formatKey, type FieldPath, type InputObject } from '../../model/source.js';
import { readsSecretValues } from '../profile.js';
import type { AgentContext } from './context.js';

type Obj = Record<string, any>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Look up a referenced object; a missing one is a `ref-missing` error at `path` of `from`. */
export function lookup(
  ctx: AgentContext,
  from: InputObject,
  path: FieldPath,
  kind: string,
  namespace: string,
  name: string,
): InputObject | undefined {
  const found = ctx.index.get(kind, namespace, name);
  if (!found) {
    const where = from === ctx.agent ? `at ${path.join('.')}` : `by ${formatKey(from)} at ${path.join('.')}`;
    const msg = `${kind} '${name}' not found in namespace '${namespace}' (used by agent '${ctx.agent.name}' ${where}); add it to the input or fix the name`;
    if (from === ctx.agent) ctx.error(path, 'ref-missing', msg);
    else ctx.errorIn(from, path, 'ref-missing', msg);
  }
  return found;
}

/** Keys a Secret or ConfigMap in the input declares (data, stringData, binaryData). */
export function keysOf(obj: InputObject): Set<string> {
  const b = obj.body as Obj;
  return new Set([
    ...Object.keys(b.data ?? {}),
    ...Object.keys(b.stringData ?? {}),
    ...Object.keys(b.binaryData ?? {}),
  ]);
}

/**
 * The value of `{type, name, key}` in `namespace`, or undefined after reporting why.
 * `from`/`path` locate the reference for diagnostics.
 */
export function resolveValue(
  ctx: AgentContext,
  from: InputObject,
  path: FieldPath,
  source: Obj,
  namespace: string,
): string | undefined {
  const type = source?.type;
  if (type !== 'Secret' && type !== 'ConfigMap') {
    ctx.errorIn(
      from,
      [...path, 'type'],
      'value-source-type',
      `unknown value source type: ${String(type)}; use Secret or ConfigMap`,
    );
    return undefined;
  }
  if (type === 'Secret' && !readsSecretValues(ctx.settings)) {
    ctx.errorIn(
      from,
      path,
      'secret-value-not-allowed',
      `${path.join('.')} reads a value from Secret '${source.name}', which would copy a Secret value into the rendered config; pass --allow-secret-values (or allowSecretValues: true) to accept that, or use a ConfigMap`,
    );
    return undefined;
  }
  const obj = lookup(ctx, from, [...path, 'name'], type, namespace, String(source.name ?? ''));
  if (!obj) return undefined;
  const b = obj.body as Obj;
  const key = String(source.key ?? '');
  if (typeof b.stringData?.[key] === 'string') return b.stringData[key];
  if (typeof b.data?.[key] === 'string') {
    if (type === 'ConfigMap') return b.data[key];
    // Node decodes anything, dropping bad characters; the API server would reject the Secret.
    const encoded = b.data[key].replace(/\s+/g, '');
    if (!BASE64.test(encoded)) {
      ctx.errorIn(
        obj,
        ['data', key],
        'secret-data-invalid',
        `data.${key} of Secret ${namespace}/${source.name} is not base64; encode the value (base64 -w0) or move it to stringData`,
      );
      return undefined;
    }
    return Buffer.from(encoded, 'base64').toString('utf8');
  }
  ctx.errorIn(
    from,
    [...path, 'key'],
    'ref-missing-key',
    `key '${key}' not found in ${type} ${namespace}/${source.name}`,
  );
  return undefined;
}

/** headersFrom → header map (value or valueFrom), later entries winning. */
export function resolveHeaders(
  ctx: AgentContext,
  from: InputObject,
  path: FieldPath,
  refs: unknown,
  namespace: string,
  into: Record<string, string>,
): void {
  if (!Array.isArray(refs)) return;
  refs.forEach((ref: Obj, i) => {
    if (ref?.value !== undefined) into[String(ref.name)] = String(ref.value);
    else if (ref?.valueFrom) {
      const v = resolveValue(ctx, from, [...path, i, 'valueFrom'], ref.valueFrom, namespace);
      if (v !== undefined) into[String(ref.name)] = v;
    }
  });
}
