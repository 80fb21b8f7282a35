import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { DEFAULT_HUB_ENDPOINT, type HubSettings } from '../lib/worker-client';
import { safeJsonStorage } from './safe-storage';

/**
 * Where Hub tokenizers come from (like HF_ENDPOINT) and the user's access token.
 * The endpoint is persisted; `?hub=<url>` overrides it for this page only. The token lives in sessionStorage only
 * (never localStorage, the URL or logs) and is bound to the endpoint origin it was entered for, so a link with
 * another `?hub=` cannot make the app send it elsewhere.
 */
const TOKEN_KEY = 'tokenlab:hub-token';

interface StoredToken {
  token: string;
  origin: string;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

export function isValidEndpoint(url: string): boolean {
  return originOf(url) !== null;
}

function readToken(): StoredToken | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<StoredToken>) : null;
    return parsed && typeof parsed.token === 'string' && typeof parsed.origin === 'string' ? { token: parsed.token, origin: parsed.origin } : null;
  } catch {
    return null;
  }
}

function writeToken(value: StoredToken | null): void {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Without sessionStorage the token lasts until the page closes, which is what the user asked for anyway.
  }
}

interface HubSettingsState {
  endpoint: string;
  /** From `?hub=`: wins over `endpoint`, never persisted. */
  endpointOverride: string | null;
  token: StoredToken | null;
  setEndpoint: (endpoint: string) => void;
  setEndpointOverride: (endpoint: string | null) => void;
  /** Binds the token to the endpoint in use now. */
  setToken: (token: string) => void;
  clearToken: () => void;
}

export const useHubSettingsStore = create<HubSettingsState>()(
  persist(
    (set, get) => ({
      endpoint: DEFAULT_HUB_ENDPOINT,
      endpointOverride: null,
      token: readToken(),
      setEndpoint: (endpoint) => set({ endpoint: endpoint.trim().replace(/\/+$/, '') || DEFAULT_HUB_ENDPOINT, endpointOverride: null }),
      setEndpointOverride: (endpointOverride) => set({ endpointOverride: endpointOverride && isValidEndpoint(endpointOverride) ? endpointOverride.replace(/\/+$/, '') : null }),
      setToken: (raw) => {
        const token = raw.trim();
        const origin = originOf(effectiveEndpoint(get()));
        const value = token && origin ? { token, origin } : null;
        writeToken(value);
        set({ token: value });
      },
      clearToken: () => {
        writeToken(null);
        set({ token: null });
      },
    }),
    {
      name: 'tokenlab:hub',
      version: 1,
      storage: safeJsonStorage<Pick<HubSettingsState, 'endpoint'>>(),
      // Only the endpoint: the token must never reach localStorage.
      partialize: ({ endpoint }) => ({ endpoint }),
    },
  ),
);

export function effectiveEndpoint(s: Pick<HubSettingsState, 'endpoint' | 'endpointOverride'>): string {
  return s.endpointOverride ?? s.endpoint;
}

/** What the tokenizer client sends with a Hub load. */
export function hubSettingsSnapshot(): HubSettings {
  const s = useHubSettingsStore.getState();
  const endpoint = effectiveEndpoint(s);
  return { endpoint, accessToken: s.token && s.token.origin === originOf(endpoint) ? s.token.token : null };
}
