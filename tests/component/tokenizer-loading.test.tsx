// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TokensPage } from '../../src/features/tokens/tokens-page';
import { useLoadedTokenizersStore } from '../../src/stores/loaded-tokenizers-store';
import { useSessionStore } from '../../src/stores/session-store';
import { WorkerRequestError } from '../../src/lib/worker-client';
import { deferred, infoFor } from './fake-client';
import { renderWithClient } from './render-app';
import type { TokenizerInfo } from '../../src/worker/protocol';

const view = () => screen.getByTestId('token-view');
const hubInput = () => screen.getByRole('combobox', { name: /Hub model id/ });

async function ready(id = 'gpt2') {
  await waitFor(() => {
    expect(view()).toHaveAttribute('data-tokenizer', id);
    expect(view()).toHaveAttribute('data-status', 'ready');
  });
}

describe('loading tokenizers on the tokens view', () => {
  it('loads a Hub id on Enter, makes it active and lists it in the picker', async () => {
    useLoadedTokenizersStore.setState(useLoadedTokenizersStore.getInitialState(), true);
    renderWithClient(<TokensPage />);
    await ready();
    fireEvent.change(hubInput(), { target: { value: 'org/model' } });
    fireEvent.submit(hubInput().closest('form')!);
    await ready('org/model');
    const select = screen.getByRole('combobox', { name: 'Tokenizer' });
    expect(within(select).getByRole('option', { name: /org\/model \(Hub/ })).toHaveValue('org/model');
    expect(useLoadedTokenizersStore.getState().recentHub[0]).toBe('org/model');
  });

  it('shows the error and keeps the previous tokenizer when a load fails', async () => {
    renderWithClient(<TokensPage />, {}, (c) => {
      c.loadImpl = async (id) => (id === 'nobody/none' ? Promise.reject(new WorkerRequestError('Model "nobody/none" was not found', 'LoadError', 'not-found')) : infoFor(id));
    });
    await ready();
    fireEvent.change(hubInput(), { target: { value: 'nobody/none' } });
    fireEvent.click(screen.getByRole('button', { name: 'Load' }));
    const alert = await screen.findByTestId('load-error');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent(/was not found.*previous tokenizer is still active/);
    expect(useSessionStore.getState().tokenizerId).toBe('gpt2');
    expect(view()).toHaveAttribute('data-tokenizer', 'gpt2');
  });

  it('rejects something that is not a Hub id without asking the worker', async () => {
    const { client } = renderWithClient(<TokensPage />);
    await ready();
    fireEvent.change(hubInput(), { target: { value: 'just-a-name' } });
    fireEvent.click(screen.getByRole('button', { name: 'Load' }));
    expect(await screen.findByTestId('load-error')).toHaveTextContent(/not a Hub model id/);
    expect(client.loadFromCalls).toEqual([]);
  });

  it('shows progress while loading and cancels', async () => {
    const held = deferred<TokenizerInfo>();
    const { client } = renderWithClient(<TokensPage />, {}, (c) => {
      c.loadImpl = (id) => (id === 'slow/model' ? held.promise : Promise.resolve(infoFor(id)));
    });
    await ready();
    fireEvent.change(hubInput(), { target: { value: 'slow/model' } });
    fireEvent.click(screen.getByRole('button', { name: 'Load' }));
    const progress = await screen.findByTestId('load-progress');
    expect(progress).toHaveTextContent(/Loading slow\/model/);
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(client.cancelCalls).toEqual(['slow/model']));
    held.reject(new WorkerRequestError('Loading was cancelled.', 'LoadError', 'cancelled'));
    await waitFor(() => expect(screen.queryByTestId('load-progress')).toBeNull());
    expect(screen.getByText(/was cancelled/)).toBeInTheDocument();
    expect(screen.queryByTestId('load-error')).toBeNull();
  });

  it('loads dropped local files as local:<name> and a .gguf through the GGUF reader', async () => {
    const { client } = renderWithClient(<TokensPage />);
    await ready();
    const region = screen.getByRole('region', { name: 'Load a tokenizer' });
    const tj = new File(['{}'], 'tokenizer.json', { type: 'application/json' });
    fireEvent.drop(region, { dataTransfer: { files: [tj], types: ['Files'] } });
    await ready('local:tokenizer');
    expect(client.loadFromCalls[0]).toMatchObject({ id: 'local:tokenizer', source: { kind: 'files' } });
    fireEvent.drop(region, { dataTransfer: { files: [new File(['GGUF'], 'tiny-q4.gguf')], types: ['Files'] } });
    await ready('local:tiny-q4');
    expect(client.loadFromCalls[1]).toMatchObject({ id: 'local:tiny-q4', source: { kind: 'gguf' } });
  });

  it('shows the card with its numbers and the missing-pad advice', async () => {
    renderWithClient(<TokensPage />);
    await ready();
    const card = await screen.findByRole('region', { name: /Tokenizer card/ });
    await waitFor(() => expect(card).toHaveAttribute('data-vocab-size', '50257'));
    expect(card).toHaveAttribute('data-context-length', '1024');
    expect(card).toHaveAttribute('data-model-type', 'BPE');
    expect(within(card).getByRole('table', { name: 'Special tokens' })).toHaveTextContent('bos');
    expect(within(card).getByRole('note')).toHaveTextContent(/No pad token/);
  });

  it('explorer: pipeline, vocabulary search and decode by role', async () => {
    renderWithClient(<TokensPage />, { text: 'Hello' });
    await ready();
    const explorer = screen.getByRole('region', { name: 'Pipeline and vocabulary explorer' });
    const toggle = within(explorer).getByRole('button', { name: 'Pipeline and vocabulary explorer' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    await waitFor(() => expect(within(explorer).getByTestId('trace-tokens')).toHaveTextContent('Hello'));
    fireEvent.click(within(explorer).getByRole('tab', { name: 'Vocabulary' }));
    fireEvent.change(within(explorer).getByRole('searchbox'), { target: { value: 'world' } });
    expect(await within(explorer).findByRole('table', { name: 'Vocabulary matches' })).toHaveTextContent('Ġworld');
    fireEvent.click(within(explorer).getByRole('tab', { name: 'Decode ids' }));
    fireEvent.change(within(explorer).getByRole('textbox', { name: 'Token ids to decode' }), { target: { value: '[1, 5]' } });
    await waitFor(() => expect(within(explorer).getByTestId('decoded-text')).toHaveTextContent('"<s>t5"'));
    expect(within(explorer).getByTestId('decoded-text-skip')).toHaveTextContent('"t5"');
  });
});
