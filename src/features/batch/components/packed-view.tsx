import type { BatchBins, BatchFlattened } from '../../../worker/protocol';
import type { CellLabel } from '../store';
import { CELL, GroupTitle, MUTED, RowHeader, TokenCell } from './cells';

export interface PackedViewProps {
  flattened: BatchFlattened;
  cellLabel: CellLabel;
}

const START = 'border-l-4 border-l-indigo-800 dark:border-l-indigo-200';
const PLAIN = `${CELL} text-base border-slate-400 bg-white text-slate-950 dark:border-slate-500 dark:bg-slate-900 dark:text-white`;

/** DataCollatorWithFlattening: one row, positions restarting at 0, −100 on each sequence's first label. */
export function PackedView({ flattened: f, cellLabel }: PackedViewProps) {
  const n = f.inputIds.length;
  const cols = Array.from({ length: n }, (_, i) => i);
  const starts = new Set(f.cuSeqLens.slice(0, -1));
  const edge = (i: number) => (starts.has(i) && i > 0 ? START : '');
  return (
    <div className="flex flex-col gap-2">
      {n < f.total && (
        <p className="text-lg font-medium text-slate-800 dark:text-slate-200">
          Showing the first {n.toLocaleString('en-US')} of {f.total.toLocaleString('en-US')} tokens; cu_seqlens and the numbers cover all.
        </p>
      )}
      <div className="overflow-x-auto pb-2" tabIndex={0} role="region" aria-label="Padding-free batch: one packed row">
        <table className="border-separate border-spacing-1">
          <caption className="sr-only">Padding-free batch: input_ids, position_ids, labels and seq_idx of the one packed row</caption>
          <tbody>
            <GroupTitle colSpan={n + 1}>input_ids (1 × {f.total})</GroupTitle>
          </tbody>
          <tbody data-testid="packed-batch">
            <tr data-row={0}>
              <RowHeader>row 0</RowHeader>
              {cols.map((i) => (
                <TokenCell key={i} id={f.inputIds[i]!} text={f.texts[i]!} pad={false} label={cellLabel} extra={{ 'data-position': String(f.positionIds[i]) }} className={edge(i)} />
              ))}
            </tr>
          </tbody>
          <tbody data-testid="packed-extras">
            <tr>
              <RowHeader>position_ids</RowHeader>
              {cols.map((i) => (
                <td key={i} className={`${PLAIN} ${edge(i)} ${f.positionIds[i] === 0 ? 'font-bold' : ''}`}>
                  {f.positionIds[i]}
                </td>
              ))}
            </tr>
            <tr>
              <RowHeader>labels</RowHeader>
              {cols.map((i) => (
                <td key={i} data-label={f.labels[i]} className={`${f.labels[i] === -100 ? `${CELL} text-base ${MUTED}` : PLAIN} ${edge(i)}`}>
                  {f.labels[i] === -100 ? '−100' : f.labels[i]}
                </td>
              ))}
            </tr>
            <tr>
              <RowHeader>seq_idx</RowHeader>
              {cols.map((i) => (
                <td key={i} className={`${PLAIN} ${edge(i)}`}>
                  {f.seqIdx[i]}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-lg">
        <dt className="font-semibold">cu_seqlens</dt>
        <dd data-testid="cu-seqlens" className="break-all">
          [{f.cuSeqLens.length > 41 ? `${f.cuSeqLens.slice(0, 40).join(', ')}, … ${f.cuSeqLens[f.cuSeqLens.length - 1]}` : f.cuSeqLens.join(', ')}]
        </dd>
        <dt className="font-semibold">max_seqlen</dt>
        <dd>{f.maxLength}</dd>
      </dl>
    </div>
  );
}

const BIN_COLORS = ['bg-indigo-200 dark:bg-indigo-800', 'bg-teal-200 dark:bg-teal-800', 'bg-amber-200 dark:bg-amber-800', 'bg-rose-200 dark:bg-rose-800'];
const MAX_BINS = 12;

/** TRL packing: best-fit decreasing into bins of `packLength` tokens; each bar is one bin, each block one sequence. */
export function BinsView({ bins }: { bins: BatchBins }) {
  const shown = bins.bins.slice(0, MAX_BINS);
  return (
    <div className="flex flex-col gap-2" data-testid="bins">
      <ol className="flex flex-col gap-2" aria-label={`${bins.bins.length} bins of ${bins.packLength} tokens`}>
        {shown.map((bin, b) => (
          <li key={b} className="flex items-center gap-3">
            <span className="w-20 shrink-0 text-right font-mono text-base text-slate-700 dark:text-slate-300">bin {b}</span>
            <div className="flex h-12 flex-1 overflow-hidden rounded-md border border-slate-400 bg-white dark:border-slate-500 dark:bg-slate-900" style={{ maxWidth: `${Math.max(20, Math.min(100, bins.packLength * 4))}rem` }}>
              {bin.pieces.map((p, k) => (
                <div
                  key={k}
                  className={`flex items-center justify-center overflow-hidden border-r-2 border-white font-mono text-base whitespace-nowrap text-slate-950 dark:border-slate-950 dark:text-white ${BIN_COLORS[p.index % BIN_COLORS.length]}`}
                  style={{ width: `${(100 * p.length) / bins.packLength}%` }}
                  title={`seq ${p.index}: ${p.length} tokens`}
                >
                  seq {p.index} · {p.length}
                </div>
              ))}
            </div>
            <span className="font-mono text-base text-slate-800 dark:text-slate-200">
              {bin.length}/{bins.packLength}
            </span>
          </li>
        ))}
      </ol>
      {bins.bins.length > MAX_BINS && <p className="text-base">… and {bins.bins.length - MAX_BINS} more bins.</p>}
      {bins.dropped > 0 && (
        <p className="text-base text-amber-900 dark:text-amber-200">
          {bins.dropped.toLocaleString('en-US')} tokens of sequences longer than {bins.packLength} are cut off (TRL’s <code>bfd</code> truncates them).
        </p>
      )}
    </div>
  );
}
