// @vitest-environment jsdom
// The chat studio by role, with an in-memory tokenizer client and a renderer that runs the real (pure) engine
// on the main thread: no worker, no fetch.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import ChatPage from '../../src/features/chat/chat-page';
import { useChatServices, type SourceLoader } from '../../src/features/chat/services';
import { useChatStore } from '../../src/features/chat/store';
import { ChatTemplateError, lintChat, renderChat, type RenderChatOptions } from '../../src/core/chat';
import type { ChatRenderer, ChatSource } from '../../src/lib/chat-client';
import type { ChatRenderRequest, ChatRenderResult } from '../../src/worker/chat-protocol';
import { useSessionStore } from '../../src/stores/session-store';
import { renderWithClient } from './render-app';

const TEMPLATE =
  "{{ bos_token }}{% for m in messages %}<|{{ m.role }}|>{{ m.content }}<|end|>\n{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}";

const SOURCES: Record<string, ChatSource> = {
  gpt2: { tokenizerId: 'gpt2', template: null, specialTokens: { bos_token: '<|endoftext|>' } },
  tiny: { tokenizerId: 'tiny', template: TEMPLATE, specialTokens: { bos_token: '<s>', eos_token: '<|end|>' } },
};

/** What chat.worker.ts does, synchronously. */
function renderLikeWorker(req: ChatRenderRequest): ChatRenderResult {
  const options: RenderChatOptions = { ...req, now: req.now == null ? undefined : new Date(req.now) };
  let outcome;
  try {
    outcome = renderChat(options);
  } catch (e) {
    outcome = e as ChatTemplateError;
  }
  const lints = lintChat({ options, outcome, tokenizerAddsBos: req.tokenizerAddsBos });
  if (outcome instanceof ChatTemplateError) return { ok: false, error: { message: outcome.message, kind: outcome.kind, line: outcome.line, column: outcome.column }, lints };
  return { ok: true, ...outcome, segments: null, lints };
}

let renders: ChatRenderRequest[] = [];
const renderer: ChatRenderer = { render: async (req) => (renders.push(req), renderLikeWorker(req)), dispose: () => {} };
const loadSource: SourceLoader = async (id) => {
  const s = SOURCES[id];
  if (!s) throw new Error(`unknown ${id}`);
  return s;
};

function setup(tokenizerId = 'tiny') {
  const r = renderWithClient(<ChatPage />, { tokenizerId });
  useChatServices.setState({ renderer, loadSource });
  return r;
}

const output = () => screen.getByTestId('chat-output');
const ready = () => waitFor(() => expect(output()).toHaveAttribute('data-status', 'ready'));

// jsdom has no layout: CodeMirror measures text ranges, so give ranges empty rectangles.
const emptyRects = Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects ??= () => emptyRects;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

beforeEach(() => {
  renders = [];
  localStorage.clear();
  useChatStore.setState(useChatStore.getInitialState(), true);
  useChatServices.setState({ renderer, loadSource });
});

describe('chat studio', () => {
  it('renders the conversation exactly, and add_generation_prompt toggles the assistant header', async () => {
    setup();
    await ready();
    const messages = useChatStore.getState().messages;
    const want = renderChat({ template: TEMPLATE, messages, addGenerationPrompt: true, specialTokens: SOURCES.tiny!.specialTokens }).text;
    expect(output().textContent).toBe(want);
    const box = screen.getByRole('checkbox', { name: 'add_generation_prompt' });
    expect(box).toBeChecked();
    fireEvent.click(box);
    await ready();
    expect(output().textContent).toBe(want.slice(0, -'<|assistant|>'.length));
    // special tokens are marked inside the output without changing its text
    expect(output().querySelector('.chat-special')).not.toBeNull();
    expect(screen.getByText(/add_generation_prompt is off and the last message is from the user/)).toBeInTheDocument();
  });

  it('passes only what transformers passes: no tools, documents or extra variables unless set', async () => {
    setup();
    await ready();
    const last = renders.at(-1)!;
    expect(last.tools).toBeNull();
    expect(last.documents).toBeNull();
    expect(last.extraVariables).toEqual({});
    expect(last.specialTokens).toEqual(SOURCES.tiny!.specialTokens);
    expect(last.now).toBeNull();
  });

  it('filling the messages JSON replaces the whole conversation, system prompt included; the form follows', async () => {
    setup();
    await ready();
    fireEvent.change(screen.getByTestId('messages-json'), { target: { value: JSON.stringify([{ role: 'user', content: 'Only me' }]) } });
    await ready();
    expect(output().textContent).toBe('<s><|user|>Only me<|end|>\n<|assistant|>');
    expect(screen.getByRole('textbox', { name: 'System prompt' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Content of message 1' })).toHaveValue('Only me');
  });

  it('edits, adds, reorders and removes turns in the form and keeps the JSON in sync', async () => {
    setup();
    await ready();
    fireEvent.change(screen.getByRole('textbox', { name: 'System prompt' }), { target: { value: 'Be kind.' } });
    fireEvent.click(screen.getByRole('button', { name: '+ Assistant turn' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Content of message 3' }), { target: { value: 'Sure.' } });
    let json = JSON.parse((screen.getByTestId('messages-json') as HTMLTextAreaElement).value);
    expect(json).toEqual([{ role: 'system', content: 'Be kind.' }, { role: 'user', content: 'What is the capital of France?' }, { role: 'assistant', content: 'Sure.' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Move message 3 up' }));
    json = JSON.parse((screen.getByTestId('messages-json') as HTMLTextAreaElement).value);
    expect(json.map((m: { role: string }) => m.role)).toEqual(['system', 'assistant', 'user']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove message 2' }));
    await ready();
    expect(output().textContent).toBe('<s><|system|>Be kind.<|end|>\n<|user|>What is the capital of France?<|end|>\n<|assistant|>');
  });

  it('keeps the last valid conversation and the typed text (persisted) when the JSON is malformed', async () => {
    setup();
    await ready();
    const before = output().textContent;
    fireEvent.change(screen.getByTestId('messages-json'), { target: { value: '[{"role": "user", "content": "oops' } });
    expect(await screen.findByText(/Not valid JSON/)).toBeInTheDocument();
    expect(output().textContent).toBe(before);
    expect(screen.getByTestId('messages-json')).toHaveValue('[{"role": "user", "content": "oops');
    expect(JSON.parse(localStorage.getItem('tokenlab:chat')!).state.messagesText).toBe('[{"role": "user", "content": "oops');
  });

  it('shows template errors with line:column and puts the output in the error state', async () => {
    SOURCES.broken = { tokenizerId: 'broken', template: '{% for m in messages %}\n{{ m.content + }}\n{% endfor %}', specialTokens: {} };
    setup('broken');
    const error = await screen.findByTestId('template-error');
    expect(error).toHaveTextContent(/line 2:\d+/);
    expect(output()).toHaveAttribute('data-status', 'error');
  });

  it('says a tokenizer without a template is a base model', async () => {
    setup('gpt2');
    const error = await screen.findByTestId('template-error');
    expect(error).toHaveTextContent(/chat_template is not set/);
    expect(error).toHaveTextContent(/Base vs instruct/);
  });

  it('counts prompt tokens against the context window and shows the tokens', async () => {
    setup();
    await ready();
    await waitFor(() => expect(screen.getByTestId('chat-token-count')).toBeInTheDocument());
    expect(screen.getByText(/tokens left for the reply/)).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Tokens of the rendered prompt' })).toBeInTheDocument();
  });

  it('loads presets, including tools for the tool-call round trip', async () => {
    setup();
    await ready();
    fireEvent.change(screen.getByRole('combobox', { name: 'Preset' }), { target: { value: 'tool-call' } });
    await ready();
    expect(renders.at(-1)!.tools).toHaveLength(1);
    expect(renders.at(-1)!.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('passes a fixed date and extra variables only when set', async () => {
    setup();
    await ready();
    fireEvent.change(screen.getByLabelText('Date for strftime_now'), { target: { value: '2024-07-26T09:30' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Extra variables' }), { target: { value: '{"enable_thinking": false}' } });
    await ready();
    expect(renders.at(-1)!.now).toBe(new Date('2024-07-26T09:30').getTime());
    expect(renders.at(-1)!.extraVariables).toEqual({ enable_thinking: false });
  });

  it('shows the base transcript beside an instruct template', async () => {
    SOURCES.llama3_1 = { tokenizerId: 'llama3_1', template: TEMPLATE, specialTokens: { bos_token: '<|begin_of_text|>' } };
    setup('gpt2');
    await act(async () => useChatStore.getState().setTab('base'));
    expect(screen.getByRole('tab', { name: 'Base vs instruct' })).toHaveAttribute('aria-selected', 'true');
    const base = screen.getByRole('region', { name: 'What a base model receives' });
    expect(base.textContent).toBe('You are a concise assistant. Answer in one sentence.\n\nUser: What is the capital of France?\n\nAssistant:');
    const instruct = screen.getByRole('region', { name: 'What an instruct model receives' });
    await waitFor(() => expect(instruct).toHaveAttribute('data-status', 'ready'));
    expect(instruct.textContent).toContain('<|begin_of_text|><|system|>');
    expect(screen.getByText(/a base model only continues text/)).toBeInTheDocument();
  });

  it('compares templates side by side with a diff', async () => {
    SOURCES.llama3_1 = { tokenizerId: 'llama3_1', template: TEMPLATE, specialTokens: { bos_token: '<|begin_of_text|>' } };
    SOURCES.qwen3 = { tokenizerId: 'qwen3', template: TEMPLATE.replace('{{ bos_token }}', ''), specialTokens: {} };
    setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Compare templates' }));
    const panes = await screen.findAllByTestId('chat-compare-pane');
    expect(panes).toHaveLength(2);
    await waitFor(() => expect(within(panes[1]!).getByRole('region')).toHaveAttribute('data-status', 'ready'));
    const diff = await screen.findByRole('region', { name: 'Word diff' });
    expect(diff.querySelector('del')?.textContent).toContain('<|begin_of_text|>');
    expect(useSessionStore.getState().tokenizerId).toBe('tiny');
  });
});
