import { describe, expect, it } from 'vitest';
import { executeTemplate, FuncError, GoFunc } from './template.js';

describe('executeTemplate', () => {
  it('says whether parsing or execution failed', () => {
    expect(executeTemplate('t', '{{ if }}', null)).toEqual({
      ok: false,
      stage: 'parse',
      error: 'template: t:1: missing value for if',
    });
    expect(executeTemplate('t', '{{ len 3 }}', null)).toEqual({
      ok: false,
      stage: 'execute',
      error: 'template: t:1:3: executing "t" at <len 3>: error calling len: len of type int',
    });
  });

  it('lets a function of the caller replace a builtin of the same name, as template.Funcs does', () => {
    const len = new GoFunc('len', () => 'mine', ['any'], false);
    expect(executeTemplate('t', '{{ len "abc" }}', null, [len])).toEqual({ ok: true, text: 'mine' });
  });

  it('reports a function error as Go does, with the call it came from', () => {
    const boom = new GoFunc(
      'boom',
      () => {
        throw new FuncError('no');
      },
      [],
      false,
    );
    expect(executeTemplate('t', 'x\n {{ boom }}', null, [boom])).toEqual({
      ok: false,
      stage: 'execute',
      error: 'template: t:2:4: executing "t" at <boom>: error calling boom: no',
    });
  });

  it('handles a large prompt with many actions', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i}: {{ if true }}{{ ${i} }}{{ end }}`).join('\n');
    const r = executeTemplate('t', text, null);
    expect(r.ok && r.text.split('\n')[1999]).toBe('line 1999: 1999');
  });
});
