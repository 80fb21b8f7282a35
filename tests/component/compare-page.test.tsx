// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ComparePage } from '../../src/features/compare/compare-page';
import { useCompareStore } from '../../src/features/compare/store';
import { SAMPLE_TEXTS } from '../../src/core/tokens/samples';
import { useSessionStore } from '../../src/stores/session-store';
import type { EncodeRequest, EncodeResult } from '../../src/worker/protocol';
import { fakeEncode, type FakeClient } from './fake-client';
import { renderWithClient } from './render-app';

/** "tiny" cuts every character apart, so its cuts differ from gpt2's word tokens. */
function charEncode({ tokenizerId, text }: EncodeRequest): EncodeResult {
  const chars = [...text];
  const enc = new TextEncoder();
  const pieces = chars.map((c) => enc.encode(c));
  const byteOffsets = new Int32Array(chars.length + 1);
  pieces.forEach((p, i) => (byteOffsets[i + 1] = byteOffsets[i]! + p.length));
  const bytes = new Uint8Array(byteOffsets[chars.length]!);
  pieces.forEach((p, i) => bytes.set(p, byteOffsets[i]!));
  let at = 0;
  const starts = new Int32Array(chars.length);
  const ends = new Int32Array(chars.length);
  chars.forEach((c, i) => {
    starts[i] = at;
    at += c.length;
    ends[i] = at;
  });
  return { tokenizerId, ids: Int32Array.from(chars, (c) => c.codePointAt(0)!), starts, ends, special: new Uint8Array(chars.length), tokens: chars, bytes, byteOffsets };
}

function setup(text = 'Hello world', configure?: (client: FakeClient) => void) {
  useCompareStore.setState(useCompareStore.getInitialState(), true);
  useCompareStore.setState({ tokenizerIds: ['gpt2', 'tiny'] });
  return renderWithClient(<ComparePage />, { text }, (client) => {
    client.encodeImpl = async (request) => (request.tokenizerId === 'tiny' ? charEncode(request) : fakeEncode(request));
    configure?.(client);
  });
}

const panes = () => screen.getAllByTestId('compare-pane');
const pane = (id: string) => panes().find((p) => p.dataset.tokenizer === id)!;
const tokensIn = (el: HTMLElement) => Array.from(el.querySelectorAll<HTMLElement>('[data-token-index]'));

async function allReady() {
  await waitFor(() => {
    for (const p of panes()) expect(p).toHaveAttribute('data-status', 'ready');
  });
}

beforeEach(() => {
  localStorage.clear();
});

describe('compare view', () => {
  it('shows one pane per tokenizer with one element per token, and a stats row per pane', async () => {
    setup('Hello world');
    await allReady();
    expect(panes().map((p) => p.dataset.tokenizer)).toEqual(['gpt2', 'tiny']);
    // gpt2 fake: BOS + "Hello" + " world"; tiny: 11 characters
    expect(tokensIn(pane('gpt2')).map((t) => [t.dataset.tokenIndex, t.dataset.id, t.dataset.start, t.dataset.end, t.dataset.special ?? null])).toEqual([
      ['0', '1', '0', '0', 'true'],
      ['1', expect.any(String), '0', '5', null],
      ['2', expect.any(String), '5', '11', null],
    ]);
    expect(tokensIn(pane('tiny'))).toHaveLength(11);
    const table = screen.getByTestId('compare-stats');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => [r.dataset.tokenizer, r.dataset.tokens])).toEqual([
      ['gpt2', '3'],
      ['tiny', '11'],
    ]);
    // fewer tokens is best: gpt2's cell carries the mark
    expect(within(rows[0]!).getAllByText('(best)', { exact: false }).length).toBeGreaterThan(0);
    expect(within(rows[1]!).queryAllByText('(best)', { exact: false })).toHaveLength(0);
    expect(screen.getByRole('button', { name: /Words \/ token/ })).toHaveAccessibleDescription(/Intl\.Segmenter.*isWordLike/);
  });

  it('sorts the summary by a column and says so with aria-sort', async () => {
    setup('Hello world');
    await allReady();
    const header = screen.getByRole('button', { name: /^Tokens/ });
    fireEvent.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'ascending');
    fireEvent.click(header);
    expect(header.closest('th')).toHaveAttribute('aria-sort', 'descending');
    const rows = within(screen.getByTestId('compare-stats')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.tokenizer)).toEqual(['tiny', 'gpt2']);
  });

  it('adds and removes panes within 2..6', async () => {
    setup('Hi');
    await allReady();
    expect(screen.getByRole('button', { name: 'Remove GPT-2 pane' })).toBeDisabled();
    // the fake manifest has only two tokenizers, both in use
    expect(screen.getByRole('combobox', { name: /Add tokenizer/ })).toBeDisabled();
    act(() => useCompareStore.getState().addPane('other'));
    await waitFor(() => expect(panes()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Remove GPT-2 pane' }));
    expect(panes().map((p) => p.dataset.tokenizer)).toEqual(['tiny', 'other']);
  });

  it('switches a pane to another tokenizer from its picker', async () => {
    setup('Hi there');
    useCompareStore.setState({ tokenizerIds: ['gpt2', 'x'] });
    await waitFor(() => expect(pane('gpt2')).toHaveAttribute('data-status', 'ready'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Pane 2 tokenizer' }), { target: { value: 'tiny' } });
    await allReady();
    expect(panes().map((p) => p.dataset.tokenizer)).toEqual(['gpt2', 'tiny']);
  });

  it('marks differing cuts; hovering or focusing one shows every tokenizer’s token there', async () => {
    setup('Hello world');
    await allReady();
    // gpt2 cuts at 5 only; tiny cuts everywhere: every inner position but 5 differs
    const markers = within(screen.getByRole('group', { name: 'Text with differing cuts marked' })).getAllByRole('button');
    expect(markers.map((m) => m.dataset.position)).toEqual(['1', '2', '3', '4', '6', '7', '8', '9', '10']);
    expect(screen.getByText(/cuts shared by all/)).toHaveTextContent('1 cuts shared by all');
    // the pane tokens at those cuts carry the mark
    expect(tokensIn(pane('tiny')).filter((t) => t.classList.contains('cmp-cut')).map((t) => t.dataset.start)).toEqual(['1', '2', '3', '4', '6', '7', '8', '9', '10']);

    fireEvent.mouseOver(markers[4]!); // position 6: inside gpt2's " world"
    const tip = screen.getByRole('tooltip');
    const gptRow = within(tip).getByText('GPT-2').closest('tr')!;
    expect(gptRow).toHaveTextContent('no cut');
    expect(gptRow).toHaveTextContent('“·world”');
    const tinyRow = within(tip).getByText('Tiny').closest('tr')!;
    expect(tinyRow).toHaveTextContent('cuts here');
    expect(tinyRow).toHaveTextContent('“·” | “w”');

    // keyboard: one tab stop, arrows move, the tooltip follows focus
    fireEvent.mouseLeave(screen.getByRole('group', { name: 'Text with differing cuts marked' }));
    expect(markers.filter((m) => m.tabIndex === 0)).toHaveLength(1);
    act(() => markers[0]!.focus());
    fireEvent.keyDown(markers[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(markers[1]);
    expect(markers[1]).toHaveAccessibleDescription(/Position 2/);
    fireEvent.keyDown(markers[1]!, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('checks pasted ids against the first pane by default, or the chosen one', async () => {
    setup('Hello world');
    await allReady();
    const ids = tokensIn(pane('gpt2')).map((t) => Number(t.dataset.id));
    const input = screen.getByRole('textbox', { name: 'Ids produced elsewhere' });
    const result = screen.getByTestId('parity-result');
    expect(screen.getByRole('combobox', { name: 'Check against' })).toHaveValue('gpt2');

    fireEvent.change(input, { target: { value: `tensor([[${ids.join(', ')}]])` } });
    await waitFor(() => expect(result).toHaveAttribute('data-state', 'identical'));
    expect(result).toHaveTextContent(`Identical: all 3 ids match GPT-2`);

    fireEvent.change(input, { target: { value: `${ids[0]} ${ids[1]} 42` } });
    await waitFor(() => expect(result).toHaveAttribute('data-state', 'different'));
    expect(result).toHaveAttribute('data-index', '2');
    expect(result).toHaveTextContent('First difference at index 2');
    expect(result).toHaveTextContent('id 42');
    expect(within(result).getByText('·world')).toBeInTheDocument(); // the text around it, our token marked

    fireEvent.change(screen.getByRole('combobox', { name: 'Check against' }), { target: { value: 'tiny' } });
    await waitFor(() => expect(result).toHaveAttribute('data-tokenizer', 'tiny'));
    expect(result).toHaveAttribute('data-index', '0');

    fireEvent.change(input, { target: { value: '[1, oops]' } });
    await waitFor(() => expect(result).toHaveAttribute('data-state', 'error'));
    expect(result).toHaveTextContent('"oops" is not a token id');
  });

  it('loads a sample text into the shared text box', async () => {
    setup('Hello world');
    await allReady();
    const code = SAMPLE_TEXTS.find((s) => s.id === 'code')!;
    fireEvent.click(screen.getByRole('button', { name: 'Code' }));
    expect(screen.getByRole('textbox', { name: 'Text to compare' })).toHaveValue(code.text);
    expect(useSessionStore.getState().text).toBe(code.text);
    expect(screen.getByRole('button', { name: 'Code' })).toHaveAttribute('aria-pressed', 'true');
    await allReady();
  });

  it('shows a load error in its own pane while the others work', async () => {
    setup('Hello world', (client) => {
      client.loadImpl = async (id) => {
        if (id === 'tiny') throw new Error('HTTP 404');
        const { infoFor } = await import('./fake-client');
        return infoFor(id);
      };
    });
    await waitFor(() => expect(pane('tiny')).toHaveAttribute('data-status', 'error'));
    expect(within(pane('tiny')).getByRole('alert')).toHaveTextContent('Could not load tokenizer "tiny": HTTP 404');
    await waitFor(() => expect(pane('gpt2')).toHaveAttribute('data-status', 'ready'));
  });
});
