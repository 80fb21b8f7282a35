import { create } from 'zustand';
import type { ManifestEntry } from '../lib/manifest';
import type { TokenizerClient } from '../lib/worker-client';

/** The bundled tokenizers from `manifest.json`, fetched once per page. */
interface CatalogState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  entries: ManifestEntry[];
  error: string | null;
  load: (client: TokenizerClient) => Promise<void>;
}

export const useCatalogStore = create<CatalogState>()((set, get) => ({
  status: 'idle',
  entries: [],
  error: null,
  load: async (client) => {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading', error: null });
    try {
      const manifest = await client.listTokenizers();
      set({ status: 'ready', entries: manifest.tokenizers });
    } catch (error) {
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
