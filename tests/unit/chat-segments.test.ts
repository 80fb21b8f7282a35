/** Segments of a render (system, tools, history, generation prompt) tile the text in order. */
import { describe, expect, it } from 'vitest';
import { type RenderChatOptions, segmentChat } from '../../src/core/chat';
import { CHATML, CHATML_TOOLS } from '../fixtures/chat/templates';
import { TOOLS, WITH_SYSTEM } from '../fixtures/chat/conversations';

const base: RenderChatOptions = { template: CHATML, messages: WITH_SYSTEM, addGenerationPrompt: true, specialTokens: {} };

function pieces(opts: RenderChatOptions) {
  const { text, segments } = segmentChat(opts);
  let at = 0;
  for (const s of segments) {
    expect(s.start).toBe(at);
    at = s.end;
  }
  expect(at).toBe(text.length);
  return segments.map((s) => [s.kind, text.slice(s.start, s.end)]);
}

describe('segmentChat', () => {
  it('splits system, each history message and the generation prompt', () => {
    expect(pieces(base)).toEqual([
      ['system', '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n'],
      ['history', '<|im_start|>user\nHello, how are you?<|im_end|>\n'],
      ['history', "<|im_start|>assistant\nI'm doing great. How can I help you today?<|im_end|>\n"],
      ['history', '<|im_start|>user\nWhat is the capital of France? Answer with "Paris" — or façade ✓.<|im_end|>\n'],
      ['generation', '<|im_start|>assistant\n'],
    ]);
  });
  it('carves out the tool block', () => {
    // the block is the text that differs between the renders with and without tools; the shared
    // "<|im_start|>system\n" header stays with the system message around it
    const p = pieces({ ...base, template: CHATML_TOOLS, tools: TOOLS });
    const tools = p.filter((x) => x[0] === 'tools');
    expect(tools).toHaveLength(1);
    expect(tools[0]![1]).toMatch(/^# Tools\n\{"type": "function"/);
    expect(p.map((x) => x[0])).toEqual(['system', 'tools', 'system', 'history', 'history', 'history', 'generation']);
  });
  it('has no generation segment without add_generation_prompt', () => {
    expect(pieces({ ...base, addGenerationPrompt: false }).map((x) => x[0])).toEqual(['system', 'history', 'history', 'history']);
  });
});
