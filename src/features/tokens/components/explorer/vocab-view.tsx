import { useId, useState } from 'react';
import { useTokenizerClient } from '../../../../stores/tokenizer-client-store';
import { useDebouncedRequest } from './use-debounced-request';

/** Substring or id search over the whole vocabulary, done in the worker; results capped. */
export function VocabView({ tokenizerId }: { tokenizerId: string }) {
  const id = useId();
  const client = useTokenizerClient();
  const [query, setQuery] = useState('');
  const state = useDebouncedRequest(query === '' ? null : `${tokenizerId}\u0000${query}`, () => client.searchVocab({ tokenizerId, query, limit: 200 }), 150);
  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-q`} className="font-medium text-slate-800 dark:text-slate-200">Search the vocabulary (text, raw token or id)</label>
        <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} className="w-80 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-mono text-slate-950 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-950 dark:text-white" />
      </div>
      {state.status === 'error' && <p role="alert" className="text-red-800 dark:text-red-300">{state.message}</p>}
      {state.status === 'ready' && (
        <>
          <p role="status" className="text-slate-700 dark:text-slate-300">
            {state.value.total.toLocaleString('en-US')} match{state.value.total === 1 ? '' : 'es'}
            {state.value.total > state.value.entries.length ? `, showing ${state.value.entries.length}` : ''}
          </p>
          <div className="isolate max-h-72 overflow-auto">
            <table className="w-full text-left" aria-label="Vocabulary matches">
              <thead className="text-slate-700 dark:text-slate-300">
                <tr>
                  <th scope="col" className="pr-3 font-medium">Id</th>
                  <th scope="col" className="pr-3 font-medium">Token</th>
                  <th scope="col" className="font-medium">Text</th>
                </tr>
              </thead>
              <tbody className="font-mono text-slate-950 dark:text-slate-100">
                {state.value.entries.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="pr-3 tabular-nums">{e.id}</td>
                    <td className="pr-3 whitespace-pre">{e.token}{e.special ? ' (special)' : ''}</td>
                    <td className="whitespace-pre">{JSON.stringify(e.text)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
