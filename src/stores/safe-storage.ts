import { createJSONStorage, type StateStorage } from 'zustand/middleware';
import { create } from 'zustand';

/**
 * localStorage that never throws into the app: a quota error on a huge text is recorded (and shown),
 * typing goes on. Large values are written after a short pause and on page hide, so a 1 MB text
 * is not re-serialised on every keystroke.
 */

/** Texts longer than this (UTF-16 units, ~2 MB) are not persisted at all. */
export const MAX_PERSISTED_TEXT = 2_000_000;
const LARGE_VALUE = 64 * 1024;
const LARGE_WRITE_DELAY_MS = 400;

interface PersistStatus {
  /** Last storage failure, shown in the UI; cleared by the next successful write. */
  error: string | null;
  setError: (error: string | null) => void;
}

export const usePersistStatus = create<PersistStatus>()((set) => ({
  error: null,
  setError: (error) => set({ error }),
}));

function backend(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be disabled (privacy mode, sandboxed iframe): the app works, it just forgets.
    return null;
  }
}

const pending = new Map<string, string>();
let timer: ReturnType<typeof setTimeout> | null = null;

function write(name: string, value: string): void {
  const storage = backend();
  if (!storage) return;
  try {
    storage.setItem(name, value);
    if (usePersistStatus.getState().error) usePersistStatus.getState().setError(null);
  } catch (error) {
    const reason = error instanceof Error && error.name === 'QuotaExceededError' ? 'the browser storage is full' : 'the browser refused to store it';
    usePersistStatus.getState().setError(`Your work could not be saved for the next visit: ${reason}.`);
  }
}

export function flushPendingWrites(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  for (const [name, value] of pending) write(name, value);
  pending.clear();
}

if (typeof addEventListener === 'function') {
  addEventListener('pagehide', flushPendingWrites);
  addEventListener('visibilitychange', () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') flushPendingWrites();
  });
}

export const safeStateStorage: StateStorage = {
  getItem(name) {
    if (pending.has(name)) return pending.get(name)!;
    try {
      return backend()?.getItem(name) ?? null;
    } catch {
      return null;
    }
  },
  setItem(name, value) {
    if (value.length < LARGE_VALUE && !pending.size) {
      write(name, value);
      return;
    }
    pending.set(name, value);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flushPendingWrites, LARGE_WRITE_DELAY_MS);
  },
  removeItem(name) {
    pending.delete(name);
    try {
      backend()?.removeItem(name);
    } catch {
      // Nothing to do: the value simply stays.
    }
  },
};

export function safeJsonStorage<S>() {
  return createJSONStorage<S>(() => safeStateStorage);
}
