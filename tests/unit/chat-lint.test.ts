/** Lints over a render: double BOS, missing generation prompt, system role rejected, date, undefined names. */
import { describe, expect, it } from 'vitest';
import { ChatTemplateError, type RenderChatOptions, lintChat, renderChat } from '../../src/core/chat';
import { CHATML, DATED, NO_SYSTEM } from '../fixtures/chat/templates';
import { PLAIN, WITH_SYSTEM } from '../fixtures/chat/conversations';

function lint(options: RenderChatOptions, tokenizerAddsBos = false) {
  let outcome;
  try {
    outcome = renderChat(options);
  } catch (e) {
    if (!(e instanceof ChatTemplateError)) throw e;
    outcome = e;
  }
  return lintChat({ options, outcome, tokenizerAddsBos }).map((l) => l.code);
}

const base: RenderChatOptions = { template: CHATML, messages: PLAIN, addGenerationPrompt: true, specialTokens: { bos_token: '<s>', eos_token: '</s>' } };

describe('lintChat', () => {
  it('a clean render has no lints', () => {
    expect(lint(base)).toEqual([]);
  });
  it('double BOS only when the text starts with BOS and the tokenizer adds it', () => {
    const dated = { ...base, template: DATED, now: new Date('2025-07-10T00:00:00Z') };
    expect(lint(dated, true)).toContain('double-bos');
    expect(lint(dated, false)).not.toContain('double-bos');
    expect(lint(base, true)).not.toContain('double-bos');
  });
  it('missing generation prompt when the last turn is the user and add_generation_prompt is off', () => {
    expect(lint({ ...base, addGenerationPrompt: false })).toContain('missing-generation-prompt');
    expect(lint({ ...base, addGenerationPrompt: false, messages: PLAIN.slice(0, 2) })).not.toContain('missing-generation-prompt');
  });
  it('system role rejected when the template raises only with a system message', () => {
    expect(lint({ ...base, template: NO_SYSTEM, messages: WITH_SYSTEM })).toEqual(['system-role-rejected']);
    expect(lint({ ...base, template: NO_SYSTEM, messages: PLAIN })).toEqual([]);
  });
  it("flags templates that print today's date", () => {
    expect(lint({ ...base, template: DATED })).toContain('prints-date');
    expect(lint({ ...base, template: '{{ date_string | default("26 Jul 2024") }}' })).toContain('prints-date');
  });
  it('reports undefined variables, not `is defined` probes', () => {
    expect(lint({ ...base, template: '{{ custom_var }}{% if other is defined %}{% endif %}{{ x | default("") }}' })).toEqual(['undefined-variables']);
    const r = renderChat({ ...base, template: '{{ custom_var }}{% if other is defined %}{% endif %}' });
    expect(r.undefinedNames).toEqual(['custom_var']);
  });
});
