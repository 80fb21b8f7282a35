/** Errors carry a kind (and for syntax errors a line/column); hostile templates stop with kind 'limit'. */
import { describe, expect, it } from 'vitest';
import { ChatTemplateError, renderTemplate } from '../../src/core/chat';

function fail(template: string, context: Record<string, unknown> = {}, limits?: Parameters<typeof renderTemplate>[0]['limits']): ChatTemplateError {
  try {
    renderTemplate({ template, context, limits });
  } catch (e) {
    if (e instanceof ChatTemplateError) return e;
    throw e;
  }
  throw new Error('expected the render to fail');
}

describe('syntax errors', () => {
  it('points at the offending token (parser error)', () => {
    const e = fail('line one\n{% for m in messages %}\n  {{ m.content + }}\n{% endfor %}');
    expect(e.kind).toBe('syntax');
    expect([e.line, e.column]).toEqual([3, 18]); // the `}}` where an operand was expected
  });
  it('points at an unknown tag', () => {
    const e = fail('ok\n\n   {% frobnicate %}');
    expect(e.kind).toBe('syntax');
    expect(e.line).toBe(3);
    expect(e.column).toBe(7);
  });
  it('points at a bad character (lexer error)', () => {
    const e = fail('a\nb {{ x ; y }}');
    expect(e.kind).toBe('syntax');
    expect([e.line, e.column]).toEqual([2, 8]);
  });
  it('reports an unclosed block at the end of the template', () => {
    const e = fail('{% if x %}\nyes');
    expect(e.kind).toBe('syntax');
    expect(e.line).toBe(2);
  });
  it('rejects an unknown filter at compile time, like Jinja2 (outside an if)', () => {
    const e = fail('hi\n{{ x | no_such_filter }}');
    expect(e.kind).toBe('syntax');
    expect(e.message).toMatch(/No filter named 'no_such_filter'/);
    expect([e.line, e.column]).toEqual([2, 8]);
    // inside an `if` Jinja2 defers the check to runtime
    expect(renderTemplate({ template: '{% if false %}{{ x | no_such_filter }}{% endif %}ok', context: {} }).text).toBe('ok');
  });
});

describe('raise_exception', () => {
  it('throws kind raise with the message', () => {
    const e = fail("{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}", { messages: [{ role: 'system', content: 'x' }] });
    expect(e.kind).toBe('raise');
    expect(e.message).toBe('System role not supported');
  });
});

describe('runtime errors', () => {
  it('attribute of an undefined value fails like Jinja2', () => {
    expect(fail('{{ foo.bar }}').kind).toBe('runtime');
  });
});

describe('limits', () => {
  it('a 10**9 loop stops with kind limit', () => {
    expect(fail('{% for i in range(10**9) %}x{% endfor %}').kind).toBe('limit');
  });
  it('nested loops that run too many steps stop with kind limit', () => {
    const e = fail('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}', {}, { maxSteps: 200_000 });
    expect(e.kind).toBe('limit');
  });
  it('unbounded macro recursion stops with kind limit', () => {
    expect(fail('{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}').kind).toBe('limit');
  });
  it('output over 10 MB stops with kind limit', () => {
    expect(fail("{% for i in range(20000) %}{{ 'x' * 1000 }}{% endfor %}").kind).toBe('limit');
    expect(fail("{{ 'x' * 100000000 }}").kind).toBe('limit');
  });
  it('a normal render is well within the limits', () => {
    expect(renderTemplate({ template: "{% for i in range(1000) %}{{ i }}{% endfor %}", context: {} }).text.length).toBe(2890);
  });
});
