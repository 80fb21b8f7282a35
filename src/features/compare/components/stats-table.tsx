import { BETTER, bestIndices, sortRows, type CompareStats, type StatKey } from '../../../core/tokens/compare';
import type { PaneResult } from '../hooks/use-compare-tokenizations';
import type { SortDirection } from '../store';

const nf = new Intl.NumberFormat('en-US');
const fixed2 = (v: number) => v.toFixed(2);
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

interface Column {
  key: StatKey;
  label: string;
  /** Shown as the header's tooltip and read by screen readers. */
  description: string;
  format: (value: number) => string;
}

export const COLUMNS: readonly Column[] = [
  { key: 'tokens', label: 'Tokens', description: 'Number of tokens, including any special tokens the post-processor adds. Fewer is better.', format: (v) => nf.format(v) },
  { key: 'charsPerToken', label: 'Chars / token', description: 'Unicode characters (code points) of the text per token. Higher is better.', format: fixed2 },
  { key: 'bytesPerToken', label: 'Bytes / token', description: 'UTF-8 bytes of the text per token. Higher is better.', format: fixed2 },
  {
    key: 'wordsPerToken',
    label: 'Words / token',
    description:
      'Words per token. A word is a Unicode word segment that contains letters or digits (Intl.Segmenter, granularity "word", isWordLike): spaces, punctuation and emoji are not words; Chinese and Japanese are split by dictionary. Higher is better.',
    format: fixed2,
  },
  {
    key: 'tokensPerWord',
    label: 'Fertility',
    description: 'Fertility: tokens per word (the inverse of words per token), with words as in the Words / token column. Lower is better; 1.0 means one token per word.',
    format: fixed2,
  },
  { key: 'vocabSize', label: 'Vocabulary', description: 'Vocabulary size, including added tokens. No best value: a larger vocabulary means shorter sequences but a bigger embedding table.', format: (v) => nf.format(v) },
  {
    key: 'multiCharShare',
    label: 'Multi-char coverage',
    description: 'Share of the text’s characters that lie inside tokens longer than one character. Byte tokens of one emoji count as one character. Higher is better.',
    format: percent,
  },
];

export interface StatsTableProps {
  results: PaneResult[];
  stats: Array<CompareStats | null>;
  names: string[];
  sortKey: StatKey | null;
  sortDirection: SortDirection;
  onSort: (key: StatKey) => void;
}

/** One row per pane; click a header to sort. Best values carry a ★ and the word "best" for screen readers. */
export function StatsTable({ results, stats, names, sortKey, sortDirection, onSort }: StatsTableProps) {
  const best = new Map(COLUMNS.map((c) => [c.key, new Set(bestIndices(stats.map((s) => s?.[c.key] ?? null), BETTER[c.key]))]));
  const order = sortRows(stats, sortKey, sortDirection);
  return (
    <section aria-labelledby="compare-stats-title" className="flex flex-col gap-2">
      <h3 id="compare-stats-title" className="text-lg font-semibold text-slate-950 dark:text-white">
        Summary
      </h3>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
        <table data-testid="compare-stats" className="w-full border-collapse text-left text-base">
          <thead className="bg-slate-100 dark:bg-slate-800">
            <tr>
              <th scope="col" className="px-4 py-2 text-sm font-semibold text-slate-800 dark:text-slate-200">
                Tokenizer
              </th>
              {COLUMNS.map((c) => {
                const sorted = sortKey === c.key;
                return (
                  <th key={c.key} scope="col" aria-sort={sorted ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'} className="px-2 py-1 text-right">
                    <button
                      type="button"
                      onClick={() => onSort(c.key)}
                      title={c.description}
                      aria-describedby={`compare-col-${c.key}`}
                      className="inline-flex items-center gap-1 rounded px-2 py-1 text-sm font-semibold text-slate-800 underline decoration-dotted underline-offset-4 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-200 dark:hover:bg-slate-700 dark:focus-visible:outline-indigo-300"
                    >
                      {c.label}
                      <span aria-hidden="true" className="w-3 text-xs">
                        {sorted ? (sortDirection === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {order.map((i) => {
              const s = stats[i] ?? null;
              const r = results[i]!;
              return (
                <tr key={r.tokenizerId} data-tokenizer={r.tokenizerId} data-tokens={s ? String(s.tokens) : undefined} data-status={r.status} className="border-t border-slate-200 dark:border-slate-700">
                  <th scope="row" className="px-4 py-2 font-semibold text-slate-950 dark:text-white">
                    {names[i]}
                    {names[i] !== r.tokenizerId && <span className="ml-2 font-mono text-sm font-normal text-slate-600 dark:text-slate-400">{r.tokenizerId}</span>}
                  </th>
                  {COLUMNS.map((c) => {
                    const v = s?.[c.key] ?? null;
                    const isBest = best.get(c.key)!.has(i);
                    return (
                      <td
                        key={c.key}
                        className={`px-4 py-2 text-right tabular-nums ${isBest ? 'bg-emerald-100 font-bold text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100' : 'text-slate-900 dark:text-slate-100'}`}
                      >
                        {isBest && <span aria-hidden="true" className="mr-1 text-emerald-700 dark:text-emerald-300">★</span>}
                        {v == null ? (r.status === 'error' ? 'error' : '…') : c.format(v)}
                        {isBest && <span className="sr-only"> (best)</span>}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {/* Referenced by the headers' aria-describedby; kept out of the table so header names stay short. */}
      <div hidden>
        {COLUMNS.map((c) => (
          <span key={c.key} id={`compare-col-${c.key}`}>
            {c.description}
          </span>
        ))}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <span aria-hidden="true" className="text-emerald-700 dark:text-emerald-300">★</span> best in its column. Words are Unicode word segments with letters or digits (Intl.Segmenter
        isWordLike); hover a header for its definition.
      </p>
    </section>
  );
}
