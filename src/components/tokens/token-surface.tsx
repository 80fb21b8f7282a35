import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { Fragment, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode, type UIEvent } from 'react';

/** Above this many tokens only the rows near the viewport are in the DOM, so a 1 MB text never freezes the page. */
export const VIRTUALIZE_ABOVE = 5000;

export interface TokenSurfaceProps {
  /** Number of tokens. */
  count: number;
  rowCount: number;
  rowOfToken: (tokenIndex: number) => number;
  /** `activeIndex` is -1 unless the roving-focus token sits in this row, so memoised rows skip re-rendering. */
  renderRow: (row: number, activeIndex: number, describedBy: string | undefined) => ReactNode;
  rowRange: (row: number) => [number, number];
  label: string;
  /** Extra classes for the scroll area (fonts, whitespace handling). */
  className?: string;
  renderPopover: (props: { index: number; anchor: HTMLElement; popoverId: string }) => ReactNode;
  /** Height limits of the scroll area. */
  heightClass?: string;
  /** Receives the scroll element (e.g. to keep several surfaces scrolled together). */
  scrollElementRef?: (el: HTMLDivElement | null) => void;
  onScroll?: (event: UIEvent<HTMLDivElement>) => void;
  /** Token count above which rows are virtualised (several surfaces on one page want a lower one). */
  virtualizeAbove?: number;
  /**
   * Re-render synchronously when the virtualiser scrolls, and measure new rows as they mount (smoothest for one
   * surface). Pages with several surfaces turn it off: rows are then measured in the next animation frame, so
   * drawing a surface and re-laying it out after measuring are two tasks, not one long one.
   */
  flushSync?: boolean;
  /** Rows drawn beyond the viewport, and the height guessed for a row before it is measured (px). */
  overscan?: number;
  estimatedRowHeight?: number;
  /**
   * Height of row `row` before it is measured, given the scroll area's inner width (px); wins over
   * `estimatedRowHeight`. A good guess keeps the first render of a 1 MB text to the rows that fit, instead of ~30
   * rows of 200 tokens at a one-line guess.
   */
  estimateRowSize?: (row: number, width: number) => number;
  /**
   * Unvirtualised rows are drawn in blocks, one ending after each row this is true of (rows that end a line of a
   * pre-wrapped text: a block's final newline adds no empty line, so the text flows as one). Then an edit lays out
   * its paragraph again, not one inline context of every token, and blocks off screen are skipped. Without it the
   * rows share one context.
   */
  endsBlock?: (row: number) => boolean;
}

/** `[from, to)` row ranges: each ends after a row `endsBlock` accepts, or at the last row. */
function rowBlocks(rowCount: number, endsBlock: ((row: number) => boolean) | undefined): Array<[number, number]> {
  if (!endsBlock) return [[0, rowCount]];
  const blocks: Array<[number, number]> = [];
  let from = 0;
  for (let row = 0; row < rowCount; row++) {
    if (endsBlock(row) || row === rowCount - 1) {
      blocks.push([from, row + 1]);
      from = row + 1;
    }
  }
  return blocks;
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, PageDown: 50, PageUp: -50 };

function tokenIndexOf(target: EventTarget | null): { index: number; el: HTMLElement } | null {
  const el = (target as HTMLElement | null)?.closest?.('[data-token-index]') as HTMLElement | null;
  if (!el) return null;
  return { index: Number(el.dataset.tokenIndex), el };
}

/**
 * A row's height from the virtualizer's ResizeObserver entry only. Measured as it mounts (the default), each row would
 * force a layout inside the commit; the observer reports every row right after the frame's layout, and until then the
 * row keeps its last size or its estimate.
 */
function measureFromObserver(el: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = instance.indexFromElement(el);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

/**
 * The scrolling area every sub-view renders into: virtualisation, roving tabindex (one tab stop, arrows move),
 * and the hover/focus popover, all through event delegation so 5,000 tokens need no 5,000 handlers.
 */
export function TokenSurface({
  count,
  rowCount,
  rowOfToken,
  renderRow,
  rowRange,
  label,
  className = '',
  renderPopover,
  heightClass = 'max-h-[65vh] min-h-40',
  scrollElementRef,
  onScroll,
  virtualizeAbove = VIRTUALIZE_ABOVE,
  flushSync = true,
  overscan = 6,
  estimatedRowHeight = 36,
  estimateRowSize,
  endsBlock,
}: TokenSurfaceProps) {
  const virtualize = count > virtualizeAbove;
  const scrollRef = useRef<HTMLDivElement>(null);
  const popoverId = useId();
  const [active, setActive] = useState(0);
  const [hovered, setHovered] = useState<{ index: number; el: HTMLElement } | null>(null);
  const [focused, setFocused] = useState<{ index: number; el: HTMLElement } | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);
  const activeIndex = count === 0 ? -1 : Math.min(active, count - 1);

  // Row estimates need the width; it comes from a ResizeObserver (after the frame's own layout), never from reading it
  // in a commit: right after a 1 MB text's first rows mount that forced a 36 ms layout inside the commit's task.
  const widthRef = useRef(1000);
  const estimates = estimateRowSize !== undefined;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!virtualize || !estimates || !el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry?.contentRect.width) widthRef.current = entry.contentRect.width + 32;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [virtualize, estimates]);

  /** A row's height before it is measured (px). */
  const rowEstimate = (row: number) => (estimateRowSize ? estimateRowSize(row, widthRef.current) : estimatedRowHeight);
  const virtualizer = useVirtualizer({
    count: virtualize ? rowCount : 0,
    enabled: virtualize,
    getScrollElement: () => scrollRef.current,
    estimateSize: (row) => rowEstimate(row),
    overscan,
    useFlushSync: flushSync,
    measureElement: measureFromObserver,
  });

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.min(Math.max(index, 0), count - 1);
      setActive(next);
      setDismissed(false);
      if (virtualize) virtualizer.scrollToIndex(rowOfToken(next), { align: 'auto' });
      setFocusRequest({ index: next });
    },
    [count, virtualize, virtualizer, rowOfToken],
  );

  // Focus lands once the row holding the token has rendered (a virtualised row may take a frame or two).
  useEffect(() => {
    if (!focusRequest) return;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-token-index="${focusRequest.index}"]`);
      if (el) {
        el.focus({ preventScroll: virtualize });
        if (!virtualize) el.scrollIntoView?.({ block: 'nearest' });
      } else if (tries++ < 10) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, [focusRequest, virtualize]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const hit = tokenIndexOf(event.target);
    if (!hit) return;
    if (event.key === 'Escape') {
      setDismissed(true);
      return;
    }
    let next: number | null = null;
    if (event.key in STEP) next = hit.index + STEP[event.key]!;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    if (next === null) return;
    event.preventDefault();
    moveTo(next);
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const hit = tokenIndexOf(event.target);
    if (!hit) return;
    setActive(hit.index);
    setFocused(hit);
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!tokenIndexOf(event.relatedTarget)) setFocused(null);
  };
  const onMouseOver = (event: MouseEvent<HTMLDivElement>) => {
    const hit = tokenIndexOf(event.target);
    if (hit && hit.index !== hovered?.index) {
      setHovered(hit);
      setDismissed(false);
    }
  };

  const shownPopover = dismissed ? null : (hovered ?? focused);
  const describedBy = focused && !dismissed ? popoverId : undefined;
  const [popoverFrom, popoverTo] = shownPopover ? [shownPopover.index, shownPopover.index + 1] : [-1, -1];
  // The token list can change under the popover (retokenised text); drop a popover that points past the end.
  const popover = shownPopover && popoverTo <= count && popoverFrom >= 0 ? shownPopover : null;

  const rowActive = (row: number) => {
    const [from, to] = rowRange(row);
    return activeIndex >= from && activeIndex < to ? activeIndex : -1;
  };
  // Only the row holding the active token gets new props when focus moves; memoised rows elsewhere stay put.
  const rowProps = (row: number) => {
    const a = rowActive(row);
    return [a, a >= 0 ? describedBy : undefined] as const;
  };

  const measureRow = useMemo(() => {
    if (flushSync) return virtualizer.measureElement;
    return (el: HTMLElement | null) => {
      if (!el) virtualizer.measureElement(null);
      else requestAnimationFrame(() => el.isConnected && virtualizer.measureElement(el));
    };
  }, [flushSync, virtualizer]);

  const setScrollElement = useCallback(
    (el: HTMLDivElement | null) => {
      scrollRef.current = el;
      scrollElementRef?.(el);
    },
    [scrollElementRef],
  );

  const blocks = useMemo(() => (virtualize ? [] : rowBlocks(rowCount, endsBlock)), [virtualize, rowCount, endsBlock]);
  const blockHeight = (from: number, to: number) => {
    let height = 0;
    for (let row = from; row < to; row++) height += rowEstimate(row);
    return height;
  };
  const drawRows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => <Fragment key={from + k}>{renderRow(from + k, ...rowProps(from + k))}</Fragment>);

  return (
    <div
      ref={setScrollElement}
      onScroll={onScroll}
      role="group"
      aria-label={label}
      aria-roledescription="token list"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      onMouseOver={onMouseOver}
      onMouseLeave={() => setHovered(null)}
      className={`relative isolate ${heightClass} overflow-auto rounded-lg border border-slate-300 bg-white p-4 leading-relaxed text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100 ${className}`}
    >
      {virtualize ? (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              data-index={item.index}
              ref={measureRow}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              className="min-h-[1lh]"
            >
              {renderRow(item.index, ...rowProps(item.index))}
            </div>
          ))}
        </div>
      ) : endsBlock ? (
        blocks.map(([from, to]) => (
          // Off-screen blocks are not laid out or painted (a keystroke re-painted every token of a 2k-token text); the
          // size they hold until first drawn is the rows' estimate, then what they measured.
          <div key={from} className="[content-visibility:auto]" style={{ containIntrinsicSize: `auto ${blockHeight(from, to)}px` }}>
            {drawRows(from, to)}
          </div>
        ))
      ) : (
        drawRows(0, rowCount)
      )}
      {popover && renderPopover({ index: popover.index, anchor: popover.el, popoverId })}
    </div>
  );
}
