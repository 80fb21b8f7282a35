/**
 * The bundled tokenizers' chat templates render exactly like Python Jinja2 with transformers' settings
 * (the oracle runs scripts/render-jinja-py.py under /usr/bin/python3 during the test).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ChatMessage, ChatTemplateError, renderChat, specialTokensFromConfig } from '../../src/core/chat';
import type { TokenizerConfigJson } from '../../src/core/tokens/tokenizer-json';
import { type PyResult, renderWithPython } from '../fixtures/chat/python-oracle';
import { CONTINUE, PLAIN, REASONING, TOOLS, TOOL_CALL, WITH_SYSTEM } from '../fixtures/chat/conversations';

const BUNDLED = ['llama3_1', 'qwen3', 'deepseek_v3', 'gemma3'];
const NOW = '2025-07-10T12:00:00Z';

interface Conv { name: string; messages: ChatMessage[]; agp: boolean; tools?: unknown[]; cfm?: boolean; extra?: Record<string, unknown> }

const CONVS: Conv[] = [
  { name: 'plain, generation prompt', messages: PLAIN, agp: true },
  { name: 'plain, no generation prompt', messages: PLAIN, agp: false },
  { name: 'system prompt', messages: WITH_SYSTEM, agp: true },
  { name: 'tools', messages: WITH_SYSTEM, agp: true, tools: TOOLS },
  { name: 'tool call round trip', messages: TOOL_CALL, agp: true, tools: TOOLS },
  { name: 'continue_final_message', messages: CONTINUE, agp: false, cfm: true },
  { name: 'reasoning history', messages: REASONING, agp: true },
  { name: 'enable_thinking false', messages: PLAIN, agp: true, extra: { enable_thinking: false } },
];

function loadConfig(name: string): TokenizerConfigJson {
  const file = path.resolve(process.cwd(), 'public/tokenizers', name, 'tokenizer_config.json');
  if (!fs.existsSync(file)) throw new Error(`missing ${file}: run \`node scripts/vendor-tokenizers.mjs\` (npm install does it)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TokenizerConfigJson;
}

describe('bundled chat templates match Python Jinja2', () => {
  const cases = BUNDLED.flatMap((tok) => CONVS.map((conv) => ({ tok, conv })));
  let py: PyResult[] = [];
  beforeAll(() => {
    py = renderWithPython(cases.map(({ tok, conv }) => {
      const config = loadConfig(tok);
      return {
        template: config.chat_template as string,
        context: { ...specialTokensFromConfig(config), ...conv.extra, messages: conv.messages, tools: conv.tools ?? null, documents: null, add_generation_prompt: conv.agp },
        now: NOW,
        continue_final_message: conv.cfm,
      };
    }));
  });

  it.each(cases.map((c, i) => [`${c.tok}: ${c.conv.name}`, i] as const))('%s', (_label, i) => {
    const { tok, conv } = cases[i]!;
    const config = loadConfig(tok);
    expect(typeof config.chat_template).toBe('string');
    const want = py[i]!;
    let got: string;
    try {
      got = renderChat({
        template: config.chat_template as string, messages: conv.messages, tools: conv.tools, addGenerationPrompt: conv.agp,
        continueFinalMessage: conv.cfm, specialTokens: specialTokensFromConfig(config), extraVariables: conv.extra, now: new Date(NOW), clock: 'utc',
      }).text;
    } catch (e) {
      if (!(e instanceof ChatTemplateError) || 'text' in want) throw e;
      if (want.kind === 'raise') expect(e.message).toBe(want.error);
      return;
    }
    expect('text' in want ? want.text : `python error: ${want.error}`).toBe(got);
  });
});
