import { useId, useState } from 'react';
import { parseIdList } from '../../../../core/tokens/decode';
import { useTokenizerClient } from '../../../../stores/tokenizer-client-store';
import { useDebouncedRequest } from './use-debounced-request';

/** Paste ids (`[9906, 4435]` or `9906 4435`): the decoded text, with and without special tokens, and each token. */
export function DecodeView({ tokenizerId }: { tokenizerId: string }) {
  const id = useId();
  const client = useTokenizerClient();
  const [input, setInput] = useState('');
  const ids = parseIdList(input);
  const key = ids && ids.length ? `${tokenizerId}\u0000${ids.join(',')}` : null;
  const state = useDebouncedRequest(key, async () => {
    const [all, skipped] = await Promise.all([
      client.decode({ tokenizerId, ids: ids!, skipSpecialTokens: false }),
      client.decode({ tokenizerId, ids: ids!, skipSpecialTokens: true }),
    ]);
    return { all, skipped };
  });
  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-ids`} className="font-medium text-slate-800 dark:text-slate-200">Token ids to decode</label>
        <input id={`${id}-ids`} value={input} onChange={(e) => setInput(e.target.value)} placeholder="[9906, 4435] or 9906 4435" spellCheck={false} aria-invalid={ids === null} aria-describedby={ids === null ? `${id}-bad` : undefined} className="w-96 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-mono text-slate-950 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-950 dark:text-white" />
        {ids === null && <p id={`${id}-bad`} className="text-red-800 dark:text-red-300">Only numbers, separated by spaces or commas, optionally in [ ].</p>}
      </div>
      {state.status === 'error' && <p role="alert" className="text-red-800 dark:text-red-300">{state.message}</p>}
      {key && state.status === 'ready' && (
        <>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            <dt className="font-medium text-slate-700 dark:text-slate-300">decode(ids)</dt>
            <dd data-testid="decoded-text" className="font-mono whitespace-pre-wrap text-slate-950 dark:text-slate-100">{JSON.stringify(state.value.all.text)}</dd>
            <dt className="font-medium text-slate-700 dark:text-slate-300">skip_special_tokens=True</dt>
            <dd data-testid="decoded-text-skip" className="font-mono whitespace-pre-wrap text-slate-950 dark:text-slate-100">{JSON.stringify(state.value.skipped.text)}</dd>
          </dl>
          <ol className="flex flex-wrap gap-1" aria-label="Decoded tokens">
            {state.value.all.pieces.map((p, i) => (
              <li key={i} className={`rounded border px-1 py-0.5 font-mono text-xs ${p.token === null ? 'border-red-400 text-red-800 dark:text-red-300' : p.special ? 'border-indigo-400 bg-indigo-50 text-indigo-950 dark:bg-indigo-950 dark:text-indigo-100' : 'border-slate-300 text-slate-950 dark:border-slate-600 dark:text-slate-100'}`}>
                {p.id}: {p.token === null ? 'not in vocabulary' : `${p.token} → ${JSON.stringify(p.text)}`}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
