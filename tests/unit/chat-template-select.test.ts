/** Template selection follows transformers' get_chat_template. */
import { describe, expect, it } from 'vitest';
import { ChatTemplateError, renderChat, selectChatTemplate, templateNames } from '../../src/core/chat';
import { NAMED } from '../fixtures/chat/templates';

describe('selectChatTemplate', () => {
  it('returns a single template as is', () => {
    expect(selectChatTemplate('T', { hasTools: true })).toEqual({ template: 'T', name: null });
  });
  it('picks default, tool_use when tools are passed, or the named one', () => {
    expect(selectChatTemplate(NAMED, { hasTools: false }).name).toBe('default');
    expect(selectChatTemplate(NAMED, { hasTools: true }).name).toBe('tool_use');
    expect(selectChatTemplate(NAMED, { hasTools: true, name: 'rag' }).name).toBe('rag');
    expect(selectChatTemplate({ default: 'a', tool_use: 'b' }, { hasTools: true }).template).toBe('b');
    expect(templateNames(NAMED)).toEqual(['default', 'tool_use', 'rag']);
  });
  it('falls back to default when there is no tool_use template', () => {
    expect(selectChatTemplate([{ name: 'default', template: 'd' }], { hasTools: true }).name).toBe('default');
  });
  it('errors without a default or on an unknown name', () => {
    expect(() => selectChatTemplate([{ name: 'a', template: 'x' }], { hasTools: false })).toThrow(/no default/);
    expect(() => selectChatTemplate(NAMED, { hasTools: false, name: 'nope' })).toThrow(ChatTemplateError);
  });
  it('renderChat applies it: tools=[] counts as passed (transformers checks `is not None`)', () => {
    const base = { template: NAMED, messages: [{ role: 'user', content: 'hi' }], addGenerationPrompt: true, specialTokens: {} };
    expect(renderChat(base).text).toBe('DEFAULT:1');
    expect(renderChat({ ...base, tools: [] }).text).toBe('TOOLS:0');
    expect(renderChat({ ...base, tools: [{}, {}] })).toMatchObject({ text: 'TOOLS:2', templateName: 'tool_use' });
    expect(renderChat({ ...base, templateName: 'rag', documents: [{ title: 't', text: 'x' }] }).text).toBe('RAG:1');
  });
});
