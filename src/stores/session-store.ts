import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { LARGE_VALUE, MAX_PERSISTED_TEXT, safeJsonStorage } from './safe-storage';

/** What the user is working on, shared by every view: the chosen tokenizer, the text, `add_special_tokens`. */
export const DEFAULT_TOKENIZER_ID = 'gpt2';
export const DEFAULT_TEXT = 'Hello world! Tokenizers split text into pieces: "unbelievable", 3.14159, 🙂 and 你好.';

interface SessionState {
  tokenizerId: string;
  text: string;
  addSpecialTokens: boolean;
  setTokenizerId: (tokenizerId: string) => void;
  setText: (text: string) => void;
  setAddSpecialTokens: (addSpecialTokens: boolean) => void;
}

type Persisted = Pick<SessionState, 'tokenizerId' | 'text' | 'addSpecialTokens'>;

export function isTextTooLargeToPersist(text: string): boolean {
  return text.length > MAX_PERSISTED_TEXT;
}

export const useSessionStore = create<SessionState>()(
  persist(
    (set) => ({
      tokenizerId: DEFAULT_TOKENIZER_ID,
      text: DEFAULT_TEXT,
      addSpecialTokens: true,
      setTokenizerId: (tokenizerId) => set({ tokenizerId }),
      setText: (text) => set({ text }),
      setAddSpecialTokens: (addSpecialTokens) => set({ addSpecialTokens }),
    }),
    {
      name: 'tokenlab:session',
      version: 1,
      storage: safeJsonStorage<Persisted>({ isLarge: (s) => s.text.length >= LARGE_VALUE / 2 }),
      // A text over the limit would blow the localStorage quota; the UI says it will not survive a reload.
      partialize: ({ tokenizerId, text, addSpecialTokens }) => ({
        tokenizerId,
        text: isTextTooLargeToPersist(text) ? '' : text,
        addSpecialTokens,
      }),
    },
  ),
);
