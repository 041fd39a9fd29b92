/**
 * A faithful subset of Go's text/template: parse and execute one template text with Go's
 * output and Go's error messages. Used for kagent prompt templates (reference §3.8).
 */
import { BUILTINS } from './builtins.js';
import { execute } from './exec.js';
import { parse, TemplateError } from './parse.js';
import type { GoFunc, GoValue } from './values.js';

export { FuncError } from './builtins.js';
export { GoFloat, GoFunc, GoStruct, type GoValue } from './values.js';

export type TemplateResult = { ok: true; text: string } | { ok: false; stage: 'parse' | 'execute'; error: string };

/**
 * `template.New(name).Funcs(funcs).Parse(text)` then `Execute(data)`. Functions in `funcs`
 * win over builtins of the same name, as in Go.
 */
export function executeTemplate(name: string, text: string, data: GoValue, funcs: readonly GoFunc[] = []): TemplateResult {
  const all = new Map(BUILTINS);
  for (const f of funcs) all.set(f.name, f);
  let set;
  try {
    set = parse(name, text, new Set(all.keys()));
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, stage: 'parse', error: e.message };
    throw e;
  }
  try {
    return { ok: true, text: execute({ parseName: name, text, set, funcs: all }, name, data) };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, stage: 'execute', error: e.message };
    throw e;
  }
}
