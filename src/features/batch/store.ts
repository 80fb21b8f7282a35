import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { safeJsonStorage } from '../../stores/safe-storage';
import type { BatchPaddingMode, BatchScalingRequest, BatchSide } from '../../worker/protocol';
import { DEFAULT_BATCH_TEXT } from './lines';

export type CellLabel = 'text' | 'id';

/** An override that belongs to one tokenizer: switching tokenizers goes back to that tokenizer's own default. */
export interface PerTokenizer<T> {
  tokenizerId: string;
  value: T;
}

export interface ScalingSettings {
  distribution: BatchScalingRequest['distribution'];
  mean: number;
  batchSize: number;
}

interface BatchLabState {
  text: string;
  padding: BatchPaddingMode;
  /** null: unset (Python's `max_length=None`). */
  maxLength: number | null;
  truncation: boolean;
  truncationSide: BatchSide;
  padToMultipleOf: number | null;
  paddingSide: PerTokenizer<BatchSide> | null;
  padTokenId: PerTokenizer<number> | null;
  cellLabel: CellLabel;
  /** null: auto (the longest sequence, rounded up to a multiple of 8). */
  packLength: number | null;
  scaling: ScalingSettings;
  setText: (text: string) => void;
  setPadding: (padding: BatchPaddingMode) => void;
  setMaxLength: (maxLength: number | null) => void;
  setTruncation: (truncation: boolean) => void;
  setTruncationSide: (side: BatchSide) => void;
  setPadToMultipleOf: (multiple: number | null) => void;
  setPaddingSide: (tokenizerId: string, side: BatchSide) => void;
  setPadTokenId: (tokenizerId: string, id: number | null) => void;
  setCellLabel: (label: CellLabel) => void;
  setPackLength: (length: number | null) => void;
  setScaling: (scaling: Partial<ScalingSettings>) => void;
}

/**
 * Only the batch text and the cell label persist: the issue wants the lab to open on Python's defaults
 * (padding longest, no multiple, no truncation, the tokenizer's own side) every time.
 */
export const useBatchLabStore = create<BatchLabState>()(
  persist(
    (set) => ({
      text: DEFAULT_BATCH_TEXT,
      padding: 'longest',
      maxLength: null,
      truncation: false,
      truncationSide: 'right',
      padToMultipleOf: null,
      paddingSide: null,
      padTokenId: null,
      cellLabel: 'text',
      packLength: null,
      scaling: { distribution: 'lognormal', mean: 64, batchSize: 32 },
      setText: (text) => set({ text }),
      setPadding: (padding) => set({ padding }),
      setMaxLength: (maxLength) => set({ maxLength }),
      setTruncation: (truncation) => set({ truncation }),
      setTruncationSide: (truncationSide) => set({ truncationSide }),
      setPadToMultipleOf: (padToMultipleOf) => set({ padToMultipleOf }),
      setPaddingSide: (tokenizerId, value) => set({ paddingSide: { tokenizerId, value } }),
      setPadTokenId: (tokenizerId, id) => set({ padTokenId: id === null ? null : { tokenizerId, value: id } }),
      setCellLabel: (cellLabel) => set({ cellLabel }),
      setPackLength: (packLength) => set({ packLength }),
      setScaling: (scaling) => set((s) => ({ scaling: { ...s.scaling, ...scaling } })),
    }),
    {
      name: 'tokenlab:batch',
      version: 1,
      storage: safeJsonStorage<Pick<BatchLabState, 'text' | 'cellLabel'>>(),
      partialize: ({ text, cellLabel }) => ({ text, cellLabel }),
    },
  ),
);

/** The override for `tokenizerId`, if the one stored belongs to it. */
export function forTokenizer<T>(override: PerTokenizer<T> | null, tokenizerId: string): T | null {
  return override && override.tokenizerId === tokenizerId ? override.value : null;
}
