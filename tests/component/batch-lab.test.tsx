// @vitest-environment jsdom
/**
 * The batch lab by role, against a fake client whose `batch` runs the real worker handler (`runBatch`) on the
 * bundled GPT-2 (no pad token: EOS fallback) and BERT ([PAD] = 0) files, so no worker and no fetch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { BatchPage } from '../../src/features/batch/batch-page';
import { DEFAULT_BATCH_TEXT } from '../../src/features/batch/lines';
import { useBatchLabStore } from '../../src/features/batch/store';
import type { LoadedTokenizer } from '../../src/core/batch';
import { createTokenizer } from '../../src/core/tokens/engine';
import type { TokenizerConfigJson, TokenizerJson } from '../../src/core/tokens/tokenizer-json';
import { runBatch } from '../../src/worker/batch-handler';
import type { BatchRequest } from '../../src/worker/protocol';
import { renderWithClient } from './render-app';

const DIR = path.resolve('public/tokenizers');
const cache = new Map<string, LoadedTokenizer>();
function loaded(id: string): LoadedTokenizer {
  let l = cache.get(id);
  if (!l) {
    const json = JSON.parse(fs.readFileSync(path.join(DIR, id, 'tokenizer.json'), 'utf8')) as TokenizerJson;
    const config = JSON.parse(fs.readFileSync(path.join(DIR, id, 'tokenizer_config.json'), 'utf8')) as TokenizerConfigJson;
    cache.set(id, (l = { tokenizer: createTokenizer(json), config }));
  }
  return l;
}

const ENTRY = { family: 'test', modelType: 'BPE', vocabSize: 1, hasChatTemplate: false, license: 'MIT', source: 'test', files: [] };

function renderLab(tokenizerId = 'gpt2', text = DEFAULT_BATCH_TEXT) {
  (useBatchLabStore.setState as (s: unknown, replace: boolean) => void)(useBatchLabStore.getInitialState(), true);
  useBatchLabStore.setState({ text });
  const calls: BatchRequest[] = [];
  const out = renderWithClient(<BatchPage />, { tokenizerId }, (client) => {
    client.listTokenizers = async () => ({ tokenizers: [{ ...ENTRY, id: 'gpt2', name: 'GPT-2' }, { ...ENTRY, id: 'bert-base-uncased', name: 'BERT' }] });
    client.batch = async (request) => {
      calls.push(request);
      return runBatch(request.tokenizerId, loaded(request.tokenizerId), request);
    };
  });
  return { ...out, calls };
}

const lab = () => screen.getByTestId('batch-lab');
async function ready(tokenizer = 'gpt2') {
  await waitFor(() => {
    expect(lab()).toHaveAttribute('data-status', 'ready');
    expect(lab()).toHaveAttribute('data-tokenizer', tokenizer);
  });
}
const rows = (testId: string) => Array.from(screen.getByTestId(testId).querySelectorAll<HTMLElement>('[data-row]'));
const cells = (row: HTMLElement) => Array.from(row.querySelectorAll<HTMLElement>('[data-id]')).map((c) => ({ id: Number(c.dataset.id), pad: c.dataset.pad === 'true' }));
const masks = (row: HTMLElement) => Array.from(row.querySelectorAll<HTMLElement>('[data-mask]')).map((c) => Number(c.dataset.mask));
const gpt2 = (text: string) => loaded('gpt2').tokenizer.encode(text, { addSpecialTokens: true }).ids;

describe('batch lab', () => {
  beforeEach(() => localStorage.clear());

  it('opens on the classic batch, padded to the longest line on the tokenizer’s own side', async () => {
    const { calls } = renderLab();
    await ready();
    expect(screen.getByRole('textbox', { name: 'Batch: one sequence per line' })).toHaveValue(DEFAULT_BATCH_TEXT);
    expect(screen.getByRole('radio', { name: 'longest' })).toBeChecked();
    const side = screen.getByRole('combobox', { name: 'padding_side' });
    expect(side).toHaveValue('right');
    expect(within(side).getByRole('option', { name: 'right (tokenizer default)' })).toBeInTheDocument();
    expect(calls.at(-1)).toMatchObject({ padding: 'longest', padToMultipleOf: null, truncation: false, paddingSide: null });

    const seqs = DEFAULT_BATCH_TEXT.split('\n').map(gpt2);
    const width = Math.max(...seqs.map((s) => s.length));
    const eos = loaded('gpt2').tokenizer.tokenToId('<|endoftext|>')!;
    const padded = rows('padded-batch');
    expect(padded).toHaveLength(3);
    padded.forEach((row, r) => {
      const want = [...seqs[r]!.map((id) => ({ id, pad: false })), ...Array.from({ length: width - seqs[r]!.length }, () => ({ id: eos, pad: true }))];
      expect(cells(row)).toEqual(want);
    });
    expect(rows('attention-mask').map(masks)).toEqual(seqs.map((s) => Array.from({ length: width }, (_, i) => (i < s.length ? 1 : 0))));
    const packed = Array.from(screen.getByTestId('packed-batch').querySelectorAll<HTMLElement>('[data-id]'));
    expect(packed.map((c) => Number(c.dataset.id))).toEqual(seqs.flat());
    expect(packed.map((c) => Number(c.dataset.position))).toEqual(seqs.flatMap((s) => s.map((_, i) => i)));
    const real = seqs.flat().length;
    const waste = ((100 * (3 * width - real)) / (3 * width)).toFixed(1);
    expect(screen.getByTestId('padding-waste')).toHaveTextContent(`${waste}%`);
    expect(screen.getByTestId('cu-seqlens')).toHaveTextContent(`[0, ${seqs[0]!.length}, ${seqs[0]!.length + seqs[1]!.length}, ${real}]`);
  });

  it('says plainly that GPT-2 pads with EOS, what Python would do, and what pad = eos costs', async () => {
    renderLab();
    await ready();
    const note = screen.getByTestId('pad-token-note');
    expect(note).toHaveTextContent('This tokenizer has no pad token');
    expect(note).toHaveTextContent('as transformers.js does');
    expect(note).toHaveTextContent('Python transformers would raise');
    expect(note).toHaveTextContent('never learns to stop');
    expect(screen.getByRole('combobox', { name: 'pad token' })).toHaveDisplayValue(/EOS fallback/);
  });

  it('switches to left padding and to another pad token', async () => {
    renderLab();
    await ready();
    fireEvent.change(screen.getByRole('combobox', { name: 'padding_side' }), { target: { value: 'left' } });
    await waitFor(() => expect(cells(rows('padded-batch')[0]!)[0]!.pad).toBe(true));
    expect(masks(rows('attention-mask')[0]!).at(-1)).toBe(1);
    expect(screen.getByText(/Generation uses/)).toHaveTextContent('this tokenizer defaults to right');

    const padSelect = screen.getByRole('combobox', { name: 'pad token' });
    fireEvent.change(padSelect, { target: { value: '0' } });
    await waitFor(() => expect(cells(rows('padded-batch')[0]!)[0]).toEqual({ id: 0, pad: true }));
    expect(screen.getByTestId('pad-token-note')).not.toHaveTextContent('no pad token');
  });

  it('uses the config pad token when there is one (BERT [PAD] = 0), without a fallback note', async () => {
    renderLab('bert-base-uncased', 'a\nb c');
    await ready('bert-base-uncased');
    expect(cells(rows('padded-batch')[0]!).at(-1)).toEqual({ id: 0, pad: true });
    expect(screen.getByTestId('pad-token-note')).toHaveTextContent('the pad_token of tokenizer_config.json');
    expect(screen.getByTestId('pad-token-note')).not.toHaveTextContent('no pad token');
  });

  it('skips empty lines and says so', async () => {
    renderLab('gpt2', 'a\n\nb\n');
    await ready();
    expect(rows('padded-batch')).toHaveLength(2);
    expect(screen.getByText(/Empty lines are skipped/)).toHaveTextContent('2 sequences. Empty lines are skipped (2 skipped)');
  });

  it('shows the ValueError Python raises for truncation with a max_length that is not a multiple', async () => {
    renderLab();
    await ready();
    fireEvent.change(screen.getByRole('spinbutton', { name: 'pad_to_multiple_of' }), { target: { value: '8' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'max_length' }), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'truncation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('not a multiple of pad_to_multiple_of (8)');
  });

  it('caps the drawn rows of a 1,000-line batch while the numbers cover all of it', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => 'word '.repeat((i % 17) + 1).trim()).join('\n');
    renderLab('gpt2', text);
    await waitFor(() => expect(lab()).toHaveAttribute('data-status', 'ready'), { timeout: 10_000 });
    expect(rows('padded-batch')).toHaveLength(32);
    expect(screen.getByTestId('padded-shown')).toHaveTextContent('Showing 32 of 1,000 sequences');
    expect(within(screen.getByRole('table', { name: 'Cost of each batching strategy' })).getByRole('row', { name: /Padded/ })).toHaveTextContent('1,000 × 17');
    expect(screen.getByRole('img', { name: /Padding waste grows with length spread/ })).toBeInTheDocument();
  });

  it('toggles cells between token text and id', async () => {
    renderLab();
    await ready();
    const first = screen.getByTestId('packed-batch').querySelector('[data-id]')!;
    expect(first).toHaveTextContent('Hello');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Token id' })));
    expect(screen.getByRole('button', { name: 'Token id' })).toHaveAttribute('aria-pressed', 'true');
    expect(first).not.toHaveTextContent('Hello');
    expect(first).toHaveTextContent(String(gpt2('Hello')[0]));
  });
});
