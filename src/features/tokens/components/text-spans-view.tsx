import { memo, useCallback, useEffect, useMemo } from 'react';
import { bytesToHex, decodedLabel, decodeUtf8Parts } from '../../../core/tokens/bytes';
import type { Segment } from '../../../core/tokens/spans';
import { layoutRows, rowOfTokenIn, rowSegments, type RowLayout } from '../row-layout';
import { ContextMarker } from './context-marker';
import { tokenAttrs } from './token-attrs';
import { TokenSurface, type TokenSurfaceProps } from './token-surface';
import { detailsAt, display, roleOf, tokenClass, type ViewContext } from './view-context';

type PopoverRenderer = TokenSurfaceProps['renderPopover'];

interface RowProps {
  ctx: ViewContext;
  layout: RowLayout;
  row: number;
  activeIndex: number;
  describedBy: string | undefined;
}

function RoleTag({ role }: { role: string }) {
  return <span className="tok-role">{role}</span>;
}

function SegmentView({ ctx, segment, activeIndex, describedBy }: { ctx: ViewContext; segment: Segment; activeIndex: number; describedBy: string | undefined }) {
  const { text, tokens } = ctx;
  const slice = text.slice(segment.textStart, segment.textEnd);
  const aria = (i: number) => (i === activeIndex ? { 'aria-describedby': describedBy } : {});
  switch (segment.kind) {
    case 'gap':
      return <span className="tok-gap">{display(ctx, slice)}</span>;
    case 'token': {
      const i = segment.index;
      const role = roleOf(ctx, i);
      return (
        <span {...tokenAttrs(tokens, i, i === activeIndex)} {...aria(i)} className={tokenClass(ctx, i)}>
          {role && <RoleTag role={role} />}
          {display(ctx, slice)}
        </span>
      );
    }
    case 'inserted': {
      const i = segment.index;
      return (
        <span {...tokenAttrs(tokens, i, i === activeIndex)} {...aria(i)} className={`${tokenClass(ctx, i)} tok-inserted`}>
          <RoleTag role={roleOf(ctx, i) ?? 'inserted'} />
          {detailsAt(ctx, i)?.token ?? ''}
        </span>
      );
    }
    case 'bracket': {
      const members = Array.from({ length: segment.last - segment.first }, (_, k) => segment.first + k);
      // Text an earlier token already drew has nothing left to show; fall back to the decoded bytes.
      const firstBytes = detailsAt(ctx, segment.first)?.bytes;
      const label = slice ? display(ctx, slice) : firstBytes ? decodedLabel(decodeUtf8Parts(firstBytes)) : '';
      return (
        <span className="tok-bracket" title={`${members.length} tokens share this text`}>
          <span className="tok-bracket-text">{label}</span>
          <span className="tok-bracket-bytes">
            {members.map((i) => {
              const d = detailsAt(ctx, i);
              return (
                <span key={i} {...tokenAttrs(tokens, i, i === activeIndex)} {...aria(i)} className={`${tokenClass(ctx, i)} tok-hex`}>
                  {d ? bytesToHex(d.bytes) || d.token : '…'}
                </span>
              );
            })}
          </span>
        </span>
      );
    }
  }
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
 * Whether row `row` draws the same thing in both: same token indices, ids, offsets and text. An edit re-renders only
 * the rows it changed (at the end of a text, one), not every row on screen.
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.activeIndex !== b.activeIndex || a.describedBy !== b.describedBy) return false;
  const x = a.ctx;
  const y = b.ctx;
  if (x.details !== y.details || x.detailsVersion !== y.detailsVersion || x.showWhitespace !== y.showWhitespace || x.roles !== y.roles || x.windowEnd !== y.windowEnd) return false;
  if (a.ctx === b.ctx && a.layout === b.layout && a.row === b.row) return true;
  const from = a.layout.tokenFrom[a.row]!;
  const to = a.layout.tokenTo[a.row]!;
  if (from !== b.layout.tokenFrom[b.row] || to !== b.layout.tokenTo[b.row]) return false;
  for (let i = from; i < to; i++) {
    if (x.tokens.ids[i] !== y.tokens.ids[i] || x.tokens.starts[i] !== y.tokens.starts[i] || x.tokens.ends[i] !== y.tokens.ends[i] || x.tokens.special[i] !== y.tokens.special[i]) return false;
  }
  const ta = a.layout.textFrom[a.row]!;
  const tb = b.layout.textFrom[b.row]!;
  const len = a.layout.textTo[a.row]! - ta;
  return ta === tb && len === b.layout.textTo[b.row]! - tb && x.text.startsWith(y.text.slice(tb, tb + len), ta);
}

const TextRow = memo(function TextRow({ ctx, layout, row, activeIndex, describedBy }: RowProps) {
  const segments = useMemo(() => rowSegments(ctx.text, ctx.tokens, layout, row), [ctx.text, ctx.tokens, layout, row]);
  const details = ctx.details;
  useEffect(() => {
    const ids = idsNeeded(ctx, segments);
    if (ids.length) details.request(ids);
  }, [ctx, segments, details]);
  const out = [];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    const first = segment.kind === 'bracket' ? segment.first : segment.kind === 'gap' ? -1 : segment.index;
    const last = segment.kind === 'bracket' ? segment.last : first + 1;
    if (ctx.windowEnd != null && first >= 0 && ctx.windowEnd >= first && ctx.windowEnd < last) out.push(<ContextMarker key={`m${s}`} windowEnd={ctx.windowEnd} />);
    out.push(<SegmentView key={s} ctx={ctx} segment={segment} activeIndex={activeIndex} describedBy={describedBy} />);
  }
  return <>{out}</>;
}, sameRow);

export interface TextSpansViewProps {
  ctx: ViewContext;
  renderPopover: PopoverRenderer;
}

/** Coloured spans over the original text; tokens that split one character share a bracket. */
export function TextSpansView({ ctx, renderPopover }: TextSpansViewProps) {
  const layout = useMemo(() => layoutRows(ctx.text, ctx.tokens), [ctx.text, ctx.tokens]);
  const rowOfToken = useCallback((i: number) => rowOfTokenIn(layout, i), [layout]);
  const rowRange = useCallback((row: number): [number, number] => [layout.tokenFrom[row]!, layout.tokenTo[row]!], [layout]);
  return (
    <TokenSurface
      count={ctx.tokens.ids.length}
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
