/**
 * The `gitops` / `controller` profile diff (SPEC §4, docs/profiles.md). A fixture is
 * rendered along a chain of settings in which each step flips exactly one row of the
 * profile table, so every difference is attributed to the row that caused it:
 *
 *   gitops                      the profile's own choices (and the fixture's settings)
 *   → + allowSecretValues       row "Secret values" (the only flag of that row)
 *   → profile: controller, with validate/crdDefaults pinned to the gitops values
 *                               rows "ownerReferences" and "MCP URL path" (no flag: the
 *                               profile name is the switch), classified field by field
 *   → + validate of controller  row "input validation"
 *   → + crdDefaults of controller = the controller profile itself; row "CRD defaults"
 *
 * Hashes are never recomputed: a config-hash that differs is explained only by a
 * config.json that differs in an explained way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { formatText } from '../../src/diagnostics/format.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { K8sObject, RenderedSource } from '../../src/model/k8s.js';
import type { InputObject, SourceFile } from '../../src/model/source.js';
import { KMCP_REFUSALS, render, type RenderResult } from '../../src/pipeline.js';
import type { RuleId } from '../../src/diagnostics/rules.js';
import { discover } from '../../src/read/discover.js';
import { parseSettings } from '../../src/settings/parse.js';
import { resolveSettings, type Settings } from '../../src/settings/settings.js';

type Obj = Record<string, any>;

export interface LoadedCase {
  files: SourceFile[];
  /** The fixture's settings.yaml without `profile`: the "other settings" both profiles share. */
  shared: Partial<Settings>;
}

export async function loadCase(dir: string): Promise<LoadedCase> {
  const settingsFile = path.join(dir, 'settings.yaml');
  const fromFile = existsSync(settingsFile)
    ? parseSettings(parse(readFileSync(settingsFile, 'utf8')), 'settings.yaml')
    : { settings: {}, diagnostics: [] };
  if (fromFile.diagnostics.length > 0)
    throw new Error(`${dir}/settings.yaml: ${fromFile.diagnostics.map(formatText).join('; ')}`);
  const { profile: _profile, ...shared } = fromFile.settings;
  const { files } = await discover(['input'], { cwd: dir });
  return { files, shared };
}

export interface ProfileChain {
  /** Settings of each step, so a failure can say what was rendered. */
  settings: {
    gitops: Settings;
    gitopsSecrets: Settings;
    controllerPinned: Settings;
    controllerWarn: Settings;
    controller: Settings;
  };
  gitops: RenderResult;
  gitopsSecrets: RenderResult;
  controllerPinned: RenderResult;
  controllerWarn: RenderResult;
  controller: RenderResult;
}

export function renderChain({ files, shared }: LoadedCase): ProfileChain {
  const gitops = resolveSettings({ ...shared, profile: 'gitops' });
  const gitopsSecrets = { ...gitops, allowSecretValues: true };
  const natural = resolveSettings({ ...shared, profile: 'controller' });
  const controllerPinned = {
    ...natural,
    allowSecretValues: true,
    validate: gitops.validate,
    crdDefaults: gitops.crdDefaults,
  };
  const controllerWarn = { ...controllerPinned, validate: natural.validate };
  const controller = { ...controllerWarn, crdDefaults: natural.crdDefaults };
  const settings = { gitops, gitopsSecrets, controllerPinned, controllerWarn, controller };
  return {
    settings,
    gitops: render(files, gitops),
    gitopsSecrets: render(files, gitopsSecrets),
    controllerPinned: render(files, controllerPinned),
    controllerWarn: render(files, controllerWarn),
    controller: render(files, controller),
  };
}

export function stderrOf(r: RenderResult): string[] {
  return r.diagnostics.map(formatText);
}

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const withoutSeverity = (d: Diagnostic) => `${d.file}:${d.line}:${d.col}: [${d.rule}]: ${d.message}`;

/**
 * Row "Secret values": allowing them may only turn `secret-value-not-allowed` errors into a
 * rendering; it never changes what renders without them.
 */
export function secretRowProblems(without: RenderResult, withSecrets: RenderResult): string[] {
  if (without.ok) {
    return JSON.stringify(without.rendered) === JSON.stringify(withSecrets.rendered) &&
      stderrOf(without).join('\n') === stderrOf(withSecrets).join('\n')
      ? []
      : ['allowSecretValues changed the output of an input that reads no Secret value'];
  }
  const kept = new Set(errors(withSecrets.diagnostics).map(formatText));
  return errors(without.diagnostics)
    .filter((d) => !kept.has(formatText(d)) && d.rule !== 'secret-value-not-allowed')
    .map((d) => `an error that allowSecretValues made disappear but is not secret-value-not-allowed: ${formatText(d)}`);
}

/** Rules whose severity follows `--validate` (schema and CEL findings, and in the controller profile kmcp refusals). */
export function isValidationRule(rule: string): boolean {
  // input-unknown-kind: a kagent.dev kind no CRD defines, which the API server refuses like a schema violation.
  return (
    rule.startsWith('schema-') ||
    rule.startsWith('cel-') ||
    rule === 'input-unknown-kind' ||
    KMCP_REFUSALS.has(rule as RuleId)
  );
}

/**
 * Row "input validation": `warn` reports the same findings with schema/CEL errors as
 * warnings; where strict stopped at a finding, warn goes on and may report what expansion
 * finds; where both render, the output is the same.
 */
export function validateRowProblems(strict: RenderResult, warn: RenderResult): string[] {
  const problems: string[] = [];
  const warnBySite = new Map(warn.diagnostics.map((d) => [withoutSeverity(d), d]));
  for (const d of strict.diagnostics) {
    const w = warnBySite.get(withoutSeverity(d));
    if (!w) problems.push(`a finding of validate=strict missing with validate=warn: ${formatText(d)}`);
    else if (
      w.severity !== d.severity &&
      !(isValidationRule(d.rule) && d.severity === 'error' && w.severity === 'warning')
    )
      problems.push(`severity changed for a rule --validate does not govern: ${formatText(d)} → ${formatText(w)}`);
  }
  if (strict.ok) {
    if (!warn.ok) problems.push('validate=warn fails where validate=strict renders');
    if (stderrOf(strict).length !== stderrOf(warn).length)
      problems.push('validate=warn reports more than validate=strict on an input that renders');
    if (JSON.stringify(strict.rendered) !== JSON.stringify(warn.rendered))
      problems.push('validate=warn renders differently from validate=strict');
  } else if (
    !errors(strict.diagnostics).some((d) => isValidationRule(d.rule)) &&
    JSON.stringify(stderrOf(strict)) !== JSON.stringify(stderrOf(warn))
  ) {
    problems.push('validate=strict failed without any schema/CEL error, yet validate=warn reports differently');
  }
  return problems;
}

/**
 * Row "CRD defaults": a difference is attributable only if defaulting changes some input
 * object (`defaulted` tells whether it does, computed by the caller with applyCrdDefaults).
 */
export function crdDefaultsRowProblems(
  withDefaults: RenderResult,
  without: RenderResult,
  defaulted: boolean,
): string[] {
  const same =
    JSON.stringify(withDefaults.rendered) === JSON.stringify(without.rendered) &&
    stderrOf(withDefaults).join('\n') === stderrOf(without).join('\n');
  return same || defaulted
    ? []
    : ['--no-crd-defaults changed the result although no input object has a field the CRD defaults'];
}

export interface Explained {
  ownerReferences: number;
  mcpUrlPaths: number;
  configHashes: number;
  /** kmcp refusals: errors in gitops, warnings in controller under `--validate warn` (SPEC §4 "Fidelity to the cluster"). */
  kmcpRefusals: number;
}

/**
 * The rows without a flag: the profile name alone switches ownerReferences and the MCP URL
 * path. Returns every field path that differs and is NOT one of those deltas (empty = the
 * profiles differ only as documented), and what was explained.
 */
export function profileSwitchDeltas(
  gitops: RenderResult,
  controller: RenderResult,
): { unexplained: string[]; explained: Explained } {
  const explained: Explained = { ownerReferences: 0, mcpUrlPaths: 0, configHashes: 0, kmcpRefusals: 0 };
  const unexplained: string[] = [];
  // The controllers fail independently in the controller profile: a kmcp refusal that gitops
  // reports as an error is a warning there under --validate warn, and the rest still renders.
  const gitopsErrors = new Set(errors(gitops.diagnostics).map(formatText));
  const controllerDiagnostics = controller.diagnostics.map((d) => {
    const asError = { ...d, severity: 'error' as const };
    if (d.severity !== 'warning' || !KMCP_REFUSALS.has(d.rule) || !gitopsErrors.has(formatText(asError))) return d;
    explained.kmcpRefusals++;
    return asError;
  });
  const controllerStderr = controllerDiagnostics.map(formatText);
  if (stderrOf(gitops).join('\n') !== controllerStderr.join('\n')) {
    unexplained.push(
      `diagnostics differ:\n  gitops:     ${stderrOf(gitops).join('\n              ')}\n  controller: ${controllerStderr.join('\n              ')}`,
    );
  }
  if (explained.kmcpRefusals > 0 && !gitops.ok && controller.ok) {
    const left = errors(gitops.diagnostics).filter((d) => !KMCP_REFUSALS.has(d.rule));
    if (left.length > 0) unexplained.push(`gitops fails beyond kmcp refusals: ${left.map(formatText).join('; ')}`);
    return { unexplained, explained }; // gitops renders nothing to compare with
  }
  if (gitops.ok !== controller.ok)
    unexplained.push(`gitops ${gitops.ok ? 'renders' : 'fails'}, controller ${controller.ok ? 'renders' : 'fails'}`);
  const g = gitops.rendered;
  const c = controller.rendered;
  if (g.length !== c.length || g.some((s, i) => JSON.stringify(s.source) !== JSON.stringify(c[i]!.source))) {
    unexplained.push('the list of rendered sources differs');
    return { unexplained, explained };
  }
  const inputs = new Map(controller.inputs.map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o]));
  g.forEach((gs, i) => {
    const cs = c[i]!;
    const where = `${gs.source.kind} ${gs.source.namespace}/${gs.source.name}`;
    if (gs.objects.length !== cs.objects.length) {
      unexplained.push(`${where}: ${gs.objects.length} objects in gitops, ${cs.objects.length} in controller`);
      return;
    }
    const configChangedExplained = new Set<string>();
    const normalised = cs.objects.map((co, j) => {
      const go = gs.objects[j]!;
      const n = structuredClone(co);
      const at = `${where} → ${co.kind} ${co.metadata.namespace}/${co.metadata.name}`;
      // Row 1: ownerReferences, present in controller only, pointing at the source with its input uid.
      if (go.metadata.ownerReferences === undefined && n.metadata.ownerReferences !== undefined) {
        const problem = ownerReferenceProblem(
          n.metadata.ownerReferences,
          gs,
          inputs.get(`${gs.source.kind}/${gs.source.namespace}/${gs.source.name}`),
        );
        if (problem) unexplained.push(`${at}: metadata.ownerReferences: ${problem}`);
        else {
          explained.ownerReferences++;
          n.metadata = withoutKey(n.metadata, 'ownerReferences') as K8sObject['metadata'];
        }
      }
      // Row 3: the MCP URL path inside config.json (http MCPServers with httpTransport.path).
      const gConfig = (go as Obj).stringData?.['config.json'];
      const cConfig = (n as Obj).stringData?.['config.json'];
      if (co.kind === 'Secret' && typeof gConfig === 'string' && typeof cConfig === 'string' && gConfig !== cConfig) {
        const r = explainConfigJson(gConfig, cConfig, inputs);
        unexplained.push(...r.unexplained.map((p) => `${at}: stringData.config.json ${p}`));
        if (r.unexplained.length === 0) {
          explained.mcpUrlPaths += r.urls;
          configChangedExplained.add(co.metadata.name);
          (n as Obj).stringData = { ...(n as Obj).stringData, 'config.json': gConfig };
        }
      }
      return { go, n, at };
    });
    for (const { go, n, at } of normalised) {
      // The config-hash follows config.json: explained only when that config.json differed in an explained way.
      const gHash = (go as Obj).spec?.template?.metadata?.annotations?.['kagent.dev/config-hash'];
      const cHash = (n as Obj).spec?.template?.metadata?.annotations?.['kagent.dev/config-hash'];
      if (n.kind === 'Deployment' && gHash !== cHash && configChangedExplained.has(n.metadata.name)) {
        explained.configHashes++;
        (n as Obj).spec.template.metadata.annotations['kagent.dev/config-hash'] = gHash;
      }
      unexplained.push(...fieldDiff(go, n).map((p) => `${at}: ${p}`));
    }
  });
  return { unexplained, explained };
}

function ownerReferenceProblem(
  refs: unknown,
  source: RenderedSource,
  input: InputObject | undefined,
): string | undefined {
  if (!Array.isArray(refs) || refs.length !== 1) return 'not exactly one owner reference';
  const r = refs[0] as Obj;
  const uid = String((input?.body.metadata as Obj)?.uid ?? '');
  if (r.apiVersion !== source.source.apiVersion || r.kind !== source.source.kind || r.name !== source.source.name)
    return `does not point at the source ${source.source.kind} ${source.source.name}`;
  if (r.uid !== uid) return `uid ${JSON.stringify(r.uid)} is not the input's ${JSON.stringify(uid)}`;
  return undefined;
}

/**
 * config.json of gitops vs controller: every differing field must be a tool URL whose only
 * difference is the path, controller's `/mcp` against gitops' `httpTransport.path` of the
 * http MCPServer at that host. The bytes must then agree once those URLs are swapped.
 */
function explainConfigJson(
  gText: string,
  cText: string,
  inputs: Map<string, InputObject>,
): { unexplained: string[]; urls: number } {
  let gj: Obj;
  let cj: Obj;
  try {
    gj = JSON.parse(gText);
    cj = JSON.parse(cText);
  } catch {
    return { unexplained: ['is not JSON'], urls: 0 };
  }
  const unexplained: string[] = [];
  let swapped = cText;
  let urls = 0;
  for (const p of fieldDiff(gj, cj)) {
    const m = /^http_tools\[(\d+)\]\.params\.url$/.exec(p.split(':')[0]!);
    const gUrl = m ? gj.http_tools[Number(m[1])].params.url : undefined;
    const cUrl = m ? cj.http_tools[Number(m[1])].params.url : undefined;
    // Under --proxy-url the URL's host is the proxy; the MCPServer's host is in x-kagent-host.
    const host = m ? gj.http_tools[Number(m[1])].params.headers?.['x-kagent-host'] : undefined;
    const why = m ? urlPathProblem(String(gUrl), String(cUrl), inputs, host) : 'not a tool URL';
    if (why) unexplained.push(`${p} (${why})`);
    else {
      urls++;
      // Several tools can share a URL (all of them, behind a proxy): swap this tool's copy.
      // Earlier tools with this URL that differ were swapped already; count the ones left.
      const nth = cj.http_tools
        .slice(0, Number(m![1]))
        .filter((t: Obj, j: number) => t.params.url === cUrl && gj.http_tools[j]?.params.url === cUrl).length;
      swapped = replaceNth(swapped, JSON.stringify(cUrl), JSON.stringify(gUrl), nth, swapped.indexOf('"http_tools":['));
    }
  }
  if (unexplained.length === 0 && swapped !== gText)
    unexplained.push('differs in bytes beyond the explained URLs (escaping or key order)');
  return { unexplained, urls };
}

/** Replaces the nth (0-based) occurrence of `find` at or after `from`. */
function replaceNth(text: string, find: string, replacement: string, nth: number, from: number): string {
  let at = text.indexOf(find, from);
  for (let i = 0; i < nth && at >= 0; i++) at = text.indexOf(find, at + find.length);
  return at < 0 ? text : text.slice(0, at) + replacement + text.slice(at + find.length);
}

function urlPathProblem(
  gUrl: string,
  cUrl: string,
  inputs: Map<string, InputObject>,
  proxiedHost?: string,
): string | undefined {
  let g: URL;
  let c: URL;
  try {
    g = new URL(gUrl);
    c = new URL(cUrl);
  } catch {
    return 'not a URL';
  }
  if (g.origin !== c.origin || g.search !== c.search || g.hash !== c.hash) return 'differs beyond the path';
  if (c.pathname !== '/mcp') return `controller path is ${c.pathname}, not /mcp`;
  const [name, namespace] = (proxiedHost ?? g.hostname).split('.');
  const server = inputs.get(`MCPServer/${namespace}/${name}`);
  const spec: Obj = (server?.body.spec as Obj) ?? {};
  if (spec.transportType !== 'http' || typeof spec.httpTransport?.path !== 'string')
    return `no http MCPServer ${namespace}/${name} with httpTransport.path`;
  const want = spec.httpTransport.path.startsWith('/') ? spec.httpTransport.path : `/${spec.httpTransport.path}`;
  return g.pathname === want ? undefined : `gitops path ${g.pathname} is not httpTransport.path ${want}`;
}

function withoutKey(o: Obj, key: string): Obj {
  const { [key]: _dropped, ...rest } = o;
  return rest;
}

/**
 * Every path at which two JSON values differ (`a.b[2].c: <gitops> → <controller>`),
 * including key order, which decides output bytes.
 */
export function fieldDiff(a: unknown, b: unknown, at = ''): string[] {
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 120));
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...fieldDiff(a[i], b[i], `${at}[${i}]`));
    return out;
  }
  if (isObj(a) && isObj(b)) {
    const out: string[] = [];
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      out.push(...fieldDiff(a[k], b[k], at ? `${at}.${k}` : k));
    if (out.length === 0 && Object.keys(a).join('\0') !== Object.keys(b).join('\0'))
      out.push(`${at || '(root)'}: key order ${Object.keys(a).join(',')} → ${Object.keys(b).join(',')}`);
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${at || '(root)'}: ${show(a)} → ${show(b)}`];
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
