import type { BatchPadded } from '../../../worker/protocol';
import type { CellLabel } from '../store';
import { CELL, GroupTitle, MUTED, RowHeader, TokenCell } from './cells';

/** Columns drawn at most; a longer batch says so (the numbers still cover every column). */
export const MAX_DRAWN_COLUMNS = 192;

export interface PaddedGridProps {
  padded: BatchPadded;
  sequenceCount: number;
  cellLabel: CellLabel;
}

const MASK_ON = 'border-emerald-600 bg-emerald-50 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-50';

/**
 * input_ids, attention_mask and labels in one table so their columns line up; each in its own `<tbody>` so the
 * padded grid holds exactly one `[data-row]` per sequence and the mask rows sit outside it.
 */
export function PaddedGrid({ padded, sequenceCount, cellLabel }: PaddedGridProps) {
  const width = Math.min(padded.width, MAX_DRAWN_COLUMNS);
  const cols = Array.from({ length: width }, (_, i) => i);
  const span = width + 1;
  const rows = padded.rows;
  return (
    <div className="flex flex-col gap-2">
      {(rows.length < sequenceCount || width < padded.width) && (
        <p className="text-lg font-medium text-slate-800 dark:text-slate-200" data-testid="padded-shown">
          Showing {rows.length.toLocaleString('en-US')} of {sequenceCount.toLocaleString('en-US')} sequences
          {width < padded.width ? ` and ${width} of ${padded.width} positions` : ''}; the numbers below cover the whole batch.
        </p>
      )}
      <div className="overflow-x-auto pb-2" tabIndex={0} role="region" aria-label="Padded batch: input_ids, attention_mask and labels">
        <table className="border-separate border-spacing-1">
          <caption className="sr-only">
            Padded batch, {padded.paddingSide} padding, width {padded.width}: input_ids, attention_mask and labels per sequence
          </caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 text-right text-sm font-medium text-slate-700 dark:text-slate-300">
                position
              </th>
              {cols.map((c) => (
                <th key={c} scope="col" className="font-mono text-sm font-medium text-slate-700 dark:text-slate-300">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <GroupTitle colSpan={span}>input_ids</GroupTitle>
          </tbody>
          <tbody data-testid="padded-batch">
            {rows.map((row, r) => (
              <tr key={r} data-row={r}>
                <RowHeader>seq {r}</RowHeader>
                {cols.map((c) =>
                  c < row.inputIds.length ? (
                    <TokenCell key={c} id={row.inputIds[c]!} text={row.texts[c]!} pad={row.attentionMask[c] === 0} maskedReal={row.maskedReal[c]} label={cellLabel} />
                  ) : (
                    <td key={c} aria-label="no cell (ragged row)" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
          <tbody>
            <GroupTitle colSpan={span}>attention_mask</GroupTitle>
          </tbody>
          <tbody data-testid="attention-mask">
            {rows.map((row, r) => (
              <tr key={r} data-row={r}>
                <RowHeader>seq {r}</RowHeader>
                {cols.map((c) =>
                  c < row.attentionMask.length ? (
                    <td key={c} data-mask={row.attentionMask[c]} className={`${CELL} ${row.attentionMask[c] === 1 ? MASK_ON : MUTED}`}>
                      {row.attentionMask[c]}
                    </td>
                  ) : (
                    <td key={c} />
                  ),
                )}
              </tr>
            ))}
          </tbody>
          <tbody>
            <GroupTitle colSpan={span}>labels (−100 = ignored by the loss)</GroupTitle>
          </tbody>
          <tbody data-testid="padded-labels">
            {rows.map((row, r) => (
              <tr key={r} data-label-row={r}>
                <RowHeader>seq {r}</RowHeader>
                {cols.map((c) =>
                  c < row.labels.length ? (
                    <td key={c} data-label={row.labels[c]} className={`${CELL} text-base ${row.labels[c] === -100 ? MUTED : 'border-slate-400 bg-white text-slate-950 dark:border-slate-500 dark:bg-slate-900 dark:text-white'}`}>
                      {row.labels[c] === -100 ? '−100' : row.labels[c]}
                    </td>
                  ) : (
                    <td key={c} />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
