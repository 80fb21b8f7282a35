import { useCallback, useEffect, useRef, type UIEvent } from 'react';

/**
 * Keeps several scroll areas at the same relative position. Panes hold the same text, so the same fraction
 * of their height shows about the same part of it. Followers move one per animation frame: each then draws
 * its newly visible rows in its own task, instead of all panes drawing in one long task. Scrolls we cause
 * ourselves are ignored, so panes do not bounce each other.
 */
export function useSyncScroll(enabled: boolean) {
  const elements = useRef(new Map<string, HTMLDivElement>());
  const expected = useRef(new WeakMap<HTMLDivElement, number>());
  const pending = useRef<{ source: HTMLDivElement; fraction: number; queue: HTMLDivElement[] } | null>(null);
  const frame = useRef(0);

  const register = useCallback((key: string, el: HTMLDivElement | null) => {
    if (el) elements.current.set(key, el);
    else elements.current.delete(key);
  }, []);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const step = useCallback(() => {
    frame.current = 0;
    const job = pending.current;
    const el = job?.queue.shift();
    if (!job || !el) {
      pending.current = null;
      return;
    }
    if (el.isConnected) {
      const target = Math.round(job.fraction * (el.scrollHeight - el.clientHeight));
      if (Math.abs(el.scrollTop - target) > 1) {
        expected.current.set(el, target);
        el.scrollTop = target;
      }
    }
    frame.current = requestAnimationFrame(step);
  }, []);

  const onScroll = useCallback(
    (event: UIEvent<HTMLDivElement>) => {
      const source = event.currentTarget;
      const mine = expected.current.get(source);
      if (mine !== undefined) {
        expected.current.delete(source);
        if (Math.abs(source.scrollTop - mine) <= 2) return;
      }
      if (!enabled) return;
      const range = source.scrollHeight - source.clientHeight;
      const fraction = range > 0 ? source.scrollTop / range : 0;
      pending.current = { source, fraction, queue: [...elements.current.values()].filter((el) => el !== source) };
      if (!frame.current) frame.current = requestAnimationFrame(step);
    },
    [enabled, step],
  );

  return { register, onScroll };
}
