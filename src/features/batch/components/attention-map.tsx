import type { BatchSide } from '../../../worker/protocol';

const SEQ_FILL = ['fill-indigo-500', 'fill-teal-500', 'fill-amber-500', 'fill-rose-500'];
const SIZE = 320;
/** Up to this many tokens each cell is drawn; beyond, only the blocks. */
const CELL_LIMIT = 48;

function Grid({ n, cell }: { n: number; cell: number }) {
  if (n > CELL_LIMIT) return null;
  const lines = [];
  for (let i = 0; i <= n; i++) {
    lines.push(<line key={`h${i}`} x1={0} x2={n * cell} y1={i * cell} y2={i * cell} />);
    lines.push(<line key={`v${i}`} y1={0} y2={n * cell} x1={i * cell} x2={i * cell} />);
  }
  return <g className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={0.5}>{lines}</g>;
}

/** Padding-free attention: block-diagonal, one block per sequence (cu_seqlens), nothing across sequences. */
export function PackedAttention({ cuSeqLens }: { cuSeqLens: number[] }) {
  const n = cuSeqLens[cuSeqLens.length - 1] ?? 0;
  if (n === 0) return null;
  const cell = SIZE / n;
  const blocks = cuSeqLens.slice(0, -1).map((start, k) => ({ start, len: cuSeqLens[k + 1]! - start, k }));
  const useful = blocks.reduce((a, b) => a + b.len * b.len, 0);
  return (
    <figure className="flex flex-col gap-2">
      <svg role="img" aria-labelledby="packed-attn-title" viewBox={`-1 -1 ${SIZE + 2} ${SIZE + 2}`} className="h-80 w-80 rounded border border-slate-400 bg-white dark:border-slate-500 dark:bg-slate-900">
        <title id="packed-attn-title">{`Block-diagonal attention of the packed row: ${blocks.length} blocks on the diagonal, ${useful.toLocaleString('en-US')} of ${(n * n).toLocaleString('en-US')} cells; sequences do not attend to each other.`}</title>
        {blocks.map((b) => (
          <rect key={b.k} x={b.start * cell} y={b.start * cell} width={b.len * cell} height={b.len * cell} className={SEQ_FILL[b.k % SEQ_FILL.length]} opacity={0.85} />
        ))}
        <Grid n={n} cell={cell} />
      </svg>
      <figcaption className="max-w-80 text-base text-slate-800 dark:text-slate-200">
        Padding-free: {n} × {n} positions, only the {blocks.length} diagonal blocks are computed (Σlᵢ² = {useful.toLocaleString('en-US')}).
      </figcaption>
    </figure>
  );
}

/** Padded attention: B separate L×L squares; the padded rows and columns are computed too, then masked. */
export function PaddedAttention({ lengths, width, side }: { lengths: number[]; width: number; side: BatchSide }) {
  const shown = lengths.slice(0, 8);
  if (width === 0 || shown.length === 0) return null;
  const gap = 8;
  const sq = Math.min(SIZE / 2, (SIZE - gap * (shown.length - 1)) / shown.length);
  const cell = sq / width;
  const total = sq * shown.length + gap * (shown.length - 1);
  return (
    <figure className="flex flex-col gap-2">
      <svg role="img" aria-labelledby="padded-attn-title" viewBox={`-1 -1 ${total + 2} ${sq + 2}`} className="h-auto w-80 rounded border border-slate-400 bg-white dark:border-slate-500 dark:bg-slate-900">
        <title id="padded-attn-title">{`Padded attention: ${lengths.length} squares of ${width} × ${width} cells; the real part of each is its sequence length squared, the rest is padding.`}</title>
        {shown.map((len, k) => {
          const off = side === 'left' ? width - len : 0;
          const x0 = k * (sq + gap);
          return (
            <g key={k}>
              <rect x={x0} y={0} width={sq} height={sq} className="fill-slate-300 dark:fill-slate-700" />
              <rect x={x0 + off * cell} y={off * cell} width={len * cell} height={len * cell} className={SEQ_FILL[k % SEQ_FILL.length]} opacity={0.85} />
              {width <= CELL_LIMIT / 2 && (
                <g transform={`translate(${x0} 0)`}>
                  <Grid n={width} cell={cell} />
                </g>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="max-w-80 text-base text-slate-800 dark:text-slate-200">
        Padded: {lengths.length} × {width}² = {(lengths.length * width * width).toLocaleString('en-US')} cells computed; grey is padding{lengths.length > shown.length ? ` (first ${shown.length} rows drawn)` : ''}.
      </figcaption>
    </figure>
  );
}
