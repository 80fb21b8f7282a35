import type { PersistStorage, StateStorage, StorageValue } from 'zustand/middleware';
import { create } from 'zustand';

/**
 * localStorage that never throws into the app: a quota error on a huge text is recorded (and shown),
 * typing goes on. Large values are written after a short pause and on page hide, so a 1 MB text
 * is not re-serialised on every keystroke.
 */

/** Texts longer than this (UTF-16 units, ~2 MB) are not persisted at all. */
export const MAX_PERSISTED_TEXT = 2_000_000;
export const LARGE_VALUE = 64 * 1024;
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

/** Values waiting to be written; a function is a large value not serialised yet (that happens when it is written). */
const pending = new Map<string, string | (() => string)>();
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
  const entries = [...pending];
  pending.clear();
  for (const [name, value] of entries) write(name, typeof value === 'function' ? value() : value);
}

/** Writes what is pending once the page is idle (a 1 MB value costs a few ms to serialise and store). */
function scheduleFlush(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => flushPendingWrites(), { timeout: 2000 });
    else flushPendingWrites();
  }, LARGE_WRITE_DELAY_MS);
}

function pendingValue(name: string): string | undefined {
  const value = pending.get(name);
  return typeof value === 'function' ? value() : value;
}

if (typeof addEventListener === 'function') {
  addEventListener('pagehide', flushPendingWrites);
  addEventListener('visibilitychange', () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') flushPendingWrites();
  });
}

export const safeStateStorage: StateStorage = {
  getItem(name) {
    if (pending.has(name)) return pendingValue(name)!;
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
    scheduleFlush();
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

export interface SafeJsonStorageOptions<S> {
  /**
   * States for which this is true are not serialised on every change but when they are written (after a pause, or on
   * page hide): JSON.stringify of a 1 MB text on each keystroke was ~10 ms of main-thread time per key.
   */
  isLarge?: (state: S) => boolean;
}

/** JSON over `safeStateStorage`, like zustand's `createJSONStorage`, with lazy serialisation for large states. */
export function safeJsonStorage<S>({ isLarge }: SafeJsonStorageOptions<S> = {}): PersistStorage<S> {
  return {
    getItem(name) {
      const raw = safeStateStorage.getItem(name) as string | null;
      return raw === null ? null : (JSON.parse(raw) as StorageValue<S>);
    },
    setItem(name, value) {
      if (isLarge?.(value.state)) {
        pending.set(name, () => JSON.stringify(value));
        scheduleFlush();
      } else safeStateStorage.setItem(name, JSON.stringify(value));
    },
    removeItem(name) {
      safeStateStorage.removeItem(name);
    },
  };
}
