/** Ready-made conversations for teaching: each shows one thing about prompts and templates. */
import type { ChatMessage } from '../../core/chat';

export interface Preset {
  id: string;
  label: string;
  /** One line shown under the picker. */
  note: string;
  messages: ChatMessage[];
  tools?: unknown[];
  documents?: unknown[];
}

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name, e.g. Paris' } }, required: ['city'] },
  },
};

const QUESTION = 'A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?';

export const PRESETS: Preset[] = [
  { id: 'qa', label: 'Plain Q&A', note: 'One question, no instructions.', messages: [{ role: 'user', content: 'What is the capital of France?' }] },
  {
    id: 'qa-system',
    label: 'Q&A with a system prompt',
    note: 'The system prompt sets behaviour; watch where each template puts it (or rejects it).',
    messages: [
      { role: 'system', content: 'You are a concise assistant. Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
  },
  { id: 'no-cot', label: 'No chain of thought', note: 'The bare question: models often answer 10 cents, which is wrong.', messages: [{ role: 'user', content: QUESTION }] },
  {
    id: 'zero-shot-cot',
    label: 'Zero-shot CoT',
    note: '"Think step by step" is just more text in the user turn: a few more tokens.',
    messages: [{ role: 'user', content: `${QUESTION}\nThink step by step.` }],
  },
  {
    id: 'manual-cot',
    label: 'Manual CoT (worked example)',
    note: 'A worked example first, as an earlier exchange: the model copies the reasoning pattern.',
    messages: [
      { role: 'user', content: 'A pen and a cap cost $1.20. The pen costs $1.00 more than the cap. How much is the cap?' },
      { role: 'assistant', content: 'Let the cap cost x. Then the pen costs x + 1.00, so 2x + 1.00 = 1.20, x = 0.10. The cap costs $0.10.' },
      { role: 'user', content: QUESTION },
    ],
  },
  {
    id: 'tool-call',
    label: 'Tool-call round trip',
    note: 'Tools are JSON schemas the template prints; the call and its result come back as messages.',
    tools: [WEATHER_TOOL],
    messages: [
      { role: 'user', content: 'What is the weather in Paris?' },
      { role: 'assistant', content: '', tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', name: 'get_weather', content: '{"temperature_c": 21, "sky": "clear"}' },
    ],
  },
  {
    id: 'rag',
    label: 'RAG with documents',
    note: 'Retrieved snippets are passed as documents; templates that know them print them, others ignore them.',
    documents: [
      { title: 'Eiffel Tower', text: 'The Eiffel Tower is 330 metres tall and was completed in 1889.' },
      { title: 'Louvre', text: 'The Louvre is the most-visited museum in the world.' },
    ],
    messages: [{ role: 'user', content: 'How tall is the Eiffel Tower? Use the documents.' }],
  },
  {
    id: 'multi-turn',
    label: 'Multi-turn (no memory)',
    note: 'The model has no memory: every turn re-sends the whole history, so the prompt grows each turn.',
    messages: [
      { role: 'system', content: 'You are a friendly tutor.' },
      { role: 'user', content: 'My name is Ada. What is a token?' },
      { role: 'assistant', content: 'A token is a piece of text, often a word or part of a word, that the model reads as one unit.' },
      { role: 'user', content: 'How many tokens is my name?' },
      { role: 'assistant', content: 'Your name, Ada, is usually one or two tokens, depending on the tokenizer.' },
      { role: 'user', content: 'What did I say my name was?' },
    ],
  },
];
