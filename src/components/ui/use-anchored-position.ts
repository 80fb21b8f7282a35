import { useLayoutEffect, useState, type DependencyList, type RefObject } from 'react';

/**
 * Where a floating box (`fixed`) goes next to `anchor`: below it, or above when it would not fit below; kept inside
 * the viewport; placed again on scroll and resize and whenever `deps` change. `shiftLeft` moves it left of the anchor.
 * Null until measured (render it off-screen until then).
 */
export function useAnchoredPosition(box: RefObject<HTMLElement | null>, anchor: HTMLElement, deps: DependencyList, shiftLeft = 0): { top: number; left: number } | null {
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    const place = () => {
      const el = box.current;
      if (!el || !anchor.isConnected) return;
      const a = anchor.getBoundingClientRect();
      const width = el.offsetWidth;
      const height = el.offsetHeight;
      const below = a.bottom + 8;
      const top = below + height > window.innerHeight && a.top - height - 8 > 0 ? a.top - height - 8 : below;
      const left = Math.min(Math.max(8, a.left - shiftLeft), Math.max(8, window.innerWidth - width - 8));
      setPosition((p) => (p && p.top === top && p.left === left ? p : { top, left }));
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
    // `deps` are the caller's: what changes the box's size.
  }, [box, anchor, shiftLeft, ...deps]);
  return position;
}
