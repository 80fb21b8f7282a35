import { useEffect } from 'react';
import { parseUrlState, writeUrlState, type UrlState } from '../lib/url-state';
import { useHubSettingsStore } from '../stores/hub-settings-store';
import { useSessionStore } from '../stores/session-store';
import { useUiStore } from '../stores/ui-store';

/** The query this tab last wrote; sessionStorage survives a reload but is not shared with other tabs. */
const SYNCED_KEY = 'tokenlab:url-synced';

function readSynced(): string | null {
  try {
    return sessionStorage.getItem(SYNCED_KEY);
  } catch {
    return null;
  }
}

function writeSynced(search: string): void {
  try {
    sessionStorage.setItem(SYNCED_KEY, search);
  } catch {
    // Without sessionStorage a reload simply lets the URL win, as for a shared link.
  }
}

/**
 * On open, URL parameters win over what was persisted (a shared link shows what its author saw).
 * Except when the URL is the one this tab wrote itself: the address bar is updated after a pause, so after a
 * quick reload the persisted state is the newer one and must not be overwritten by a stale `?text=`.
 */
export function applyUrlState(search: string): void {
  // `?hub=<url>` (like HF_ENDPOINT) holds for this page whatever else happens; it is never persisted.
  const hub = new URLSearchParams(search).get('hub');
  if (hub) useHubSettingsStore.getState().setEndpointOverride(hub);
  if (search !== '' && search === readSynced()) return;
  const state = parseUrlState(search);
  if (state.view) useUiStore.getState().setView(state.view);
  if (state.tokenizer) useSessionStore.getState().setTokenizerId(state.tokenizer);
  if (state.text !== undefined) useSessionStore.getState().setText(state.text);
}

function currentState(): UrlState {
  const { tokenizerId, text } = useSessionStore.getState();
  return { view: useUiStore.getState().view, tokenizer: tokenizerId, text };
}

/**
 * Keeps the address bar shareable. A view change is a history entry (Back works); typing only replaces
 * the current entry, after a pause.
 */
export function useUrlSync(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const write = (push: boolean) => {
      const search = writeUrlState(location.search, currentState());
      writeSynced(search);
      if (search === location.search) return;
      const url = `${location.pathname}${search}${location.hash}`;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    };
    const unsubUi = useUiStore.subscribe((s, prev) => {
      if (s.view !== prev.view) write(true);
    });
    const unsubSession = useSessionStore.subscribe((s, prev) => {
      if (s.tokenizerId === prev.tokenizerId && s.text === prev.text) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => write(false), 300);
    });
    const onPopState = () => {
      const { view } = parseUrlState(location.search);
      useUiStore.getState().setView(view ?? 'tokens');
    };
    addEventListener('popstate', onPopState);
    write(false);
    return () => {
      unsubUi();
      unsubSession();
      if (timer) clearTimeout(timer);
      removeEventListener('popstate', onPopState);
    };
  }, []);
}
