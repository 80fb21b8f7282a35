import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import type { TokenArrays } from '../../../core/tokens/spans';
import type { TokenizerClient } from '../../../lib/worker-client';
import type { LoadProgress, TokenizerInfo } from '../../../worker/protocol';

/** A tokenization on screen: everything in it belongs to one request. */
export interface ShownResult {
  tokenizerId: string;
  text: string;
  addSpecialTokens: boolean;
  tokens: TokenArrays;
  info: TokenizerInfo;
}

export type PaneStatus = 'loading' | 'ready' | 'error';

export interface PaneResult {
  tokenizerId: string;
  /** `ready` only when `shown` is of the current text and options. */
  status: PaneStatus;
  shown: ShownResult | null;
  error: string | null;
  info: TokenizerInfo | null;
  progress: LoadProgress | null;
}

type ById<T> = Readonly<Record<string, T>>;

/** Short texts re-encode at once; long ones wait for a pause in typing. */
function encodeDelay(text: string): number {
  return text.length < 20_000 ? 0 : 250;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const requestKey = (text: string, addSpecialTokens: boolean) => `${addSpecialTokens ? 1 : 0}${text}`;

/**
 * Loads and encodes the same text with every tokenizer. Per tokenizer, the latest request wins: a reply is
 * taken only if no newer request's reply was taken already, so a slow old reply never replaces a newer one.
 * Panes do not wait for each other; each becomes ready on its own.
 */
export function useCompareTokenizations(client: TokenizerClient, ids: readonly string[], text: string, addSpecialTokens: boolean): PaneResult[] {
  const [infos, setInfos] = useState<ById<TokenizerInfo>>({});
  const [loadErrors, setLoadErrors] = useState<ById<string>>({});
  const [progress, setProgress] = useState<ById<LoadProgress>>({});
  const [shown, setShown] = useState<ById<ShownResult>>({});
  const [encodeErrors, setEncodeErrors] = useState<ById<{ key: string; message: string }>>({});
  const loading = useRef(new Set<string>());
  /** Per tokenizer: the key last requested, the sequence number last sent and last accepted. */
  const requested = useRef(new Map<string, string>());
  const sequence = useRef(0);
  const accepted = useRef(new Map<string, number>());
  const idsKey = ids.join(',');

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    for (const id of idsKey.split(',').filter(Boolean)) {
      if (infos[id] || loadErrors[id] || loading.current.has(id)) continue;
      loading.current.add(id);
      client
        .load(id, (p) => mounted.current && setProgress((s) => ({ ...s, [id]: p })))
        .then(
          (info) => mounted.current && setInfos((s) => ({ ...s, [id]: info })),
          (error: unknown) => mounted.current && setLoadErrors((s) => ({ ...s, [id]: `Could not load tokenizer "${id}": ${messageOf(error)}` })),
        )
        .finally(() => loading.current.delete(id));
    }
  }, [client, idsKey, infos, loadErrors]);

  // A tokenizer removed after failing gets a fresh try when it is added again.
  useEffect(() => {
    setLoadErrors((s) => {
      const current = idsKey.split(',');
      const keep = Object.fromEntries(Object.entries(s).filter(([id]) => current.includes(id)));
      return Object.keys(keep).length === Object.keys(s).length ? s : keep;
    });
  }, [idsKey]);

  useEffect(() => {
    const key = requestKey(text, addSpecialTokens);
    const todo = idsKey.split(',').filter((id) => id && infos[id] && requested.current.get(id) !== key);
    if (todo.length === 0) return;
    const timer = setTimeout(() => {
      for (const id of todo) {
        const info = infos[id]!;
        const seq = ++sequence.current;
        requested.current.set(id, key);
        client.encode({ tokenizerId: id, text, addSpecialTokens }).then(
          (tokens) => {
            if ((accepted.current.get(id) ?? 0) > seq) return;
            accepted.current.set(id, seq);
            // A transition: drawing a pane of 10k tokens may yield to typing and to the other panes.
            startTransition(() => setShown((s) => ({ ...s, [id]: { tokenizerId: id, text, addSpecialTokens, tokens, info } })));
          },
          (error: unknown) => {
            if ((accepted.current.get(id) ?? 0) > seq) return;
            accepted.current.set(id, seq);
            // Forget the request so the same text can be retried (e.g. after the worker restarted).
            if (requested.current.get(id) === key) requested.current.delete(id);
            setEncodeErrors((s) => ({ ...s, [id]: { key, message: `Could not tokenize the text: ${messageOf(error)}` } }));
          },
        );
      }
    }, encodeDelay(text));
    return () => clearTimeout(timer);
  }, [client, idsKey, infos, text, addSpecialTokens]);

  // Unchanged panes keep their result object, so memoised panes skip re-rendering when another pane updates.
  const previous = useRef(new Map<string, PaneResult>());
  return useMemo(() => {
    const key = requestKey(text, addSpecialTokens);
    const next = new Map<string, PaneResult>();
    const list = idsKey
      .split(',')
      .filter(Boolean)
      .map((id): PaneResult => {
        const result = shown[id] ?? null;
        const fresh = result !== null && result.text === text && result.addSpecialTokens === addSpecialTokens;
        const encodeError = encodeErrors[id]?.key === key ? encodeErrors[id].message : null;
        const error = loadErrors[id] ?? (fresh ? null : encodeError);
        const info = infos[id] ?? null;
        const pane: PaneResult = {
          tokenizerId: id,
          status: error ? 'error' : fresh ? 'ready' : 'loading',
          shown: result,
          error,
          info,
          progress: info ? null : (progress[id] ?? null),
        };
        const old = previous.current.get(id);
        const same = old && (Object.keys(pane) as Array<keyof PaneResult>).every((k) => old[k] === pane[k]);
        next.set(id, same ? old : pane);
        return same ? old : pane;
      });
    previous.current = next;
    return list;
  }, [idsKey, shown, infos, loadErrors, encodeErrors, progress, text, addSpecialTokens]);
}
