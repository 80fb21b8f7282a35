/**
 * Python Jinja2 semantics that @huggingface/jinja does not have on its own, checked against the live
 * Python oracle (transformers' environment): printing None/True/lists/dicts, `tojson` options, Markup
 * escaping, string methods with arguments, Undefined handling, tuple unpacking, int dict keys, filters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ChatTemplateError, renderTemplate } from '../../src/core/chat';
import { type PyResult, renderWithPython } from '../fixtures/chat/python-oracle';

const CTX = {
  messages: [{ role: 'user', content: ' Héllo "you"\n' }, { role: 'assistant', content: null, tool_calls: [{ function: { name: 'f', arguments: { b: 1, a: [1.5, true, null] } } }] }],
  tools: [{ name: 'f', description: 'd<&>', params: { z: 1, a: 'é' } }],
  n: 3, x: 1.0e-7, big: 1e16, half: 0.5, s: 'a,b,,c', flag: true,
};

const TEMPLATES = [
  '{{ none }}|{{ true }}|{{ messages[1].content }}|{{ [1, "a", none] }}|{{ {"k": "v", "n": 1} }}|{{ (1, 2) }}',
  '{{ x }}|{{ big }}|{{ half }}|{{ 10 / 4 }}|{{ 7 // 2 }}|{{ -7 % 3 }}|{{ 2 ** 10 }}|{{ n * "ab" }}|{{ "%s=%d" % ("a", 3) }}',
  '{{ tools | tojson }}|{{ tools | tojson(indent=2) }}|{{ tools[0] | tojson(sort_keys=true) }}|{{ messages[0].content | tojson }}|{{ messages[0].content | tojson(ensure_ascii=true) }}',
  '{{ tools | string }}|{{ tools[0].params.items() | list }}|{{ messages[0].content.strip() }}|{{ s.split(",") }}|{{ s.split(",", 1) }}|{{ "xxhixx".strip("x") }}',
  '{{ "<a>" | safe + tools[0].description }}|{{ "q" ~ none ~ 1 }}|{{ undefined_name }}|{{ undefined_name | trim }}|{{ undefined_name | length }}',
  '{% for k, v in [("a", 1), ("b", 2)] %}{{ k }}={{ v }};{% endfor %}{% for c in "hé" %}[{{ c }}]{% endfor %}{% for t in nothing %}x{% else %}empty{% endfor %}',
  '{% set d = {0: "zero", 512: "x"} %}{{ d[512] }}|{% for k, v in d | dictsort %}{{ k + 1 }}:{{ v }};{% endfor %}|{{ d }}',
  '{{ tools | map(attribute="name") | join(", ") }}|{{ [3, 1, 2] | sort | list }}|{{ ["b", "A", "a"] | unique | list }}|{{ [1, 2, 3] | select("odd") | list }}|{{ messages | selectattr("role", "equalto", "user") | list | length }}',
  '{{ "hello world" | title }}|{{ "hELLO" | capitalize }}|{{ "a\nb\n" | indent(2, true) }}|{{ 3.7 | int }}|{{ "3.7" | float }}|{{ -2.5 | round }}|{{ [1, 2] | sum }}',
  '{{ undefined_name == none }}|{{ none == none }}|{{ [1, 2] == [1, 2] }}|{{ "a" in {"a": 1} }}|{{ 1 in [1.0] }}|{{ tools is iterable }}|{{ flag is number }}|{{ tools[0] is mapping }}',
  '{{ messages[0]["content"].startswith((" H", "x")) }}|{{ "a-b".replace("-", "+") }}|{{ "{} and {x}".format(1, x=2) }}|{{ messages[0].get("nope", "dflt") }}|{{ messages[1].get("nope") }}',
  '{% if messages[1].tool_calls %}{% for tc in messages[1].tool_calls %}{{ tc.function.arguments | tojson }}{% endfor %}{% endif %}{{ messages[1].tool_calls[0].function.arguments.items() | list }}',
];

describe('Python Jinja2 semantics', () => {
  let py: PyResult[] = [];
  beforeAll(() => {
    py = renderWithPython(TEMPLATES.map((template) => ({ template, context: CTX })));
  });
  it.each(TEMPLATES.map((t, i) => [t.slice(0, 70), i] as const))('%s', (_t, i) => {
    const want = py[i]!;
    let got: string;
    try {
      got = renderTemplate({ template: TEMPLATES[i]!, context: CTX }).text;
    } catch (e) {
      got = `ERROR ${(e as ChatTemplateError).message}`;
    }
    expect(got).toBe('text' in want ? want.text : `python error ${want.error}`);
  });
});
