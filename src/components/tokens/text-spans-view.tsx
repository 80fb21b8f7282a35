import { memo, useCallback, useMemo } from 'react';
import { bytesToHex } from '../../core/tokens/bytes';
import { buildSegments, chunkOfToken, chunkSegments, tokenBytesAt, tokenDetails, type Chunk, type Segment } from '../../core/tokens/spans';
import { ContextMarker } from './context-marker';
import { tokenAttrs } from './token-attrs';
import { TokenSurface, type TokenSurfaceProps } from './token-surface';
import { SegmentView, type SegmentSource } from './segment-view';
import type { ViewContext } from './view-context';

type PopoverRenderer = TokenSurfaceProps['renderPopover'];

interface RowProps {
  ctx: ViewContext;
  segments: readonly Segment[];
  chunk: Chunk;
  activeIndex: number;
  describedBy: string | undefined;
}

/** The full token arrays hold every token's string and bytes. */
function sourceOf({ tokens }: ViewContext): SegmentSource {
  return {
    attrs: (i, active) => tokenAttrs(tokens, i, active),
    raw: (i) => tokens.tokens[i]!,
    hex: (i) => bytesToHex(tokenBytesAt(tokens, i)) || tokens.tokens[i]!,
    bracketLabel: (first) => tokenDetails(tokens, first).decodedText,
  };
}

const TextRow = memo(function TextRow({ ctx, segments, chunk, activeIndex, describedBy }: RowProps) {
  const source = sourceOf(ctx);
  const out = [];
  for (let s = chunk.segmentFrom; s < chunk.segmentTo; s++) {
    const segment = segments[s]!;
    const first = segment.kind === 'bracket' ? segment.first : segment.kind === 'gap' ? -1 : segment.index;
    const last = segment.kind === 'bracket' ? segment.last : first + 1;
    if (ctx.windowEnd != null && first >= 0 && ctx.windowEnd >= first && ctx.windowEnd < last) out.push(<ContextMarker key={`m${s}`} windowEnd={ctx.windowEnd} />);
    out.push(<SegmentView key={s} ctx={ctx} source={source} segment={segment} activeIndex={activeIndex} describedBy={describedBy} />);
  }
  return <>{out}</>;
});

export interface TextSpansViewProps {
  ctx: ViewContext;
  renderPopover: PopoverRenderer;
  label?: string;
  heightClass?: TokenSurfaceProps['heightClass'];
  scrollElementRef?: TokenSurfaceProps['scrollElementRef'];
  onScroll?: TokenSurfaceProps['onScroll'];
  virtualizeAbove?: TokenSurfaceProps['virtualizeAbove'];
  flushSync?: TokenSurfaceProps['flushSync'];
  overscan?: TokenSurfaceProps['overscan'];
  estimatedRowHeight?: TokenSurfaceProps['estimatedRowHeight'];
}

/** Coloured spans over the original text; tokens that split one character share a bracket. */
export function TextSpansView({ ctx, renderPopover, label = 'Tokens over the text', heightClass, scrollElementRef, onScroll, virtualizeAbove, flushSync, overscan, estimatedRowHeight }: TextSpansViewProps) {
  const segments = useMemo(() => buildSegments(ctx.text, ctx.tokens), [ctx.text, ctx.tokens]);
  const chunks = useMemo(() => chunkSegments(ctx.text, segments), [ctx.text, segments]);
  const rowOfToken = useCallback((i: number) => chunkOfToken(chunks, i), [chunks]);
  const rowRange = useCallback((row: number): [number, number] => [chunks[row]!.tokenFrom, chunks[row]!.tokenTo], [chunks]);
  return (
    <TokenSurface
      count={ctx.tokens.ids.length}
      rowCount={chunks.length}
      rowOfToken={rowOfToken}
      rowRange={rowRange}
      label={label}
      className="text-lg whitespace-pre-wrap break-words"
      heightClass={heightClass}
      scrollElementRef={scrollElementRef}
      onScroll={onScroll}
      virtualizeAbove={virtualizeAbove}
      flushSync={flushSync}
      overscan={overscan}
      estimatedRowHeight={estimatedRowHeight}
      renderPopover={renderPopover}
      renderRow={(row, activeIndex, describedBy) => (
        <TextRow ctx={ctx} segments={segments} chunk={chunks[row]!} activeIndex={activeIndex} describedBy={describedBy} />
      )}
    />
  );
}
