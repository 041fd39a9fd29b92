import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSettings } from '../settings/parse.js';
import { effectiveSettings, findSettingsFile, formatSettings, renderTree } from './run.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kagent-render-run-'));
  mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const MODEL =
  'apiVersion: kagent.dev/v1alpha2\nkind: ModelConfig\nmetadata: {name: m, namespace: ns}\n' +
  'spec: {provider: OpenAI, model: gpt-4o}\n';

describe('renderTree and settings discovery', () => {
  it('finds the nearest kagent-render.yaml from each input upward, stopping at the repository root', () => {
    const root = tree({
      'kagent-render.yaml': 'imageTag: a\n',
      'apps/one/x.yaml': '',
      'apps/two/kagent-render.yaml': 'imageTag: b\n',
      'apps/two/y.yaml': '',
    });
    expect(findSettingsFile(root, ['apps/one'])?.shown).toBe('kagent-render.yaml');
    expect(findSettingsFile(path.join(root, 'apps/two'), [])?.shown).toBe('kagent-render.yaml');
    expect(findSettingsFile(root, ['apps/two/y.yaml'])?.shown).toBe('apps/two/kagent-render.yaml');
    expect(() => findSettingsFile(root, ['apps/one', 'apps/two'])).toThrow(/different settings files/);
    const inner = tree({ 'sub/.git/HEAD': '', 'sub/a.yaml': '' });
    writeFileSync(path.join(inner, 'kagent-render.yaml'), 'imageTag: outside\n');
    expect(findSettingsFile(inner, ['sub'])).toBeUndefined(); // sub/ is a repository of its own
  });

  it('a kagent-render.yaml symlinked out of the repository is not read (a committed link to a host file)', () => {
    const outside = tree({ 'host.yaml': 'HOSTSECRETKEY: v\n' });
    const root = tree({ 'm.yaml': MODEL, 'shared/kagent-render.yaml': 'imageTag: shared\n', 'app/m.yaml': MODEL });
    symlinkSync(path.join(outside, 'host.yaml'), path.join(root, 'kagent-render.yaml'));
    const eff = effectiveSettings({ cwd: root, paths: ['m.yaml'], overrides: [] });
    expect(eff.diagnostics.map((d) => `${d.rule} ${d.message}`)).toEqual([
      'settings-invalid not reading a settings file that is a symlink out of the repository; ' +
        'copy the file or name it with --config',
    ]);
    // A link inside the repository (a shared file) is read.
    symlinkSync('../shared/kagent-render.yaml', path.join(root, 'app/kagent-render.yaml'));
    const inside = effectiveSettings({ cwd: root, paths: ['app/m.yaml'], overrides: [] });
    expect(inside.diagnostics).toEqual([]);
    expect(inside.settings.imageTag).toBe('shared');
  });

  it('layers defaults < file < overrides and names the source of every key', () => {
    const root = tree({ 'kagent-render.yaml': 'profile: controller\nnamespace: team\n' });
    const eff = effectiveSettings({
      cwd: root,
      paths: [],
      defaults: {
        settings: { namespace: 'dest', imageTag: 'x' },
        sources: { namespace: 'ARGOCD_APP_NAMESPACE', imageTag: 'ARGOCD_APP_NAMESPACE' },
      },
      overrides: [{ settings: { imageTag: 'y' }, sources: { imageTag: 'flag --image-tag' } }],
    });
    expect(eff.settings).toMatchObject({
      profile: 'controller',
      namespace: 'team',
      imageTag: 'y',
      validate: 'warn',
      imageRegistry: 'ghcr.io',
    });
    expect(eff.sources).toMatchObject({
      profile: 'kagent-render.yaml',
      namespace: 'kagent-render.yaml',
      imageTag: 'flag --image-tag',
      validate: 'profile controller',
      imageRegistry: 'default',
    });
    // --print-settings prints a file kagent-render.yaml may hold: it reads back as the same settings.
    const printed = parseSettings(
      parse(formatSettings({ ...eff, settings: { ...eff.settings, otelEnv: { OTEL_A: '1' } } })),
      'printed',
    );
    expect(printed.diagnostics).toEqual([]);
    expect(printed.settings).toEqual({ ...eff.settings, otelEnv: { OTEL_A: '1' } });
  });

  it('guards against empty renders, not counting the settings file as an input', async () => {
    const onlySettings = tree({ 'kagent-render.yaml': 'profile: gitops\n' });
    expect((await renderTree({ cwd: onlySettings, paths: [], overrides: [], guardEmpty: 'kagent' })).failed).toBe(
      false,
    );
    const onlyModel = tree({ 'm.yaml': MODEL });
    const empty = await renderTree({ cwd: onlyModel, paths: [], overrides: [], guardEmpty: 'all' });
    expect(empty.failed).toBe(true);
    expect(empty.diagnostics.map((d) => d.rule)).toEqual(['render-empty']);
    const allowed = await renderTree({
      cwd: onlyModel,
      paths: [],
      overrides: [{ settings: { allowEmpty: true }, sources: {} }],
      guardEmpty: 'all',
    });
    expect(allowed.failed).toBe(false);
    const web = tree({
      'm.yaml': MODEL,
      'web.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n',
    });
    const passed = await renderTree({ cwd: web, paths: [], overrides: [], guardEmpty: 'all' });
    expect(passed.failed).toBe(false);
    expect(passed.passThrough).toEqual([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } },
    ]);
  });
});
