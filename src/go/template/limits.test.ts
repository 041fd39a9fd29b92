/**
 * Template budgets (limits.ts): the hostile templates of issue 19 each end with the limit
 * named, located like Go's execution errors, and bounded by count (steps, bytes), not time.
 */
import { describe, expect, it } from 'vitest';
import { executeTemplate, TEMPLATE_LIMITS } from './index.js';

const run = (text: string) => executeTemplate('system-message', text, null);

describe('template budgets', () => {
  it('{{range 1000000000}} stops at the range-iteration limit, at the range', () => {
    expect(run('{{range 1000000000}}x{{end}}')).toEqual({
      ok: false,
      stage: 'limit',
      limit: 'rangeIterations',
      error:
        'template: system-message:1:8: executing "system-message" at <{{range 1000000000}}x{{end}}>: exceeded the template limit on range iterations (100000)',
    });
  });

  it('nested ranges share one iteration budget', () => {
    expect(run('{{range 1000}}{{range 1000}}{{end}}{{end}}')).toMatchObject({
      stage: 'limit',
      limit: 'rangeIterations',
    });
  });

  it('30 doublings of a variable with printf stop at the output-byte limit (the string never reaches the output)', () => {
    const r = run(`{{$x := "ab"}}${'{{$x = printf "%s%s" $x $x}}'.repeat(30)}{{len $x}}`);
    expect(r).toMatchObject({ ok: false, stage: 'limit', limit: 'outputBytes' });
    expect(r.ok || r.error).toMatch(
      /^template: system-message:1:\d+: executing "system-message" at <printf "%s%s" \$x \$x>: exceeded the template limit on output bytes \(1048576\)$/,
    );
  });

  it('40 templates each calling the next twice (2^40 calls) stop at the step limit', () => {
    const defs = Array.from(
      { length: 40 },
      (_, i) => `{{define "t${i}"}}{{template "t${i + 1}"}}{{template "t${i + 1}"}}{{end}}`,
    ).join('');
    expect(run(`${defs}{{define "t40"}}x{{end}}{{template "t0"}}`)).toMatchObject({
      ok: false,
      stage: 'limit',
      limit: 'steps',
    });
  });

  it('{{define "a"}}{{template "a"}}{{end}} stops at the recursion-depth limit, not a JS stack overflow', () => {
    expect(run('{{define "a"}}{{template "a"}}{{end}}{{template "a"}}')).toEqual({
      ok: false,
      stage: 'limit',
      limit: 'depth',
      error:
        'template: system-message:1:14: executing "a" at <{{template "a"}}>: exceeded the template limit on recursion depth (1000)',
    });
  });

  it('a wide output (many 1e6-wide verbs) stops at the output-byte limit inside printf', () => {
    expect(run('{{printf "%1000000d%1000000d" 1 2}}')).toMatchObject({
      ok: false,
      stage: 'limit',
      limit: 'outputBytes',
    });
    expect(run('{{range 10}}{{printf "%1000000d" 1}}{{end}}')).toMatchObject({
      ok: false,
      stage: 'limit',
      limit: 'outputBytes',
    });
  });

  it('output of exactly the limit is fine; one byte more is not', () => {
    const n = TEMPLATE_LIMITS.outputBytes;
    expect(run(`{{printf "%${n / 2}s" ""}}{{printf "%${n / 2}s" ""}}`)).toMatchObject({ ok: true });
    expect(run(`{{printf "%${n / 2}s" ""}}{{printf "%${n / 2}s" ""}}x`)).toMatchObject({
      ok: false,
      limit: 'outputBytes',
    });
  });

  it('deep nesting when parsing (controls, parentheses) stops at the nesting limit', () => {
    expect(run(`${'{{if 1}}'.repeat(200)}${'{{end}}'.repeat(200)}`)).toEqual({
      ok: false,
      stage: 'limit',
      limit: 'parseNesting',
      error: 'template: system-message:1: exceeded the template limit on nesting depth (100)',
    });
    expect(run(`{{${'('.repeat(100_000)}1${')'.repeat(100_000)}}}`)).toMatchObject({
      ok: false,
      stage: 'limit',
      limit: 'parseNesting',
    });
    expect(run(`${'{{if 1}}'.repeat(99)}x${'{{end}}'.repeat(99)}`)).toEqual({ ok: true, text: 'x' });
  });

  it("fmt's widths and precisions: Go's in-band errors, never a RangeError", () => {
    // Go's fmt_test.go rows: a literal width past 1e6 is "a crazy long number" that ends the format.
    expect(run('{{printf "%999999999d" 5}}')).toEqual({ ok: true, text: '%!(NOVERB)%!(EXTRA int=5)' });
    expect(run('{{printf "%.2147483648d" 42}}')).toEqual({ ok: true, text: '%!(NOVERB)%!(EXTRA int=42)' });
    expect(run('{{printf "%*d" 999999999 5}}')).toEqual({ ok: true, text: '%!(BADWIDTH)5' });
    expect(run('{{printf "%*d" -10000000 42}}')).toEqual({ ok: true, text: '%!(BADWIDTH)42' });
    expect(run('{{printf "%*d" nil 42}}')).toEqual({ ok: true, text: '%!(BADWIDTH)42' });
    expect(run('{{printf "%.*d" -1 42}}')).toEqual({ ok: true, text: '%!(BADPREC)42' });
    expect(run('{{printf "%.*d" 10000000 42}}')).toEqual({ ok: true, text: '%!(BADPREC)42' });
    expect(run('{{printf "%*d|%-*d|%.*d" 4 42 -4 42 4 42}}')).toEqual({ ok: true, text: '  42|42  |0042' });
    expect(run('{{printf "%*" 4}}')).toEqual({ ok: true, text: '%!(NOVERB)' });
    expect(run('{{printf "%.-3d" 42}}')).toEqual({ ok: true, text: '%!-(int=42)3d' });
  });

  // Found by the attacker review: every item's line number rescanned a newline-free template
  // (quadratic: 200,000 actions took 14 s), and a huge integer literal was multiplied out in
  // full. Linear now; these sizes would run into the test's hang guard if either came back.
  it('a template of 400,000 actions on one line parses (line numbers found once) and stops at the step budget', () => {
    const r = run('a{{1}}'.repeat(400_000));
    expect(!r.ok && r.stage).toBe('limit');
    expect(!r.ok && r.error).toContain('execution steps');
  });

  it("a 1,000,000-digit integer literal is Go's illegal number syntax, without multiplying it out", () => {
    const r = run(`{{${'9'.repeat(1_000_000)}}}`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^template: system-message:1: illegal number syntax: "9{20}/);
  });
});
