/** Library API: the same core every adapter calls. */
export { render, type RenderResult } from './pipeline.js';
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export type { K8sObject, RenderedSource } from './model/k8s.js';
export type { SourceFile, InputObject, Origin, Position, ObjectKey } from './model/source.js';
export { resolveSettings, DEFAULT_SETTINGS, type Settings } from './settings/settings.js';
