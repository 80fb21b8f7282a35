import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { applyTheme } from './app/theme';
import { applyUrlState } from './app/use-url-sync';
import { createBrowserTokenizerClient } from './lib/worker-client';
import { hubSettingsSnapshot } from './stores/hub-settings-store';
import { useTokenizerClientStore } from './stores/tokenizer-client-store';
import { useUiStore } from './stores/ui-store';
import './index.css';

// Persisted state rehydrated synchronously when the stores were created; the URL overrides it now, before first paint.
applyUrlState(location.search);
applyTheme(useUiStore.getState().theme);
useTokenizerClientStore.getState().setClient(createBrowserTokenizerClient(hubSettingsSnapshot));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
