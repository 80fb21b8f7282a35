import { useId, useState } from 'react';
import { useTokenizerClient } from '../../../../stores/tokenizer-client-store';
import { useDebouncedRequest } from './use-debounced-request';

/** encode(text, text_pair): the tokens of both sequences with their token_type_ids. */
export function PairView({ tokenizerId, text, addSpecialTokens }: { tokenizerId: string; text: string; addSpecialTokens: boolean }) {
  const id = useId();
  const client = useTokenizerClient();
  const [pair, setPair] = useState('');
  const first = text.slice(0, 2000);
  const state = useDebouncedRequest(pair ? `${tokenizerId}\u0000${addSpecialTokens}\u0000${first}\u0000${pair}` : null, () => client.encode({ tokenizerId, text: first, pair, addSpecialTokens }));
  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-pair`} className="font-medium text-slate-800 dark:text-slate-200">text_pair (the text above is the first sequence)</label>
        <input id={`${id}-pair`} value={pair} onChange={(e) => setPair(e.target.value)} placeholder="A second sentence" className="w-96 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-950 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-950 dark:text-white" />
      </div>
      {state.status === 'error' && <p role="alert" className="text-red-800 dark:text-red-300">{state.message}</p>}
      {pair && state.status === 'ready' && (
        <ol className="flex flex-wrap gap-1" aria-label="Pair tokens with token_type_ids">
          {state.value.tokens.slice(0, 1000).map((t, i) => {
            const type = state.value.typeIds?.[i] ?? 0;
            return (
              <li key={i} data-type-id={type} className={`rounded border px-1 py-0.5 font-mono text-xs ${type === 1 ? 'border-emerald-500 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100' : 'border-slate-300 text-slate-950 dark:border-slate-600 dark:text-slate-100'}`}>
                {t} <span className="text-slate-600 dark:text-slate-400">type {type}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
