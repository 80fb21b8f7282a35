import type { ManifestEntry } from '../../../lib/manifest';
import type { LoadedTokenizerEntry } from '../../../stores/loaded-tokenizers-store';

export interface TokenizerSelectProps {
  entries: ManifestEntry[];
  /** Tokenizers loaded at run time (Hub, local files, GGUF). */
  loaded?: LoadedTokenizerEntry[];
  /** Hub ids not loaded yet: recent ones, then suggestions. Selecting one loads it (needs the network). */
  hub?: Array<{ id: string; recent: boolean }>;
  value: string;
  onChange: (id: string) => void;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
}

function label(entry: ManifestEntry): string {
  const vocab = entry.vocabSize ? ` · ${new Intl.NumberFormat('en-US').format(entry.vocabSize)}` : '';
  return `${entry.name}${entry.modelType ? ` (${entry.modelType}${vocab})` : ''}`;
}

/** Option values are exactly the manifest ids (the e2e contract). */
const KIND_LABEL = { hub: 'Hub', local: 'local files', gguf: 'GGUF' } as const;

export function TokenizerSelect({ entries, loaded = [], hub = [], value, onChange, status, error }: TokenizerSelectProps) {
  const families = new Map<string, ManifestEntry[]>();
  for (const entry of entries) {
    const family = entry.family || 'Other';
    families.set(family, [...(families.get(family) ?? []), entry]);
  }
  const grouped = families.size > 1 || loaded.length > 0 || hub.length > 0;
  const known = entries.some((e) => e.id === value) || loaded.some((e) => e.id === value) || hub.some((h) => h.id === value);
  const recent = hub.filter((h) => h.recent);
  const suggested = hub.filter((h) => !h.recent);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="tokenizer-select" className="text-sm font-semibold text-slate-800 dark:text-slate-200">
        Tokenizer
      </label>
      <select
        id="tokenizer-select"
        data-testid="tokenizer-select"
        value={known ? value : ''}
        onChange={(e) => onChange(e.target.value)}
        disabled={entries.length === 0}
        aria-describedby={error ? 'tokenizer-select-error' : undefined}
        className="min-w-72 rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900 dark:text-white dark:focus-visible:outline-indigo-300"
      >
        {entries.length === 0 && <option value="">{status === 'error' ? 'No tokenizers available' : 'Loading tokenizers…'}</option>}
        {grouped
          ? [...families].map(([family, list]) => (
              <optgroup key={family} label={family}>
                {list.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {label(entry)}
                  </option>
                ))}
              </optgroup>
            ))
          : entries.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {label(entry)}
              </option>
            ))}
        {loaded.length > 0 && (
          <optgroup label="Loaded">
            {loaded.map((e) => (
              <option key={e.id} value={e.id}>
                {`${e.label} (${KIND_LABEL[e.kind]}, ${e.modelType} · ${new Intl.NumberFormat('en-US').format(e.vocabSize)})`}
              </option>
            ))}
          </optgroup>
        )}
        {recent.length > 0 && (
          <optgroup label="Hub: recently loaded (needs network)">
            {recent.map((h) => (
              <option key={h.id} value={h.id}>{`${h.id} (needs network)`}</option>
            ))}
          </optgroup>
        )}
        {suggested.length > 0 && (
          <optgroup label="Hub: suggested (needs network)">
            {suggested.map((h) => (
              <option key={h.id} value={h.id}>{`${h.id} (needs network)`}</option>
            ))}
          </optgroup>
        )}
      </select>
      {error && (
        <p id="tokenizer-select-error" role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
