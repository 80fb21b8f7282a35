import { memo } from 'react';
import type { PipelineTrace } from '../../../../worker/protocol';
import { useTokenizerClient } from '../../../../stores/tokenizer-client-store';
import { useDebouncedRequest } from './use-debounced-request';

// A trace is for reading, not for 1 MB: a few thousand characters, drawn as at most MAX_CHIPS chips per stage, keep
// its render well under a frame budget's long-task limit (issue "Performance: 1 MB texts, fast start").
const MAX_TRACE_TEXT = 4_000;
const MAX_CHIPS = 600;

const chip = 'inline-block rounded border px-1 py-0.5 font-mono text-xs whitespace-pre';

const visible = (s: string) => s.replace(/ /g, '·').replace(/\n/g, '↵').replace(/\t/g, '→');

/** Normalized text (changes marked), pre-tokenizer words, model tokens: the pipeline stopped after each stage. */
export function TraceView({ tokenizerId, text }: { tokenizerId: string; text: string }) {
  const client = useTokenizerClient();
  const clipped = text.slice(0, MAX_TRACE_TEXT);
  const state = useDebouncedRequest(`${tokenizerId}\u0000${clipped}`, () => client.trace({ tokenizerId, text: clipped }), 200);
  if (state.status === 'error') return <p role="alert" className="text-sm text-red-800 dark:text-red-300">{state.message}</p>;
  if (state.status !== 'ready') return <p className="text-sm text-slate-700 dark:text-slate-300">Tracing…</p>;
  return <TraceResult trace={state.value} text={clipped} clipped={text.length > MAX_TRACE_TEXT} />;
}

/** Memoised: typing elsewhere in a long text re-renders the page, not these hundreds of chips. */
const TraceResult = memo(function TraceResult({ trace, text, clipped }: { trace: PipelineTrace; text: string; clipped: boolean }) {
  const { normalized, words, tokens } = trace;
  const changes = normalized.filter((s) => s.changed).length;
  return (
    <div className="flex flex-col gap-4 text-sm">
      {clipped && <p className="text-slate-700 dark:text-slate-300">Showing the first {MAX_TRACE_TEXT.toLocaleString('en-US')} characters.</p>}
      <div>
        <h3 className="font-semibold text-slate-900 dark:text-slate-100">1. Normalized text <span className="font-normal text-slate-700 dark:text-slate-300">({changes === 0 ? 'unchanged' : `${changes} change${changes === 1 ? '' : 's'} marked`})</span></h3>
        <p data-testid="trace-normalized" className="mt-1 font-mono text-sm break-all whitespace-pre-wrap text-slate-950 dark:text-slate-100">
          {normalized.map((s, i) =>
            s.changed ? (
              <mark key={i} title={`was ${JSON.stringify(text.slice(s.start, s.end))}`} className="rounded bg-amber-200 text-slate-950 dark:bg-amber-700 dark:text-white">
                {s.text === '' ? '⌫' : visible(s.text)}
              </mark>
            ) : (
              <span key={i} className={s.added ? 'font-semibold text-indigo-800 dark:text-indigo-300' : undefined}>{s.text}</span>
            ),
          )}
        </p>
      </div>
      <div>
        <h3 className="font-semibold text-slate-900 dark:text-slate-100">2. Pre-tokenizer words <span className="font-normal text-slate-700 dark:text-slate-300">({words.length})</span></h3>
        <ol data-testid="trace-words" className="mt-1 flex flex-wrap gap-1">
          {words.slice(0, MAX_CHIPS).map((w, i) => (
            <li key={i} className={`${chip} ${w.added ? 'border-indigo-400 bg-indigo-50 dark:bg-indigo-950' : 'border-slate-300 bg-slate-50 dark:border-slate-600 dark:bg-slate-800'} text-slate-950 dark:text-slate-100`}>
              {visible(w.text)}
            </li>
          ))}
        </ol>
      </div>
      <div>
        <h3 className="font-semibold text-slate-900 dark:text-slate-100">3. Model tokens <span className="font-normal text-slate-700 dark:text-slate-300">({tokens.length}, before the post-processor)</span></h3>
        <ol data-testid="trace-tokens" className="mt-1 flex flex-wrap gap-1">
          {tokens.slice(0, MAX_CHIPS).map((t, i) => (
            <li key={i} title={`id ${t.id}`} className={`${chip} border-slate-300 bg-white text-slate-950 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 ${i > 0 && tokens[i - 1]!.word !== t.word ? 'ml-2' : ''}`}>
              {t.token} <span className="text-slate-600 dark:text-slate-400">{t.id}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
});
