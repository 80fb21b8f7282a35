import { useId, useState, type FormEvent } from 'react';
import { DEFAULT_HUB_ENDPOINT } from '../../../lib/worker-client';
import { effectiveEndpoint, isValidEndpoint, useHubSettingsStore } from '../../../stores/hub-settings-store';

const field =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900 dark:text-white dark:focus-visible:outline-indigo-300';
const button =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800';

/** The Hub endpoint (like HF_ENDPOINT) and an access token for gated repos, kept for this tab only. */
export function HubSettings() {
  const id = useId();
  const endpoint = useHubSettingsStore((s) => effectiveEndpoint(s));
  const override = useHubSettingsStore((s) => s.endpointOverride);
  const hasToken = useHubSettingsStore((s) => s.token !== null);
  const { setEndpoint, setToken, clearToken } = useHubSettingsStore.getState();
  const [draft, setDraft] = useState(endpoint);
  const [token, setTokenDraft] = useState('');
  const valid = isValidEndpoint(draft);

  const saveEndpoint = (e: FormEvent) => {
    e.preventDefault();
    if (valid) setEndpoint(draft);
  };
  const saveToken = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) setToken(token);
    setTokenDraft('');
  };

  return (
    <details className="group rounded-md border border-slate-200 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900">
      <summary className="cursor-pointer text-sm font-medium text-slate-800 dark:text-slate-200">
        Hub settings <span className="font-normal text-slate-600 dark:text-slate-400">({new URL(endpoint).host}{hasToken ? ', token set' : ''})</span>
      </summary>
      <div className="mt-3 flex flex-col gap-3">
        <form onSubmit={saveEndpoint} className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-endpoint`} className="text-sm font-medium text-slate-800 dark:text-slate-200">
              Hub endpoint
            </label>
            <input id={`${id}-endpoint`} type="url" value={draft} onChange={(e) => setDraft(e.target.value)} aria-invalid={!valid} className={`${field} w-80`} />
          </div>
          <button type="submit" disabled={!valid} className={button}>
            Save
          </button>
          <button type="button" onClick={() => { setDraft(DEFAULT_HUB_ENDPOINT); setEndpoint(DEFAULT_HUB_ENDPOINT); }} className={button}>
            Reset
          </button>
        </form>
        {override && <p className="text-sm text-slate-700 dark:text-slate-300">This page uses {override}, from the link (?hub=).</p>}
        <form onSubmit={saveToken} className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-token`} className="text-sm font-medium text-slate-800 dark:text-slate-200">
              Access token (gated or private repos)
            </label>
            <input id={`${id}-token`} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setTokenDraft(e.target.value)} placeholder={hasToken ? 'A token is set' : 'hf_…'} className={`${field} w-80 font-mono`} />
          </div>
          <button type="submit" className={button}>
            Use token
          </button>
          {hasToken && (
            <button type="button" onClick={clearToken} className={button}>
              Forget token
            </button>
          )}
        </form>
        <p className="text-xs text-slate-600 dark:text-slate-400">The token stays in this tab's session storage and is sent only to {new URL(endpoint).host}.</p>
      </div>
    </details>
  );
}
