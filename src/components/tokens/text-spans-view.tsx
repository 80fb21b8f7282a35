import { memo, useCallback, useMemo } from 'react';
import { bytesToHex } from '../../core/tokens/bytes';
import { buildSegments, chunkOfToken, chunkSegments, tokenBytesAt, tokenDetails, type Chunk, type Segment } from '../../core/tokens/spans';
import { ContextMarker } from './context-marker';
import { tokenAttrs } from './token-attrs';
import { TokenSurface, type TokenSurfaceProps } from './token-surface';
import { display, roleOf, tokenClass, type ViewContext } from './view-context';

type PopoverRenderer = TokenSurfaceProps['renderPopover'];

interface RowProps {
  ctx: ViewContext;
  segments: readonly Segment[];
  chunk: Chunk;
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
          {tokens.tokens[i]}
        </span>
      );
    }
    case 'bracket': {
      const members = Array.from({ length: segment.last - segment.first }, (_, k) => segment.first + k);
      // Text an earlier token already drew has nothing left to show; fall back to the decoded bytes.
      const label = slice ? display(ctx, slice) : tokenDetails(tokens, segment.first).decodedText;
      return (
        <span className="tok-bracket" title={`${members.length} tokens share this text`}>
          <span className="tok-bracket-text">{label}</span>
          <span className="tok-bracket-bytes">
            {members.map((i) => (
              <span key={i} {...tokenAttrs(tokens, i, i === activeIndex)} {...aria(i)} className={`${tokenClass(ctx, i)} tok-hex`}>
                {bytesToHex(tokenBytesAt(tokens, i)) || tokens.tokens[i]}
              </span>
            ))}
          </span>
        </span>
      );
    }
  }
}

const TextRow = memo(function TextRow({ ctx, segments, chunk, activeIndex, describedBy }: RowProps) {
  const out = [];
  for (let s = chunk.segmentFrom; s < chunk.segmentTo; s++) {
    const segment = segments[s]!;
    const first = segment.kind === 'bracket' ? segment.first : segment.kind === 'gap' ? -1 : segment.index;
    const last = segment.kind === 'bracket' ? segment.last : first + 1;
    if (ctx.windowEnd != null && first >= 0 && ctx.windowEnd >= first && ctx.windowEnd < last) out.push(<ContextMarker key={`m${s}`} windowEnd={ctx.windowEnd} />);
    out.push(<SegmentView key={s} ctx={ctx} segment={segment} activeIndex={activeIndex} describedBy={describedBy} />);
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
