import type { BatchCostInfo, BatchPadded } from '../../../worker/protocol';

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (n: number) => `${n.toFixed(1)}%`;

const NAMES: Record<BatchCostInfo['strategy'], string> = {
  padded: 'Padded',
  flattened: 'Padding-free (one row)',
  packed: 'Packed into bins (BFD)',
};

export function WasteSummary({ padded, cost }: { padded: BatchPadded; cost: BatchCostInfo }) {
  const pads = cost.slots - cost.realTokens;
  return (
    <p data-testid="padding-waste" className="text-2xl font-semibold text-slate-950 dark:text-white">
      {padded.padding === 'none' ? 'No padding: ' : ''}
      <span className="text-amber-800 dark:text-amber-300">{pct(cost.wastePercent)}</span> of the {fmt(cost.slots)} computed slots are padding ({fmt(pads)} PAD, {fmt(cost.realTokens)} real tokens).
    </p>
  );
}

/** Real tokens vs computed slots, and attention cells: B×L² padded vs Σlᵢ² padding-free. */
export function CostTable({ costs, packLength }: { costs: BatchCostInfo[]; packLength: number }) {
  const padded = costs.find((c) => c.strategy === 'padded');
  return (
    <table className="w-full border-collapse text-left text-lg">
      <caption className="sr-only">Cost of each batching strategy</caption>
      <thead>
        <tr className="border-b-2 border-slate-400 dark:border-slate-500">
          <th scope="col" className="py-2 pr-4">Strategy</th>
          <th scope="col" className="py-2 pr-4 text-right">Shape</th>
          <th scope="col" className="py-2 pr-4 text-right">Real tokens</th>
          <th scope="col" className="py-2 pr-4 text-right">Computed slots</th>
          <th scope="col" className="py-2 pr-4 text-right">Wasted on padding</th>
          <th scope="col" className="py-2 text-right">Attention cells (B·L² vs Σlᵢ²)</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {costs.map((c) => (
          <tr key={c.strategy} className="border-b border-slate-300 dark:border-slate-700">
            <th scope="row" className="py-2 pr-4 font-sans font-semibold">
              {NAMES[c.strategy]}
              {c.strategy === 'packed' ? ` (${packLength})` : ''}
            </th>
            <td className="py-2 pr-4 text-right">{fmt(c.rows)} × {fmt(c.width)}</td>
            <td className="py-2 pr-4 text-right">{fmt(c.realTokens)}</td>
            <td className="py-2 pr-4 text-right">{fmt(c.slots)}</td>
            <td className="py-2 pr-4 text-right">{pct(c.wastePercent)}</td>
            <td className="py-2 text-right">
              {fmt(c.strategy === 'packed' ? c.usefulAttentionCells : c.attentionCells)}
              {padded && c.strategy !== 'padded' && c.usefulAttentionCells > 0 ? ` (${(padded.attentionCells / c.usefulAttentionCells).toFixed(2)}× less)` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
