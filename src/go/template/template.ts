/**
 * A faithful subset of Go's text/template: parse and execute one template text with Go's
 * output and Go's error messages. Used for kagent prompt templates (reference §3.8).
 * Parse and execution run within budgets (limits.ts); an exceeded budget is the result
 * stage `limit`, the message naming the limit.
 */
import { BUILTINS } from './builtins.js';
import { execute } from './exec.js';
import { limitText, TemplateLimitError, type TemplateLimit } from './limits.js';
import { parse, TemplateError } from './parse.js';
import type { GoFunc, GoValue } from './values.js';

export { FuncError } from './builtins.js';
export { TEMPLATE_LIMITS, type TemplateLimit } from './limits.js';
export { GoFloat, GoFunc, GoStruct, type GoValue } from './values.js';

export type TemplateResult =
  | { ok: true; text: string }
  | { ok: false; stage: 'parse' | 'execute'; error: string }
  | { ok: false; stage: 'limit'; limit: TemplateLimit; error: string };

/**
 * `template.New(name).Funcs(funcs).Parse(text)` then `Execute(data)`. Functions in `funcs`
 * win over builtins of the same name, as in Go.
 */
export function executeTemplate(
  name: string,
  text: string,
  data: GoValue,
  funcs: readonly GoFunc[] = [],
): TemplateResult {
  const all = new Map(BUILTINS);
  for (const f of funcs) all.set(f.name, f);
  let set;
  try {
    set = parse(name, text, new Set(all.keys()));
  } catch (e) {
    return failure(name, 'parse', e);
  }
  try {
    return { ok: true, text: execute({ parseName: name, text, set, funcs: all }, name, data) };
  } catch (e) {
    return failure(name, 'execute', e);
  }
}

function failure(name: string, stage: 'parse' | 'execute', e: unknown): TemplateResult {
  if (e instanceof TemplateLimitError) return { ok: false, stage: 'limit', limit: e.limit, error: e.message };
  if (e instanceof TemplateError) return { ok: false, stage, error: e.message };
  // The explicit depth budgets keep recursion far below the JS stack; should one be missed,
  // the overflow is still the template's depth, not an internal error.
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    return { ok: false, stage: 'limit', limit: 'depth', error: `template: ${name}: ${limitText('depth')}` };
  }
  throw e;
}
