import { useEffect, useState } from 'react';
import type { ChatSource } from '../../../lib/chat-client';
import type { EncodeResult, TokenizerInfo } from '../../../worker/protocol';
import type { ChatRenderRequest, ChatRenderResult } from '../../../worker/chat-protocol';
import { useCatalogStore } from '../../../stores/catalog-store';
import { useTokenizerClient } from '../../../stores/tokenizer-client-store';
import { ensureChatServices } from '../services';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export type Loadable<T> = { status: 'loading'; value: null } | { status: 'ready'; value: T } | { status: 'error'; value: null; error: string };

/** The template(s) and special tokens of a tokenizer (waits for the bundled list, so bundled files are read directly). */
export function useChatSource(tokenizerId: string | null): Loadable<ChatSource> & { id: string | null } {
  const client = useTokenizerClient();
  const catalog = useCatalogStore((s) => s.status);
  const entries = useCatalogStore((s) => s.entries);
  const [state, setState] = useState<{ id: string | null; value: Loadable<ChatSource> }>({ id: null, value: { status: 'loading', value: null } });
  useEffect(() => {
    if (catalog === 'idle') void useCatalogStore.getState().load(client);
  }, [catalog, client]);
  useEffect(() => {
    if (!tokenizerId || catalog === 'idle' || catalog === 'loading') return;
    let live = true;
    ensureChatServices()
      .loadSource(tokenizerId, client, entries)
      .then(
        (source) => live && setState({ id: tokenizerId, value: { status: 'ready', value: source } }),
        (e: unknown) => live && setState({ id: tokenizerId, value: { status: 'error', value: null, error: message(e) } }),
      );
    return () => {
      live = false;
    };
  }, [tokenizerId, catalog, entries, client]);
  if (state.id !== tokenizerId) return { id: tokenizerId, status: 'loading', value: null };
  return { id: state.id, ...state.value };
}

export interface TokenizerFacts {
  info: TokenizerInfo;
  /** Encoding with add_special_tokens prepends a special token (BOS): the double-BOS lint needs it. */
  addsBos: boolean;
}

/** Loads the tokenizer in the tokenizer worker: context length, special-token roles, and whether it adds BOS. */
export function useTokenizerFacts(tokenizerId: string | null): Loadable<TokenizerFacts> {
  const client = useTokenizerClient();
  const [state, setState] = useState<{ id: string | null; value: Loadable<TokenizerFacts> }>({ id: null, value: { status: 'loading', value: null } });
  useEffect(() => {
    if (!tokenizerId) return;
    let live = true;
    (async () => {
      const info = await client.load(tokenizerId);
      const empty = await client.encode({ tokenizerId, text: '', addSpecialTokens: true });
      return { info, addsBos: empty.special[0] === 1 };
    })().then(
      (value) => live && setState({ id: tokenizerId, value: { status: 'ready', value } }),
      (e: unknown) => live && setState({ id: tokenizerId, value: { status: 'error', value: null, error: message(e) } }),
    );
    return () => {
      live = false;
    };
  }, [tokenizerId, client]);
  if (state.id !== tokenizerId) return { status: 'loading', value: null };
  return state.value;
}

export type RenderState = { status: 'idle' | 'loading'; result: ChatRenderResult | null } | { status: 'ready' | 'error'; result: ChatRenderResult };

/**
 * Renders in the chat worker. The status is 'loading' from the moment the request changes until its own
 * result arrives (a stale result never shows as ready), and the previous result stays visible meanwhile.
 */
export function useChatRender(request: ChatRenderRequest | null): RenderState {
  const key = request ? JSON.stringify(request) : null;
  const [done, setDone] = useState<{ key: string; result: ChatRenderResult } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const superseded = new AbortController();
    void ensureChatServices()
      .renderer.render(JSON.parse(key) as ChatRenderRequest, superseded.signal)
      .then((result) => live && setDone({ key, result }));
    return () => {
      live = false;
      superseded.abort();
    };
  }, [key]);
  if (!key) return { status: 'idle', result: null };
  if (!done || done.key !== key) return { status: 'loading', result: done?.result ?? null };
  return { status: done.result.ok ? 'ready' : 'error', result: done.result };
}

export interface Encoded {
  text: string;
  tokens: EncodeResult;
}

/** Tokens of `text` as the model receives a rendered prompt (add_special_tokens=false: the template wrote them). */
export function useEncoded(tokenizerId: string | null, text: string | null, addSpecialTokens = false): Loadable<Encoded> {
  const client = useTokenizerClient();
  const [state, setState] = useState<{ key: string; value: Loadable<Encoded> } | null>(null);
  const key = tokenizerId != null && text != null ? `${tokenizerId}\u0000${addSpecialTokens}\u0000${text}` : null;
  useEffect(() => {
    if (tokenizerId == null || text == null || key == null) return;
    let live = true;
    client.encode({ tokenizerId, text, addSpecialTokens }).then(
      (tokens) => live && setState({ key, value: { status: 'ready', value: { text, tokens } } }),
      (e: unknown) => live && setState({ key, value: { status: 'error', value: null, error: message(e) } }),
    );
    return () => {
      live = false;
    };
  }, [client, tokenizerId, text, addSpecialTokens, key]);
  if (!key || !state || state.key !== key) return { status: 'loading', value: null };
  return state.value;
}
