import { memo, useCallback, useEffect, useMemo } from 'react';
import { chunkTokens } from '../../../core/tokens/spans';
import { ContextMarker } from '../../../components/tokens/context-marker';
import { tokenAttrs } from '../../../components/tokens/token-attrs';
import { TokenSurface, type TokenSurfaceProps } from '../../../components/tokens/token-surface';
import { detailsAt, display, tokenClass, type ViewContext } from './view-context';

type Mode = 'ids' | 'raw';

interface RowProps {
  ctx: ViewContext;
  mode: Mode;
  from: number;
  to: number;
  isLast: boolean;
  activeIndex: number;
  describedBy: string | undefined;
}

const ROW_SIZE: Record<Mode, number> = { ids: 400, raw: 250 };

const ListRow = memo(function ListRow({ ctx, mode, from, to, isLast, activeIndex, describedBy }: RowProps) {
  const { tokens, details } = ctx;
  // The raw view draws each token's string: ask for those of this row (a no-op once known).
  useEffect(() => {
    if (mode === 'raw' && to > from) details.request(tokens.ids.subarray(from, to));
  }, [mode, details, tokens, from, to]);
  const out = [];
  if (from === 0 && mode === 'ids') out.push('[');
  for (let i = from; i < to; i++) {
    if (ctx.windowEnd === i) out.push(<ContextMarker key={`m${i}`} windowEnd={ctx.windowEnd} />);
    const attrs = { ...tokenAttrs(tokens, i, i === activeIndex), ...(i === activeIndex ? { 'aria-describedby': describedBy } : {}) };
    if (mode === 'ids') {
      out.push(
        <span key={i} {...attrs} className={`${tokenClass(ctx, i)} tok-plain`}>
          {tokens.ids[i]}
        </span>,
      );
      if (i < tokens.ids.length - 1) out.push(', ');
    } else {
      const raw = detailsAt(ctx, i);
      out.push(
        <span key={i} {...attrs} className={`${tokenClass(ctx, i)} tok-chip`}>
          {raw === undefined ? '…' : raw.token === null || raw.token === '' ? '∅' : display(ctx, raw.token)}
        </span>,
        ' ',
      );
    }
  }
  if (isLast && mode === 'ids') out.push(']');
  return <>{out}</>;
});

export interface ListViewProps {
  ctx: ViewContext;
  mode: Mode;
  renderPopover: TokenSurfaceProps['renderPopover'];
}

/** The ids (`[128000, 9906, …]`) and raw-token (`Ġworld`) sub-views: the same tokens as a flat list. */
export function ListView({ ctx, mode, renderPopover }: ListViewProps) {
  const rows = useMemo(() => {
    const chunks = chunkTokens(ctx.tokens.ids.length, ROW_SIZE[mode]);
    // An empty encoding still shows `[]` in the ids view.
    return chunks.length === 0 && mode === 'ids' ? [[0, 0] as [number, number]] : chunks;
  }, [ctx.tokens, mode]);
  const rowOfToken = useCallback((i: number) => Math.floor(i / ROW_SIZE[mode]), [mode]);
  const rowRange = useCallback((row: number) => rows[row]!, [rows]);
  return (
    <TokenSurface
      count={ctx.tokens.ids.length}
      rowCount={rows.length}
      rowOfToken={rowOfToken}
      rowRange={rowRange}
      label={mode === 'ids' ? 'Token ids' : 'Raw tokens'}
      className="font-mono text-base break-words whitespace-pre-wrap"
      renderPopover={renderPopover}
      renderRow={(row, activeIndex, describedBy) => (
        <ListRow ctx={ctx} mode={mode} from={rows[row]![0]} to={rows[row]![1]} isLast={row === rows.length - 1} activeIndex={activeIndex} describedBy={describedBy} />
      )}
    />
  );
}
