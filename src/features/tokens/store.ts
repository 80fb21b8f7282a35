import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { safeJsonStorage } from '../../stores/safe-storage';

export type SubView = 'text' | 'ids' | 'raw';

interface TokenViewState {
  subView: SubView;
  showWhitespace: boolean;
  setSubView: (subView: SubView) => void;
  setShowWhitespace: (showWhitespace: boolean) => void;
}

export const useTokenViewStore = create<TokenViewState>()(
  persist(
    (set) => ({
      subView: 'text',
      showWhitespace: false,
      setSubView: (subView) => set({ subView }),
      setShowWhitespace: (showWhitespace) => set({ showWhitespace }),
    }),
    {
      name: 'tokenlab:token-view',
      version: 1,
      storage: safeJsonStorage<Pick<TokenViewState, 'subView' | 'showWhitespace'>>(),
      partialize: ({ subView, showWhitespace }) => ({ subView, showWhitespace }),
    },
  ),
);
