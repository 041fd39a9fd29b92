import { describe, expect, it } from 'vitest';
import { parseFiles } from '../read/parse.js';
import { resolveSettings } from '../settings/settings.js';
import { validateInputs } from './inputs.js';

function validate(text: string) {
  const { objects, diagnostics } = parseFiles([{ path: 'in.yaml', text }], 'default');
  const out = validateInputs(objects, resolveSettings({}));
  return {
    kinds: out.objects.map((o) => o.kind),
    diagnostics: [...diagnostics, ...out.diagnostics].map((d) => `${d.severity} ${d.rule}: ${d.message}`),
  };
}

describe('SandboxAgent inputs (read as tool targets, never rendered)', () => {
  it('keeps a SandboxAgent with only a warning, whatever its spec holds (no schema is vendored)', () => {
    const r = validate(
      'apiVersion: kagent.dev/v1alpha2\nkind: SandboxAgent\nmetadata: {name: runner, namespace: ns}\nspec: {anything: [1, 2], description: Runs code}\n',
    );
    expect(r.kinds).toEqual(['SandboxAgent']);
    expect(r.diagnostics).toEqual([
      'warning input-sandboxagent-not-rendered: SandboxAgent ns/runner is read as an agent tool target but not rendered: the objects it becomes depend on the sandbox backend (out of scope)',
    ]);
  });

  it('drops a SandboxAgent at another version or with a bad name, as any kagent kind', () => {
    expect(validate('apiVersion: kagent.dev/v1alpha1\nkind: SandboxAgent\nmetadata: {name: runner}\n')).toEqual({
      kinds: [],
      diagnostics: [
        'error input-unsupported-version: SandboxAgent kagent.dev/v1alpha1 is not supported; write it as kagent.dev/v1alpha2',
      ],
    });
    expect(
      validate('apiVersion: kagent.dev/v1alpha2\nkind: SandboxAgent\nmetadata: {name: Runner}\n').diagnostics[0],
    ).toMatch(/^error input-invalid-name: /);
  });

  it('asks for the apiVersion and the name of a SandboxAgent, as for the rendered kinds', () => {
    expect(validate('kind: SandboxAgent\nmetadata: {name: runner}\n').diagnostics).toEqual([
      'error input-missing-type: SandboxAgent has no apiVersion; add apiVersion: kagent.dev/v1alpha2',
    ]);
    expect(validate('apiVersion: kagent.dev/v1alpha2\nkind: SandboxAgent\nmetadata: {}\n').diagnostics).toEqual([
      'error input-missing-name: SandboxAgent has no metadata.name; every object needs a name',
    ]);
  });

  it('leaves other kinds alone: a SandboxAgent of another group is not ours', () => {
    expect(validate('apiVersion: example.com/v1\nkind: SandboxAgent\nmetadata: {name: runner}\n')).toEqual({
      kinds: ['SandboxAgent'],
      diagnostics: [],
    });
  });
});

describe('string maps of core objects', () => {
  it("reports an unquoted number in a Secret without printing the Secret's value", () => {
    const r = validate(
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {pin: 90817263}\ndata: {on: yes}\n',
    );
    expect(r.diagnostics).toEqual([
      'error schema-type: data.true must be string, got a boolean (Secret value, not shown); quote the value to keep it a string',
      'error schema-type: stringData.pin must be string, got a number (Secret value, not shown); quote the value to keep it a string',
    ]);
    expect(r.diagnostics.join('\n')).not.toContain('90817263');
  });
});
