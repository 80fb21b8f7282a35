import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTokenizerClient } from '../../../stores/tokenizer-client-store';
import { parseIds, checkParity, type ParityResult, type ParityToken } from '../../../core/tokens/parity';
import { renderWhitespace } from '../../../core/tokens/spans';
import type { PaneResult } from '../hooks/use-compare-tokenizations';

export interface ParityCheckProps {
  results: PaneResult[];
  names: ReadonlyMap<string, string>;
  /** Tokenizer id of the pane to check against; the first pane when null or gone. */
  target: string | null;
  onTargetChange: (id: string) => void;
  input: string;
  onInputChange: (input: string) => void;
}

const nf = new Intl.NumberFormat('en-US');

function TokenLine({ label, token }: { label: string; token: ParityToken | null }) {
  return (
    <div className="contents">
      <dt className="font-medium text-slate-700 dark:text-slate-300">{label}</dt>
      <dd className="font-mono">
        {token ? (
          <>
            id <strong>{token.id}</strong>
            {token.token !== null ? <> · “{renderWhitespace(token.token)}”</> : <span className="font-sans text-slate-600 dark:text-slate-400"> (not in this vocabulary)</span>}
          </>
        ) : (
          <span className="font-sans">no token: the list ended</span>
        )}
      </dd>
    </div>
  );
}

/**
 * The pasted token's vocabulary string: known from our encoding when the same id occurs there, otherwise looked up
 * in the tokenizer (the worker's `decode`), so a mismatch always names both tokens.
 */
function usePastedToken(tokenizerId: string, token: ParityToken | null): ParityToken | null {
  const client = useTokenizerClient();
  const [looked, setLooked] = useState<{ id: number; token: string | null } | null>(null);
  const id = token?.id;
  const known = token?.token ?? null;
  useEffect(() => {
    if (id === undefined || known !== null) return;
    let live = true;
    client.decode({ tokenizerId, ids: [id], skipSpecialTokens: false })
      .then((r) => { if (live) setLooked({ id, token: r.pieces[0]?.token ?? null }); })
      .catch(() => { if (live) setLooked({ id, token: null }); });
    return () => { live = false; };
  }, [client, tokenizerId, id, known]);
  if (!token || token.token !== null || looked?.id !== token.id) return token;
  return { ...token, token: looked.token };
}

function Verdict({ result, name, tokenizerId }: { result: ParityResult; name: string; tokenizerId: string }) {
  const pasted = usePastedToken(tokenizerId, result.kind === 'identical' ? null : result.theirs);
  if (result.kind === 'identical')
    return (
      <p className="text-lg font-semibold text-emerald-800 dark:text-emerald-300">
        <span aria-hidden="true">✓ </span>Identical: all {nf.format(result.count)} ids match {name}.
      </p>
    );
  return (
    <div className="flex flex-col gap-2">
      <p className="text-lg font-semibold text-red-800 dark:text-red-300">
        <span aria-hidden="true">✗ </span>First difference at index <span data-testid="parity-index">{result.index}</span> ({nf.format(result.theirsCount)} pasted ids,{' '}
        {nf.format(result.oursCount)} from {name}).
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
        <TokenLine label={`${name}:`} token={result.ours} />
        <TokenLine label="Pasted:" token={pasted} />
      </dl>
      <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-base whitespace-pre-wrap dark:border-slate-700 dark:bg-slate-950">
        <span className="sr-only">Text around it: </span>…{renderWhitespace(result.context.before)}
        <mark className="rounded bg-amber-200 px-0.5 text-slate-950 dark:bg-amber-700 dark:text-white">{renderWhitespace(result.context.focus) || '▮'}</mark>
        {renderWhitespace(result.context.after)}…
      </p>
      {result.hint && <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Hint: {result.hint}</p>}
    </div>
  );
}

/** Paste ids from Python (or anywhere) and check them against one pane's ids. */
export function ParityCheck({ results, names, target, onTargetChange, input, onInputChange }: ParityCheckProps) {
  const pane = results.find((r) => r.tokenizerId === target) ?? results[0]!;
  const name = names.get(pane.tokenizerId) ?? pane.tokenizerId;
  const deferred = useDeferredValue(input);
  const parsed = useMemo(() => parseIds(deferred), [deferred]);
  const shown = pane.status === 'ready' ? pane.shown : null;
  const result = useMemo(() => (parsed.kind === 'ids' && shown ? checkParity(shown.text, shown.tokens, parsed.ids) : null), [parsed, shown]);

  let state: string;
  let body;
  if (parsed.kind === 'empty') {
    state = 'empty';
    body = <p className="text-slate-700 dark:text-slate-300">Paste ids to check them against {name}.</p>;
  } else if (parsed.kind === 'error') {
    state = 'error';
    body = <p className="font-medium text-red-800 dark:text-red-300">{parsed.message}</p>;
  } else if (!result) {
    state = pane.status === 'error' ? 'error' : 'waiting';
    body = <p className="text-slate-700 dark:text-slate-300">{pane.status === 'error' ? `${name} could not tokenize the text.` : `Waiting for ${name}…`}</p>;
  } else {
    state = result.kind;
    body = (
      <>
        <Verdict result={result} name={name} tokenizerId={pane.tokenizerId} />
        {parsed.note && <p className="text-sm text-slate-700 dark:text-slate-300">{parsed.note}</p>}
      </>
    );
  }

  return (
    <section aria-labelledby="parity-title" className="flex flex-col gap-3">
      <h3 id="parity-title" className="text-lg font-semibold text-slate-950 dark:text-white">
        Parity check
      </h3>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor="parity-target" className="text-sm font-semibold text-slate-800 dark:text-slate-200">
              Check against
            </label>
            <select
              id="parity-target"
              data-testid="parity-target"
              value={pane.tokenizerId}
              onChange={(e) => onTargetChange(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900 dark:text-white dark:focus-visible:outline-indigo-300"
            >
              {results.map((r, i) => (
                <option key={r.tokenizerId} value={r.tokenizerId}>
                  Pane {i + 1}: {names.get(r.tokenizerId) ?? r.tokenizerId}
                </option>
              ))}
            </select>
          </div>
          <label htmlFor="parity-input" className="text-sm font-semibold text-slate-800 dark:text-slate-200">
            Ids produced elsewhere
          </label>
          <textarea
            id="parity-input"
            data-testid="parity-input"
            value={input}
            onChange={(e) => onInputChange(e.target.value)}
            rows={4}
            spellCheck={false}
            placeholder={'tokenizer(text)["input_ids"] → [15496, 11, 995]\nalso: 15496 11 995 · tensor([[15496, 11, 995]])'}
            aria-describedby="parity-hint"
            className="w-full rounded-lg border border-slate-300 bg-white p-3 font-mono text-base text-slate-950 placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900 dark:text-white dark:placeholder:text-slate-400 dark:focus-visible:outline-indigo-300"
          />
          <p id="parity-hint" className="text-xs text-slate-600 dark:text-slate-400">
            In Python: <code className="font-mono">tokenizer(text)["input_ids"]</code> on the same text. Lists, space-separated ids and tensor prints all work.
          </p>
        </div>
        <div data-testid="parity-result" data-state={state} data-index={result?.kind === 'different' ? result.index : undefined} data-tokenizer={pane.tokenizerId} role="status" aria-live="polite" className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
          {body}
        </div>
      </div>
    </section>
  );
}
