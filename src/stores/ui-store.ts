import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { View } from '../lib/url-state';
import { safeJsonStorage } from './safe-storage';

export type Theme = 'light' | 'dark';

interface UiState {
  view: View;
  theme: Theme;
  setView: (view: View) => void;
  setTheme: (theme: Theme) => void;
  toggleTheme: () => void;
}

function preferredTheme(): Theme {
  try {
    return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      view: 'tokens',
      theme: preferredTheme(),
      setView: (view) => set({ view }),
      setTheme: (theme) => set({ theme }),
      toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
    }),
    {
      name: 'tokenlab:ui',
      version: 1,
      storage: safeJsonStorage<Pick<UiState, 'view' | 'theme'>>(),
      partialize: ({ view, theme }) => ({ view, theme }),
    },
  ),
);
