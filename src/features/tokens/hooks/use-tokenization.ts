import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createLatest, type TokenizerClient } from '../../../lib/worker-client';
import type { LoadProgress, TokenizerInfo } from '../../../worker/protocol';
import { ROW_TOKENS, type TokenSpans } from '../../../core/tokens/row-layout';
import { adoptTextViewLayout } from '../text-view-layout';
import { detailsCacheFor } from '../token-details-registry';
import { VIRTUALIZE_ABOVE } from '../../../components/tokens/token-surface';

/** Counted in the worker with the tokens, so the page does no O(n) pass over a 1 MB text. */
export interface TextStats {
  characters: number;
  utf16Units: number;
  utf8Bytes: number;
}

/** A tokenization that is on screen: everything in it belongs to the same request. */
export interface ShownResult {
  tokenizerId: string;
  text: string;
  addSpecialTokens: boolean;
  tokens: TokenSpans;
  stats: TextStats;
  info: TokenizerInfo;
}

export type TokenizationStatus = 'loading' | 'ready' | 'error';

export interface Tokenization {
  /** `ready` only when `shown` matches the current inputs, so a reader never takes stale tokens for fresh ones. */
  status: TokenizationStatus;
  shown: ShownResult | null;
  /** The failure of the latest request; the previous result stays in `shown`. */
  error: string | null;
  /** Download progress while the current tokenizer's files load. */
  progress: LoadProgress | null;
  /** Info of the current tokenizer once loaded (may be ahead of `shown`). */
  info: TokenizerInfo | null;
}

interface Inputs {
  tokenizerId: string;
  text: string;
  addSpecialTokens: boolean;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useTokenization(client: TokenizerClient, { tokenizerId, text, addSpecialTokens }: Inputs): Tokenization {
  const [loaded, setLoaded] = useState<{ id: string; info: TokenizerInfo } | null>(null);
  const [loadError, setLoadError] = useState<{ id: string; message: string } | null>(null);
  const [progress, setProgress] = useState<{ id: string; progress: LoadProgress } | null>(null);
  const [shown, setShown] = useState<ShownResult | null>(null);
  const [encodeError, setEncodeError] = useState<{ inputs: Inputs; message: string } | null>(null);
  const latestLoad = useRef(createLatest());
  const latestEncode = useRef(createLatest());
  // The results shown last. One replaced twice is in no prop or memo any more, so its memory goes back to the worker.
  const lastShown = useRef<TokenSpans[]>([]);

  useEffect(() => {
    const latest = latestLoad.current;
    let current = true;
    setLoadError(null);
    latest
      .run(client.load(tokenizerId, (p) => current && setProgress({ id: tokenizerId, progress: p })))
      .then(
        (r) => {
          if (!r.stale) setLoaded({ id: tokenizerId, info: r.value });
        },
        (error: unknown) => current && setLoadError({ id: tokenizerId, message: `Could not load tokenizer "${tokenizerId}": ${messageOf(error)}` }),
      );
    return () => {
      current = false;
      latest.cancel();
    };
  }, [client, tokenizerId]);

  const info = loaded?.id === tokenizerId ? loaded.info : null;

  useEffect(() => {
    if (!info) return;
    const latest = latestEncode.current;
    const inputs = { tokenizerId, text, addSpecialTokens };
    // No debounce, even on 1 MB: the engine re-tokenizes only the chunks an edit touched, the worker drops requests a
    // newer one replaced (`channel`), and the latest request wins here.
    // Large results come with the text view's rows, laid out in the worker from the previous ones.
    latest.run(client.encodeSpans({ ...inputs, channel: 'token-view', detailsUpTo: VIRTUALIZE_ABOVE, rows: { maxTokens: ROW_TOKENS, above: VIRTUALIZE_ABOVE } })).then(
      (r) => {
        if (r.stale) {
          // Nothing saw it: its memory can hold a later result.
          if (r.value) client.recycleSpans?.(r.value);
          return;
        }
        const value = r.value;
        const tokens: TokenSpans = { ids: value.ids, starts: value.starts, ends: value.ends, special: value.special };
        const { characters, utf16Units, utf8Bytes, details, layout } = value;
        if (layout) adoptTextViewLayout(text, tokens, layout);
        if (details) detailsCacheFor(client, info).add(details);
        // Drawn in the task the result arrived in: left to React's scheduler, a frame often ran first.
        flushSync(() => {
          setShown({ ...inputs, tokens, stats: { characters, utf16Units, utf8Bytes }, info });
          setEncodeError(null);
        });
        const recent = lastShown.current;
        recent.push(tokens);
        if (recent.length > 2) client.recycleSpans?.(recent.shift()!);
      },
      (error: unknown) => setEncodeError({ inputs, message: `Could not tokenize the text: ${messageOf(error)}` }),
    );
    return () => latest.cancel();
  }, [client, info, tokenizerId, text, addSpecialTokens]);

  return useMemo(() => {
    const fresh = shown !== null && shown.tokenizerId === tokenizerId && shown.text === text && shown.addSpecialTokens === addSpecialTokens;
    const currentEncodeError =
      encodeError && encodeError.inputs.tokenizerId === tokenizerId && encodeError.inputs.text === text && encodeError.inputs.addSpecialTokens === addSpecialTokens
        ? encodeError.message
        : null;
    const error = (loadError?.id === tokenizerId ? loadError.message : null) ?? currentEncodeError;
    const status: TokenizationStatus = error ? 'error' : fresh ? 'ready' : 'loading';
    return {
      status,
      shown,
      error,
      progress: progress?.id === tokenizerId && !info ? progress.progress : null,
      info,
    };
  }, [shown, tokenizerId, text, addSpecialTokens, encodeError, loadError, progress, info]);
}
