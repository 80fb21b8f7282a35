// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { TokensPage } from '../../src/features/tokens/tokens-page';
import { useSessionStore } from '../../src/stores/session-store';
import { deferred, fakeEncode, infoFor } from './fake-client';
import { renderWithClient } from './render-app';
import type { EncodeResult } from '../../src/worker/protocol';

const view = () => screen.getByTestId('token-view');

/** The text input is CodeMirror (loaded lazily): its view, found from the labelled content element. */
async function editor(): Promise<EditorView> {
  const content = await screen.findByRole('textbox', { name: 'Text to tokenize' });
  return EditorView.findFromDOM(content)!;
}
const editorText = async () => (await editor()).state.doc.toString();
/** Replaces the text the way typing or pasting does: one editor transaction. */
async function typeText(value: string): Promise<void> {
  const v = await editor();
  act(() => v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } }));
}
const tokenEls = () => Array.from(view().querySelectorAll<HTMLElement>('[data-token-index]'));

async function ready(tokenizer = 'gpt2') {
  await waitFor(() => {
    expect(view()).toHaveAttribute('data-status', 'ready');
    expect(view()).toHaveAttribute('data-tokenizer', tokenizer);
  });
}

describe('token view', () => {
  it('lists the manifest tokenizers in a labelled select and shows one element per token', async () => {
    renderWithClient(<TokensPage />, { text: 'Hello world' });
    const select = await screen.findByRole('combobox', { name: 'Tokenizer' });
    // Bundled first; then Hub suggestions, marked as needing the network.
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => (o as HTMLOptionElement).value).slice(0, 2)).toEqual(['gpt2', 'tiny']));
    const hubOptions = within(select).getAllByRole('option').slice(2);
    expect(hubOptions.every((o) => /\//.test((o as HTMLOptionElement).value) && /needs network/.test(o.textContent ?? ''))).toBe(true);
    expect(select).toHaveValue('gpt2');
    await ready();
    const tokens = tokenEls();
    expect(tokens.map((t) => [t.dataset.tokenIndex, t.dataset.start, t.dataset.end, t.dataset.special ?? null])).toEqual([
      ['0', '0', '0', 'true'],
      ['1', '0', '5', null],
      ['2', '5', '11', null],
    ]);
    expect(tokens[1]).toHaveTextContent('Hello');
    expect(tokens[0]).toHaveTextContent('BOS');
    expect(screen.getByTestId('token-count')).toHaveTextContent(/^3$/);
    expect(await editorText()).toBe('Hello world');
  });

  it('re-tokenizes while typing and turns add_special_tokens off', async () => {
    renderWithClient(<TokensPage />, { text: 'a' });
    await ready();
    await typeText('one two three');
    await waitFor(() => expect(screen.getByTestId('token-count')).toHaveTextContent('4'));
    expect(view()).toHaveAttribute('data-status', 'ready');
    fireEvent.click(screen.getByRole('checkbox', { name: 'add_special_tokens' }));
    await waitFor(() => expect(screen.getByTestId('token-count')).toHaveTextContent('3'));
    expect(tokenEls().some((t) => t.dataset.special === 'true')).toBe(false);
  });

  it('keeps showing the old tokenizer until the new one has rendered its tokens', async () => {
    const { client } = renderWithClient(<TokensPage />, { text: 'Hello world' });
    await ready();
    const held = deferred<EncodeResult>();
    client.encodeImpl = async (request) => (request.tokenizerId === 'tiny' ? held.promise : fakeEncode(request));
    fireEvent.change(await screen.findByRole('combobox', { name: 'Tokenizer' }), { target: { value: 'tiny' } });
    await waitFor(() => expect(view()).toHaveAttribute('data-status', 'loading'));
    expect(view()).toHaveAttribute('data-tokenizer', 'gpt2');
    expect(tokenEls()).toHaveLength(3);
    await act(async () => held.resolve(fakeEncode({ tokenizerId: 'tiny', text: 'Hello world', addSpecialTokens: true })));
    await ready('tiny');
  });

  it('never lets a stale reply overwrite a newer one', async () => {
    const { client } = renderWithClient(<TokensPage />, { text: 'first' });
    await ready();
    const slow = deferred<EncodeResult>();
    client.encodeImpl = async (request) => (request.text === 'slow text' ? slow.promise : fakeEncode(request));
    await typeText('slow text');
    await typeText('fast');
    await ready();
    expect(screen.getByTestId('token-count')).toHaveTextContent('2');
    await act(async () => slow.resolve(fakeEncode({ tokenizerId: 'gpt2', text: 'slow text', addSpecialTokens: true })));
    expect(screen.getByTestId('token-count')).toHaveTextContent('2');
    expect(view()).toHaveAttribute('data-status', 'ready');
  });

  it('hands back the memory of results nothing shows (stale at once, shown ones two results later) and keeps drawing right', async () => {
    const { client } = renderWithClient(<TokensPage />, { text: 'a' });
    // As the real client does, the arrays handed back become unusable (their buffers move to the worker).
    const recycled: string[] = [];
    const textOf = new Map<Int32Array, string>();
    client.encodeImpl = async (request) => {
      const result = request.text === 'slow text' ? await slow.promise : fakeEncode(request);
      textOf.set(result.ids, request.text);
      return result;
    };
    client.recycleSpans = (spans) => {
      recycled.push(textOf.get(spans.ids) ?? '?');
      for (const a of [spans.ids, spans.starts, spans.ends, spans.special]) structuredClone(a.buffer, { transfer: [a.buffer] });
    };
    const slow = deferred<EncodeResult>();
    await typeText('a b');
    await ready();
    await typeText('slow text');
    await typeText('one two');
    await ready();
    await act(async () => slow.resolve(fakeEncode({ tokenizerId: 'gpt2', text: 'slow text', addSpecialTokens: true })));
    // 'a' was shown two results ago; 'slow text' never was.
    expect(recycled).toEqual(['a', 'slow text']);
    for (const text of ['one two three', 'one two three four', 'one two three four five']) {
      await typeText(text);
      await ready();
      const want = fakeEncode({ tokenizerId: 'gpt2', text, addSpecialTokens: true });
      expect(tokenEls().map((t) => [t.dataset.tokenIndex, t.dataset.start, t.dataset.end])).toEqual(
        Array.from(want.ids, (_, i) => [String(i), String(want.starts[i]), String(want.ends[i])]),
      );
      expect(screen.getByTestId('token-count')).toHaveTextContent(new RegExp(`^${want.ids.length}$`));
    }
    // Never the result on screen or the one before it (whose arrays the rows compare against).
    expect(recycled.slice(2)).toEqual(['a b', 'one two', 'one two three']);
  });

  it('shows an error and keeps the previous result visible', async () => {
    const { client } = renderWithClient(<TokensPage />, { text: 'Hello world' });
    await ready();
    client.encodeImpl = async () => {
      throw new Error('boom');
    };
    await typeText('Hello there friend');
    await waitFor(() => expect(view()).toHaveAttribute('data-status', 'error'));
    expect(screen.getByRole('alert')).toHaveTextContent('Could not tokenize the text: boom');
    expect(tokenEls()).toHaveLength(3);
  });

  it('reports a tokenizer that fails to load', async () => {
    const { client } = renderWithClient(<TokensPage />, { text: 'Hello world' });
    await ready();
    client.loadImpl = async (id) => (id === 'tiny' ? Promise.reject(new Error('HTTP 404')) : infoFor(id));
    fireEvent.change(screen.getByRole('combobox', { name: 'Tokenizer' }), { target: { value: 'tiny' } });
    await waitFor(() => expect(view()).toHaveAttribute('data-status', 'error'));
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load tokenizer "tiny": HTTP 404');
    expect(view()).toHaveAttribute('data-tokenizer', 'gpt2');
  });

  it('brackets byte tokens of one character and shows their bytes in hex, never U+FFFD', async () => {
    renderWithClient(<TokensPage />, { text: 'hi 🙂' });
    await ready();
    const tokens = tokenEls();
    expect(tokens.map((t) => [t.dataset.start, t.dataset.end])).toEqual([
      ['0', '0'],
      ['0', '2'],
      ['2', '3'],
      ['3', '5'],
      ['3', '5'],
    ]);
    expect(tokens[3]).toHaveTextContent('F0 9F 99');
    expect(tokens[4]).toHaveTextContent('82');
    expect(view().textContent).not.toContain('\uFFFD');
  });

  it('switches between text, ids and raw views with one element per token in each', async () => {
    renderWithClient(<TokensPage />, { text: 'Hello world' });
    await ready();
    fireEvent.click(screen.getByRole('tab', { name: 'IDs' }));
    expect(screen.getByRole('tab', { name: 'IDs' })).toHaveAttribute('aria-selected', 'true');
    expect(tokenEls()).toHaveLength(3);
    expect(screen.getByRole('group', { name: 'Token ids' }).textContent).toMatch(/^\[1, \d+, \d+\]$/);
    expect(screen.getByRole('button', { name: 'Copy ids as JSON' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Copy ids as Python list' })).toBeEnabled();
    fireEvent.click(screen.getByRole('tab', { name: 'Raw tokens' }));
    expect(tokenEls()).toHaveLength(3);
    expect(tokenEls()[2]).toHaveTextContent('Ġworld');
  });

  it('draws whitespace glyphs when asked', async () => {
    renderWithClient(<TokensPage />, { text: 'a b\tc\nd' });
    await ready();
    fireEvent.click(screen.getByRole('checkbox', { name: /Show whitespace/ }));
    expect(screen.getByRole('group', { name: 'Tokens over the text' }).textContent).toContain('a·b→c↵\nd');
  });

  it('supports the keyboard: one tab stop, arrows move, the tooltip describes the focused token', async () => {
    renderWithClient(<TokensPage />, { text: 'Hello world' });
    await ready();
    const tokens = tokenEls();
    expect(tokens.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    act(() => tokens[0]!.focus());
    fireEvent.keyDown(tokens[0]!, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(tokenEls()[1]));
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Token #1');
    expect(tooltip).toHaveTextContent('[0, 5)');
    expect(tooltip).toHaveTextContent('48 65 6C 6C 6F');
    expect(tooltip.querySelector('[data-token-index]')).toBeNull();
    expect(tokenEls()[1]).toHaveAttribute('aria-describedby', tooltip.id);
    fireEvent.keyDown(tokenEls()[1]!, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(tokenEls()[2]));
    fireEvent.keyDown(tokenEls()[2]!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
  });

  it('marks the end of the context window and dims what follows', async () => {
    renderWithClient(<TokensPage />, { text: 'a b c d e' }, (client) => {
      client.loadImpl = async (id) => infoFor(id, 3);
    });
    await ready();
    expect(screen.getByRole('separator', { name: /Context window ends after 3 tokens/ })).toBeInTheDocument();
    expect(tokenEls()[3]).toHaveClass('tok-dim');
    expect(tokenEls()[2]).not.toHaveClass('tok-dim');
    expect(screen.getByText(/3 tokens past the 3-token context window/)).toBeInTheDocument();
  });

  it('loads a text file into the input', async () => {
    renderWithClient(<TokensPage />, { text: '' });
    await ready();
    const file = new File(['from a file\r\nline two'], 'a.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('text-file-input'), { target: { files: [file] } });
    await waitFor(async () => expect(await editorText()).toBe('from a file\nline two'));
    expect(useSessionStore.getState().text).toBe('from a file\nline two');
    await ready();
    expect(screen.getByTestId('token-count')).toHaveTextContent('6');
  });

  it('renders markup typed by the user as text', async () => {
    renderWithClient(<TokensPage />, { text: '<img src=x onerror=alert(1)>' });
    await ready();
    expect(view().querySelector('img')).toBeNull();
    expect(view().textContent).toContain('<img');
  });
});
