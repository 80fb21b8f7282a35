import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { StatKey } from '../../core/tokens/compare';
import { parseUrlState } from '../../lib/url-state';
import { safeJsonStorage } from '../../stores/safe-storage';

export const MIN_PANES = 2;
export const MAX_PANES = 6;
export const DEFAULT_COMPARE_IDS = ['gpt2', 'llama3_1', 'qwen3'];

export type SortDirection = 'asc' | 'desc';

interface CompareState {
  /** One pane per tokenizer, in order; 2–6 distinct ids. */
  tokenizerIds: string[];
  /** Which pane the parity check compares against (a tokenizer id; falls back to the first pane). */
  parityTarget: string | null;
  parityInput: string;
  sortKey: StatKey | null;
  sortDirection: SortDirection;
  setPane: (index: number, id: string) => void;
  addPane: (id: string) => void;
  removePane: (index: number) => void;
  setTokenizerIds: (ids: string[]) => void;
  setParityTarget: (id: string) => void;
  setParityInput: (input: string) => void;
  sortBy: (key: StatKey) => void;
}

/** Distinct, non-empty, at most `MAX_PANES`. */
export function normalizeIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(Boolean))].slice(0, MAX_PANES);
}

type Persisted = Pick<CompareState, 'tokenizerIds' | 'parityTarget' | 'sortKey' | 'sortDirection'>;

export const useCompareStore = create<CompareState>()(
  persist(
    (set) => ({
      tokenizerIds: DEFAULT_COMPARE_IDS,
      parityTarget: null,
      parityInput: '',
      sortKey: null,
      sortDirection: 'asc',
      setPane: (index, id) =>
        set((s) => {
          if (s.tokenizerIds.includes(id)) return s;
          const ids = s.tokenizerIds.slice();
          const old = ids[index];
          ids[index] = id;
          return { tokenizerIds: ids, parityTarget: s.parityTarget === old ? id : s.parityTarget };
        }),
      addPane: (id) => set((s) => (s.tokenizerIds.length >= MAX_PANES || s.tokenizerIds.includes(id) ? s : { tokenizerIds: [...s.tokenizerIds, id] })),
      removePane: (index) => set((s) => (s.tokenizerIds.length <= MIN_PANES ? s : { tokenizerIds: s.tokenizerIds.filter((_, i) => i !== index) })),
      setTokenizerIds: (ids) => set({ tokenizerIds: normalizeIds(ids) }),
      setParityTarget: (parityTarget) => set({ parityTarget }),
      setParityInput: (parityInput) => set({ parityInput }),
      sortBy: (key) =>
        set((s) => (s.sortKey === key ? { sortDirection: s.sortDirection === 'asc' ? 'desc' : 'asc' } : { sortKey: key, sortDirection: 'asc' })),
    }),
    {
      name: 'tokenlab:compare',
      version: 1,
      storage: safeJsonStorage<Persisted>(),
      partialize: ({ tokenizerIds, parityTarget, sortKey, sortDirection }) => ({ tokenizerIds, parityTarget, sortKey, sortDirection }),
    },
  ),
);

/**
 * A `?tokenizers=` link wins over what was persisted (a shared link shows what its author saw). A single id
 * gets a second pane from the defaults, as a comparison needs two.
 */
export function applyCompareUrl(search: string): void {
  const { tokenizers } = parseUrlState(search);
  if (!tokenizers?.length) return;
  const ids = normalizeIds(tokenizers);
  for (const id of DEFAULT_COMPARE_IDS) if (ids.length < MIN_PANES && !ids.includes(id)) ids.push(id);
  useCompareStore.getState().setTokenizerIds(ids);
}

// Before the first render, so a shared link never starts loading the persisted tokenizers first.
if (typeof location !== 'undefined') applyCompareUrl(location.search);
