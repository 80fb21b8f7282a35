import type { ManifestEntry } from '../../../lib/manifest';

export interface TokenizerSelectProps {
  entries: ManifestEntry[];
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
export function TokenizerSelect({ entries, value, onChange, status, error }: TokenizerSelectProps) {
  const families = new Map<string, ManifestEntry[]>();
  for (const entry of entries) {
    const family = entry.family || 'Other';
    families.set(family, [...(families.get(family) ?? []), entry]);
  }
  const grouped = families.size > 1;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="tokenizer-select" className="text-sm font-semibold text-slate-800 dark:text-slate-200">
        Tokenizer
      </label>
      <select
        id="tokenizer-select"
        data-testid="tokenizer-select"
        value={entries.some((e) => e.id === value) ? value : ''}
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
      </select>
      {error && (
        <p id="tokenizer-select-error" role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
