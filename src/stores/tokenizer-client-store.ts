import { create } from 'zustand';
import type { TokenizerClient } from '../lib/worker-client';

/**
 * Where features find the tokenizer client. `main.tsx` installs the worker-backed one; component tests
 * install an in-memory fake, so no test ever starts a worker or fetches.
 */
interface ClientState {
  client: TokenizerClient | null;
  setClient: (client: TokenizerClient | null) => void;
}

export const useTokenizerClientStore = create<ClientState>()((set) => ({
  client: null,
  setClient: (client) => set({ client }),
}));

export function useTokenizerClient(): TokenizerClient {
  const client = useTokenizerClientStore((s) => s.client);
  if (!client) throw new Error('No tokenizer client installed (main.tsx sets one; tests set a fake)');
  return client;
}
