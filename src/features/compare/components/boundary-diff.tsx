import { createContext, useContext, useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { renderWhitespace } from '../../../core/tokens/spans';
import { Button } from '../../../components/ui/button';
import type { BoundaryAnalysis } from '../hooks/use-compare-analysis';
import { BoundaryTooltip } from './boundary-tooltip';
import { isLowSurrogate } from '../../../core/text/utf16';

/** Markers per page: enough to read a paragraph, few enough to render in a frame whatever the text length. */
export const MARKERS_PER_PAGE = 150;
const CONTEXT = 60;

export interface BoundaryDiffProps {
  boundaries: BoundaryAnalysis | null;
  names: ReadonlyMap<string, string>;
  /** Panes not ready yet (not part of the comparison). */
  waitingFor: string[];
}

const nf = new Intl.NumberFormat('en-US');

function sliceAt(text: string, at: number): number {
  // Never cut between the two halves of a surrogate pair.
  const c = text.charCodeAt(at);
  return isLowSurrogate(c) ? at - 1 : at;
}

/**
 * The text once, with a marker wherever the tokenizers disagree about a cut. Hover or focus a marker to see
 * every tokenizer's token there; arrows move between markers (one tab stop), Escape hides the details.
 */
export function BoundaryDiff({ boundaries, names, waitingFor }: BoundaryDiffProps) {
  const tooltipId = useId();
  const [page, setPage] = useState(0);
  const [active, setActive] = useState(0);
  const [hovered, setHovered] = useState<{ k: number; el: HTMLElement } | null>(null);
  const [focused, setFocused] = useState<{ k: number; el: HTMLElement } | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const count = boundaries?.positions.length ?? 0;
  const pages = Math.max(1, Math.ceil(count / MARKERS_PER_PAGE));

  useEffect(() => {
    setPage(0);
    setActive(0);
    setHovered(null);
    setFocused(null);
  }, [boundaries]);

  const from = Math.min(page, pages - 1) * MARKERS_PER_PAGE;
  const to = Math.min(count, from + MARKERS_PER_PAGE);

  const content = useMemo(() => {
    if (!boundaries || count === 0) return null;
    const { positions, text } = boundaries;
    const start = from === 0 ? 0 : sliceAt(text, Math.max(0, positions[from]! - CONTEXT));
    const end = to === count ? text.length : sliceAt(text, Math.min(text.length, positions[to - 1]! + CONTEXT));
    const out: ReactNode[] = [];
    if (start > 0) out.push('… ');
    let cursor = start;
    for (let k = from; k < to; k++) {
      const p = positions[k]!;
      out.push(renderWhitespace(text.slice(cursor, p)));
      out.push(<Marker key={k} k={k} position={p} />);
      cursor = p;
    }
    out.push(renderWhitespace(text.slice(cursor, end)));
    if (end < text.length) out.push(' …');
    return out;
  }, [boundaries, count, from, to]);

  if (!boundaries)
    return (
      <Frame>
        <p className="text-slate-700 dark:text-slate-300">Differences appear when at least two panes are ready.</p>
      </Frame>
    );

  const markerOf = (target: EventTarget | null) => {
    const el = (target as HTMLElement | null)?.closest?.('[data-boundary]') as HTMLElement | null;
    return el ? { k: Number(el.dataset.boundary), el } : null;
  };
  const focusMarker = (k: number) => {
    const next = Math.min(Math.max(k, from), to - 1);
    setActive(next);
    setDismissed(false);
    document.querySelector<HTMLElement>(`[data-boundary="${next}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const hit = markerOf(event.target);
    if (!hit) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };
    if (event.key === 'Escape') setDismissed(true);
    else if (event.key in moves) {
      event.preventDefault();
      const step = moves[event.key]!;
      focusMarker(Number.isFinite(step) ? hit.k + step : step < 0 ? from : to - 1);
    }
  };
  const shown = dismissed ? null : (hovered ?? focused);
  const activeK = Math.min(Math.max(active, from), Math.max(from, to - 1));

  return (
    <Frame>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-base text-slate-800 dark:text-slate-200">
          <strong className="text-orange-800 dark:text-orange-300">{nf.format(count)}</strong> {count === 1 ? 'position where' : 'positions where'} the tokenizers cut
          differently; {nf.format(boundaries.shared)} cuts shared by all{waitingFor.length ? ` (still waiting for ${waitingFor.join(', ')})` : ''}.
        </p>
        {pages > 1 && (
          <div className="flex items-center gap-2">
            <Button onClick={() => setPage((p) => Math.max(0, p - 1))} disabled={from === 0}>
              Previous
            </Button>
            <span className="text-sm text-slate-700 tabular-nums dark:text-slate-300">
              {nf.format(from + 1)}–{nf.format(to)} of {nf.format(count)}
            </span>
            <Button onClick={() => setPage((p) => Math.min(pages - 1, p + 1))} disabled={to >= count}>
              Next
            </Button>
          </div>
        )}
      </div>
      {count > 0 && (
        <div
          role="group"
          aria-label="Text with differing cuts marked"
          data-testid="boundary-diff"
          onKeyDown={onKeyDown}
          onMouseOver={(e) => {
            const hit = markerOf(e.target);
            if (hit && hit.k !== hovered?.k) {
              setHovered(hit);
              setDismissed(false);
            }
          }}
          onMouseLeave={() => setHovered(null)}
          onFocus={(e) => {
            const hit = markerOf(e.target);
            if (hit) {
              setActive(hit.k);
              setFocused(hit);
            }
          }}
          onBlur={(e) => {
            if (!markerOf(e.relatedTarget)) setFocused(null);
          }}
          className="isolate max-h-64 overflow-auto rounded-lg border border-slate-300 bg-white p-4 text-lg leading-loose break-words whitespace-pre-wrap text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        >
          <MarkerContext.Provider value={{ activeK, describedBy: shown && focused ? tooltipId : undefined, shownK: shown?.k ?? -1 }}>{content}</MarkerContext.Provider>
        </div>
      )}
      {shown && <BoundaryTooltip id={tooltipId} boundaries={boundaries} k={shown.k} anchor={shown.el} names={names} />}
    </Frame>
  );
}

const MarkerContext = createContext<{ activeK: number; describedBy: string | undefined; shownK: number }>({ activeK: 0, describedBy: undefined, shownK: -1 });

/** Reads focus state from context, so the memoised text around the markers is not rebuilt on every move. */
function Marker({ k, position }: { k: number; position: number }) {
  const { activeK, describedBy, shownK } = useContext(MarkerContext);
  return (
    <button
      type="button"
      data-boundary={k}
      data-position={position}
      data-active={shownK === k ? 'true' : undefined}
      tabIndex={k === activeK ? 0 : -1}
      aria-label={`Cut difference at position ${position}`}
      aria-describedby={shownK === k ? describedBy : undefined}
      className="cmp-marker"
    />
  );
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="boundary-diff-title" className="flex flex-col gap-2">
      <h3 id="boundary-diff-title" className="text-lg font-semibold text-slate-950 dark:text-white">
        Where the cuts differ
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <span aria-hidden="true" className="cmp-legend-bar" /> marks a position where some tokenizers cut and others do not (also shown at token edges in the panes). Hover or
        focus one to see each tokenizer’s tokens there.
      </p>
      {children}
    </section>
  );
}
