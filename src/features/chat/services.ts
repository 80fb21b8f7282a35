/**
 * Where the chat studio finds its renderer and template loader. The page installs the worker-backed ones on
 * first use; component tests install fakes, so no test starts a worker or fetches.
 */
import { create } from 'zustand';
import { createBrowserChatRenderer, loadChatSource, type ChatRenderer, type ChatSource } from '../../lib/chat-client';
import { appBaseUrl, type TokenizerClient } from '../../lib/worker-client';
import type { ManifestEntry } from '../../lib/manifest';

export type SourceLoader = (tokenizerId: string, client: TokenizerClient, entries: readonly ManifestEntry[]) => Promise<ChatSource>;

interface ChatServices {
  renderer: ChatRenderer | null;
  loadSource: SourceLoader | null;
  install: (services: { renderer: ChatRenderer; loadSource: SourceLoader }) => void;
}

export const useChatServices = create<ChatServices>()((set) => ({
  renderer: null,
  loadSource: null,
  install: (services) => set(services),
}));

const cache = new Map<string, Promise<ChatSource>>();

/** One load per tokenizer id per page: templates do not change while the page is open. */
const browserLoadSource: SourceLoader = (tokenizerId, client, entries) => {
  const entry = entries.find((e) => e.id === tokenizerId);
  const key = `${tokenizerId}|${entry ? 'bundled' : 'loaded'}`;
  let p = cache.get(key);
  if (!p) {
    p = loadChatSource(tokenizerId, client, entry ? { files: entry.files.map((f) => f.name) } : null, appBaseUrl());
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
};

export function ensureChatServices(): { renderer: ChatRenderer; loadSource: SourceLoader } {
  const s = useChatServices.getState();
  if (s.renderer && s.loadSource) return { renderer: s.renderer, loadSource: s.loadSource };
  const services = { renderer: s.renderer ?? createBrowserChatRenderer(), loadSource: s.loadSource ?? browserLoadSource };
  s.install(services);
  return services;
}
