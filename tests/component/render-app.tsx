// Shared setup for component tests: fresh stores, fake client, render.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { useTokenViewStore } from '../../src/features/tokens/store';
import { useCatalogStore } from '../../src/stores/catalog-store';
import { usePersistStatus } from '../../src/stores/safe-storage';
import { useSessionStore } from '../../src/stores/session-store';
import { useTokenizerClientStore } from '../../src/stores/tokenizer-client-store';
import { useUiStore } from '../../src/stores/ui-store';
import { createFakeClient, type FakeClient } from './fake-client';

export function resetStores(): void {
  localStorage.clear();
  sessionStorage.clear();
  for (const store of [useSessionStore, useUiStore, useTokenViewStore, useCatalogStore, usePersistStatus, useTokenizerClientStore]) {
    (store.setState as (s: unknown, replace: boolean) => void)(store.getInitialState(), true);
  }
}

export function renderWithClient(
  ui: ReactElement,
  session: { text?: string; tokenizerId?: string } = {},
  configure?: (client: FakeClient) => void,
): { client: FakeClient } & ReturnType<typeof render> {
  resetStores();
  const client = createFakeClient();
  configure?.(client);
  useTokenizerClientStore.getState().setClient(client);
  useSessionStore.setState({ text: session.text ?? 'Hello world', tokenizerId: session.tokenizerId ?? 'gpt2' });
  return { client, ...render(ui) };
}
