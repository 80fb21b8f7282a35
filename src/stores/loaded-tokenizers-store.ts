import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { TokenizerInfo } from '../worker/protocol';
import { safeJsonStorage } from './safe-storage';

/**
 * Tokenizers loaded at run time (Hub, local files, GGUF), for every view that takes a tokenizer: their ids work
 * with `TokenizerClient.load/encode` like bundled ids. Recent Hub ids are remembered across visits.
 */
export interface LoadedTokenizerEntry {
  id: string;
  label: string;
  kind: 'hub' | 'local' | 'gguf';
  modelType: string;
  vocabSize: number;
}

/** Shown in the picker before anything was loaded; all need the network. */
export const SUGGESTED_HUB_MODELS = [
  'HuggingFaceTB/SmolLM2-135M-Instruct',
  'Qwen/Qwen2.5-0.5B-Instruct',
  'meta-llama/Llama-3.2-1B-Instruct',
  'mistralai/Mistral-7B-Instruct-v0.3',
  'microsoft/Phi-3-mini-4k-instruct',
  'google/gemma-2-2b-it',
] as const;

const MAX_RECENT = 8;

interface LoadedTokenizersState {
  entries: LoadedTokenizerEntry[];
  recentHub: string[];
  add: (info: TokenizerInfo) => void;
  remove: (id: string) => void;
}

export const useLoadedTokenizersStore = create<LoadedTokenizersState>()(
  persist(
    (set) => ({
      entries: [],
      recentHub: [],
      add: (info) =>
        set((s) => {
          if (info.origin.kind === 'bundled') return s;
          const entry: LoadedTokenizerEntry = { id: info.id, label: info.origin.label, kind: info.origin.kind, modelType: info.modelType, vocabSize: info.vocabSize };
          return {
            entries: [...s.entries.filter((e) => e.id !== info.id), entry],
            recentHub: info.origin.kind === 'hub' ? [info.id, ...s.recentHub.filter((r) => r !== info.id)].slice(0, MAX_RECENT) : s.recentHub,
          };
        }),
      remove: (id) => set((s) => ({ entries: s.entries.filter((e) => e.id !== id) })),
    }),
    {
      name: 'tokenlab:loaded',
      version: 1,
      storage: safeJsonStorage<Pick<LoadedTokenizersState, 'recentHub'>>(),
      partialize: ({ recentHub }) => ({ recentHub }),
    },
  ),
);
