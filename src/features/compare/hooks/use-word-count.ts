import { useEffect, useMemo, useState } from 'react';
import { countWords, countWordsInSteps } from '../../../core/tokens/compare';

/** Texts up to this long are counted at once; longer ones in slices, so typing never stalls. */
const SYNC_LIMIT = 4000;
const SLICE_MS = 12;

/** Unicode words in `text` (see `countWordsInSteps`); null while a long text is still being counted. */
export function useWordCount(text: string): number | null {
  const sync = useMemo(() => (text.length <= SYNC_LIMIT ? countWords(text) : null), [text]);
  const [counted, setCounted] = useState<{ text: string; words: number } | null>(null);

  useEffect(() => {
    if (text.length <= SYNC_LIMIT) return;
    const steps = countWordsInSteps(text);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const work = () => {
      const until = performance.now() + SLICE_MS;
      for (;;) {
        const step = steps.next();
        if (step.done) {
          setCounted({ text, words: step.value });
          return;
        }
        if (performance.now() > until) break;
      }
      timer = setTimeout(work, 0);
    };
    timer = setTimeout(work, 0);
    return () => {
      if (timer) clearTimeout(timer);
    };
  }, [text]);

  return sync ?? (counted?.text === text ? counted.words : null);
}
