import { useMemo, useRef } from 'react';
import { boundaryDiff, compareStats, cutPositions, measureText, SpanIndex, type BoundaryDiff, type CompareStats, type TextMeasures } from '../../../core/tokens/compare';
import type { TokenArrays } from '../../../core/tokens/spans';
import type { PaneResult, ShownResult } from './use-compare-tokenizations';

export interface BoundaryAnalysis extends BoundaryDiff {
  /** Panes in bit order of `cutBy`. */
  panes: PaneResult[];
  /** 1 at every position in `positions`, for marking tokens in the panes. */
  mask: Uint8Array;
  text: string;
}

export interface CompareAnalysis {
  /** Per pane, in pane order; null until the pane is ready. */
  stats: Array<CompareStats | null>;
  /** Among the ready panes; null with fewer than two. */
  boundaries: BoundaryAnalysis | null;
}

const cutsCache = new WeakMap<TokenArrays, Int32Array>();
const indexCache = new WeakMap<TokenArrays, SpanIndex>();

function cutsOf(textLength: number, tokens: TokenArrays): Int32Array {
  let cuts = cutsCache.get(tokens);
  if (!cuts) cutsCache.set(tokens, (cuts = cutPositions(textLength, tokens)));
  return cuts;
}

/** Built on first use (hovering a boundary), once per result. */
export function spanIndexOf(tokens: TokenArrays): SpanIndex {
  let index = indexCache.get(tokens);
  if (!index) indexCache.set(tokens, (index = new SpanIndex(tokens)));
  return index;
}

const statsCache = new WeakMap<TokenArrays, { measures: TextMeasures; stats: CompareStats }>();

function statsOf(shown: ShownResult, measures: TextMeasures): CompareStats {
  const cached = statsCache.get(shown.tokens);
  if (cached?.measures === measures) return cached.stats;
  const stats = compareStats(shown.text, measures, shown.tokens, shown.info.vocabSize);
  statsCache.set(shown.tokens, { measures, stats });
  return stats;
}

/**
 * Stats per ready pane, and the boundary diff once no pane is loading any more. Until then the previous diff
 * stays, so marks do not vanish and reappear in every pane on each keystroke.
 */
export function useCompareAnalysis(results: PaneResult[], text: string, words: number | null): CompareAnalysis {
  const measures = useMemo(() => measureText(text, words), [text, words]);
  const stats = useMemo(() => results.map((r) => (r.status === 'ready' && r.shown ? statsOf(r.shown, measures) : null)), [results, measures]);
  const settled = results.every((r) => r.status !== 'loading');
  const ready = useSameList(results.filter((r) => r.status === 'ready' && r.shown !== null));
  const last = useRef<BoundaryAnalysis | null>(null);
  const computed = useMemo((): BoundaryAnalysis | null | undefined => {
    if (!settled) return undefined;
    if (ready.length < 2) return null;
    const shownText = ready[0]!.shown!.text;
    const diff = boundaryDiff(
      shownText.length,
      ready.map((r) => cutsOf(shownText.length, r.shown!.tokens)),
    );
    const mask = new Uint8Array(shownText.length + 1);
    for (const p of diff.positions) mask[p] = 1;
    return { ...diff, panes: ready, mask, text: shownText };
  }, [ready, settled]);
  if (computed !== undefined) last.current = computed;
  return { stats, boundaries: computed === undefined ? last.current : computed };
}

/** The previous array when every item (by its shown result) is the same, so memos keyed on it hold. */
function useSameList(list: PaneResult[]): PaneResult[] {
  const ref = useRef(list);
  const prev = ref.current;
  const same = prev.length === list.length && prev.every((p, i) => p.shown === list[i]!.shown && p.tokenizerId === list[i]!.tokenizerId);
  if (!same) ref.current = list;
  return same ? prev : list;
}
