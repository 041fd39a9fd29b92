/**
 * Commands the docs show, as the end-to-end tests run them: test/readme.test.ts checks that
 * each appears verbatim in its page (README.md or docs/), so the copy-paste blocks cannot
 * drift from what is tested.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './tools.js';

export const README_COMMANDS = {
  kustomizeExec: 'kustomize build --enable-alpha-plugins --enable-exec examples/krm-mixed',
  kustomizeLegacy: 'KUSTOMIZE_PLUGIN_HOME=$PWD/deploy/kustomize/plugin kubectl kustomize --enable-alpha-plugins .',
  kptEvalInstalled: 'kpt fn eval examples/krm-mixed --exec kagent-render-krm',
  kptEvalWrapper: 'kpt fn eval agents/ --exec deploy/kpt/kagent-render-krm -- keepInputs=true',
} as const;

/** The words of a README command after its program name, with the README's placeholders replaced. */
export function argsOf(command: string, replace: Record<string, string> = {}): string[] {
  const words = command
    .replace(/^[A-Z_]+=\S+ /, '')
    .split(' ')
    .slice(1);
  return words.map((w) => replace[w] ?? w);
}

export function readme(): string {
  return readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
}

/** A page of docs/, e.g. `integrations/kpt.md`. */
export function doc(page: string): string {
  return readFileSync(path.join(repoRoot, 'docs', page), 'utf8');
}

/** Which page shows each tested command. */
export const COMMAND_PAGES: Record<keyof typeof README_COMMANDS, string> = {
  kustomizeExec: 'integrations/kustomize.md',
  kustomizeLegacy: 'integrations/kustomize.md',
  kptEvalInstalled: 'integrations/kpt.md',
  kptEvalWrapper: 'integrations/kpt.md',
};
