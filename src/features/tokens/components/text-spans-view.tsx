import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { bytesToHex, decodedLabel, decodeUtf8Parts } from '../../../core/tokens/bytes';
import type { Segment } from '../../../core/tokens/spans';
import { copySpans, rowOfTokenIn, rowSegments, type RowLayout, type TokenSpans } from '../../../core/tokens/row-layout';
import { textViewLayout } from '../text-view-layout';
import { ContextMarker } from '../../../components/tokens/context-marker';
import { tokenAttrs } from '../../../components/tokens/token-attrs';
import { TokenSurface, type TokenSurfaceProps } from '../../../components/tokens/token-surface';
import { SegmentView, type SegmentSource } from '../../../components/tokens/segment-view';
import { detailsAt, type ViewContext } from './view-context';

type PopoverRenderer = TokenSurfaceProps['renderPopover'];

interface RowProps {
  ctx: ViewContext;
  layout: RowLayout;
  row: number;
  activeIndex: number;
  describedBy: string | undefined;
}

/**
 * What the token view draws besides the text: strings and bytes from the details cache (fetched for what is on
 * screen), and token i's attributes but the three that move when an edit before it shifts it (`data-token-index`,
 * `data-start`, `data-end`): `TextRow` sets those on the element itself, so a row that only moved is not rendered again.
 */
function sourceOf(ctx: ViewContext, register: (i: number) => (el: HTMLElement | null) => void): SegmentSource {
  return {
    attrs: (i, active) => {
      const all = tokenAttrs(ctx.tokens, i, active);
      return { 'data-id': all['data-id'], 'data-special': all['data-special'], tabIndex: all.tabIndex, ref: register(i) };
    },
    raw: (i) => detailsAt(ctx, i)?.token ?? '',
    hex: (i) => {
      const d = detailsAt(ctx, i);
      return d ? bytesToHex(d.bytes) || (d.token ?? '') : '…';
    },
    bracketLabel: (first) => {
      const bytes = detailsAt(ctx, first)?.bytes;
      return bytes ? decodedLabel(decodeUtf8Parts(bytes)) : '';
    },
  };
}

/** Ids of the tokens whose raw string or bytes the row draws (inserted tokens and brackets). */
function idsNeeded(ctx: ViewContext, segments: readonly Segment[]): number[] {
  const out: number[] = [];
  for (const s of segments) {
    if (s.kind === 'inserted') out.push(ctx.tokens.ids[s.index]!);
    else if (s.kind === 'bracket') for (let i = s.first; i < s.last; i++) out.push(ctx.tokens.ids[i]!);
  }
  return out;
}

/**
 * Whether two contexts draw a token alike. Details only add entries, so new ones matter only to a row that drew
 * without some it needs (`waited`).
 */
function sameStyle(x: ViewContext, y: ViewContext, waited: boolean): boolean {
  if (x.details !== y.details || (waited && x.detailsVersion !== y.detailsVersion)) return false;
  return x.showWhitespace === y.showWhitespace && x.roles === y.roles && x.windowEnd === y.windowEnd;
}

/**
 * A row's tokens as it drew them, copied (a few dozen entries): the result they came from goes back to the worker two
 * results later (`recycleSpans`), while a row that did not change keeps its props from the result it last drew.
 */
type RowTokens = TokenSpans & { from: number };

function rowTokens({ tokens }: ViewContext, layout: RowLayout, row: number): RowTokens {
  const from = layout.tokenFrom[row]!;
  const to = layout.tokenTo[row]!;
  return { from, ...copySpans(tokens, from, to) };
}

/** The tokens each row's props drew (props objects are the ones React compares against). */
const drawnTokens = new WeakMap<RowProps, RowTokens>();

/**
 * Whether row `row` draws the same thing in both: same token indices, ids, offsets and text. An edit re-renders only
 * the rows it changed (at the end of a text, one), not every row on screen.
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.activeIndex !== b.activeIndex || a.describedBy !== b.describedBy) return false;
  const x = a.ctx;
  const y = b.ctx;
  // The memo cannot tell whether the row waited for details, so any new ones render it (TextRow then keeps its drawing).
  if (!sameStyle(x, y, true)) return false;
  if (a.ctx === b.ctx && a.layout === b.layout && a.row === b.row) return true;
  const drawn = drawnTokens.get(a);
  const from = b.layout.tokenFrom[b.row]!;
  const to = b.layout.tokenTo[b.row]!;
  if (!drawn || drawn.from !== from || drawn.ids.length !== to - from) return false;
  for (let k = 0; k < to - from; k++) {
    const i = from + k;
    if (drawn.ids[k] !== y.tokens.ids[i] || drawn.starts[k] !== y.tokens.starts[i] || drawn.ends[k] !== y.tokens.ends[i] || drawn.special[k] !== y.tokens.special[i]) return false;
  }
  const ta = a.layout.textFrom[a.row]!;
  const tb = b.layout.textFrom[b.row]!;
  const len = a.layout.textTo[a.row]! - ta;
  return ta === tb && len === b.layout.textTo[b.row]! - tb && x.text.startsWith(y.text.slice(tb, tb + len), ta);
}

/**
 * Whether `n` tokens from `fa` and from `fb` look the same with respect to the context window: all inside it, all past
 * it (dimmed), or not moved. A row the window ends in also draws the marker, so it must not move.
 */
function sameSideOfWindow(windowEnd: number | null, fa: number, fb: number, n: number): boolean {
  if (windowEnd == null || fa === fb) return true;
  return (fa + n <= windowEnd && fb + n <= windowEnd) || (fa >= windowEnd && fb >= windowEnd);
}

/**
 * Whether row `b` draws what row `a` drew, maybe at other token indices and text offsets (an edit before it): same
 * tokens, same offsets relative to the row, same text. Then the elements drawn for `a` serve for `b`, with the three
 * position attributes set again.
 */
function sameShifted(a: RowProps, drawn: RowTokens, b: RowProps, waited: boolean): boolean {
  const x = a.ctx;
  const y = b.ctx;
  if (!sameStyle(x, y, waited)) return false;
  const fa = drawn.from;
  const fb = b.layout.tokenFrom[b.row]!;
  const n = drawn.ids.length;
  if (n !== b.layout.tokenTo[b.row]! - fb || !sameSideOfWindow(x.windowEnd, fa, fb, n)) return false;
  if (a.describedBy !== b.describedBy || (a.activeIndex < 0) !== (b.activeIndex < 0) || (a.activeIndex >= 0 && a.activeIndex - fa !== b.activeIndex - fb)) return false;
  const ta = a.layout.textFrom[a.row]!;
  const tb = b.layout.textFrom[b.row]!;
  const len = a.layout.textTo[a.row]! - ta;
  if (len !== b.layout.textTo[b.row]! - tb) return false;
  for (let k = 0; k < n; k++) {
    const sa = drawn.starts[k]! - ta;
    const ea = drawn.ends[k]! - ta;
    // Offsets outside the row (clamped when drawn) are not worth the bookkeeping: draw again.
    if (sa < 0 || ea > len || sa !== y.tokens.starts[fb + k]! - tb || ea !== y.tokens.ends[fb + k]! - tb) return false;
    if (drawn.ids[k] !== y.tokens.ids[fb + k] || drawn.special[k] !== y.tokens.special[fb + k]) return false;
  }
  return x.text.startsWith(y.text.slice(tb, tb + len), ta);
}

interface Drawn {
  props: RowProps;
  tokens: RowTokens;
  /** Whether some raw string or bytes the row shows had not arrived when it was drawn. */
  waited: boolean;
  content: ReactNode;
  segments: Segment[];
  /** Element of token `from + k` at k (as drawn). */
  els: Array<HTMLElement | null>;
  /** The position attributes last written on element k: index, start, end at 3k, 3k + 1, 3k + 2. */
  written: number[];
}

function draw(props: RowProps): Drawn {
  const { ctx, layout, row, activeIndex, describedBy } = props;
  const from = layout.tokenFrom[row]!;
  const els: Array<HTMLElement | null> = [];
  const register = (i: number) => (el: HTMLElement | null) => {
    els[i - from] = el;
  };
  const source = sourceOf(ctx, register);
  const segments = rowSegments(ctx.text, ctx.tokens, layout, row);
  const out = [];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const first = segment.kind === 'bracket' ? segment.first : segment.kind === 'gap' ? -1 : segment.index;
    const last = segment.kind === 'bracket' ? segment.last : first + 1;
    if (ctx.windowEnd != null && first >= 0 && ctx.windowEnd >= first && ctx.windowEnd < last) out.push(<ContextMarker key={`m${s}`} windowEnd={ctx.windowEnd} />);
    // Keyed by kind too: a token's element carries position attributes React does not know of, so React must never
    // reuse it for a gap.
    out.push(<SegmentView key={`${segment.kind}${s}`} ctx={ctx} source={source} segment={segment} activeIndex={activeIndex} describedBy={describedBy} />);
  }
  const waited = idsNeeded(ctx, segments).some((id) => !ctx.details.has(id));
  return { props, tokens: rowTokens(ctx, layout, row), waited, content: <>{out}</>, segments, els, written: [] };
}

const TextRow = memo(function TextRow(props: RowProps) {
  const { ctx, layout, row } = props;
  const drawn = useRef<Drawn | null>(null);
  // A row that only moved keeps its elements (React skips them: same element objects); only their positions change.
  if (!drawn.current || !sameShifted(drawn.current.props, drawn.current.tokens, props, drawn.current.waited)) drawn.current = draw(props);
  else drawn.current = { ...drawn.current, props, tokens: rowTokens(ctx, layout, row) };
  drawnTokens.set(props, drawn.current.tokens);
  const { segments, els, content } = drawn.current;
  const from = layout.tokenFrom[row]!;
  useLayoutEffect(() => {
    const { tokens } = ctx;
    const written = drawn.current!.written;
    for (let k = 0; k < els.length; k++) {
      const el = els[k];
      if (!el) continue;
      const i = from + k;
      const start = tokens.starts[i]!;
      const end = tokens.ends[i]!;
      // Most rows did not move (an edit after them, or a new result for the same text): no DOM writes for them.
      if (written[3 * k] === i && written[3 * k + 1] === start && written[3 * k + 2] === end && el.hasAttribute('data-token-index')) continue;
      el.setAttribute('data-token-index', String(i));
      el.setAttribute('data-start', String(start));
      el.setAttribute('data-end', String(end));
      written[3 * k] = i;
      written[3 * k + 1] = start;
      written[3 * k + 2] = end;
    }
  }, [ctx, els, from]);
  const details = ctx.details;
  useEffect(() => {
    const ids = idsNeeded(ctx, segments);
    if (ids.length) details.request(ids);
  }, [ctx, segments, details]);
  return content;
}, sameRow);

export interface TextSpansViewProps {
  ctx: ViewContext;
  renderPopover: PopoverRenderer;
}

/** Coloured spans over the original text; tokens that split one character share a bracket. */
export function TextSpansView({ ctx, renderPopover }: TextSpansViewProps) {
  // After an edit only the rows around it are laid out again (a pass over ~250k tokens was ~8 ms per keystroke).
  const layout = useMemo(() => textViewLayout(ctx.text, ctx.tokens), [ctx.text, ctx.tokens]);
  const rowOfToken = useCallback((i: number) => rowOfTokenIn(layout, i), [layout]);
  const rowRange = useCallback((row: number): [number, number] => [layout.tokenFrom[row]!, layout.tokenTo[row]!], [layout]);
  const estimateRowSize = useCallback(
    // text-lg (18 px) with `leading-relaxed`: ~29 px a line, ~9.5 px a character on average; 32 px of padding.
    (row: number, width: number) => Math.max(1, Math.ceil((layout.textTo[row]! - layout.textFrom[row]!) / Math.max(20, (width - 32) / 9.5))) * 29,
    [layout],
  );
  const endsLine = useCallback((row: number) => ctx.text.charCodeAt(layout.textTo[row]! - 1) === 10, [ctx.text, layout]);
  return (
    <TokenSurface
      count={ctx.tokens.ids.length}
      estimateRowSize={estimateRowSize}
      endsBlock={endsLine}
      overscan={2}
      rowCount={layout.count}
      rowOfToken={rowOfToken}
      rowRange={rowRange}
      label="Tokens over the text"
      className="text-lg whitespace-pre-wrap break-words"
      renderPopover={renderPopover}
      renderRow={(row, activeIndex, describedBy) => <TextRow ctx={ctx} layout={layout} row={row} activeIndex={activeIndex} describedBy={describedBy} />}
    />
  );
}
