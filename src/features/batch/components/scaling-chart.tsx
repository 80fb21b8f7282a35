import type { BatchScalingPoint } from '../../../worker/protocol';

const W = 560, H = 300, L = 64, R = 16, T = 16, B = 56;

export interface ScalingChartProps {
  points: BatchScalingPoint[];
  /** This batch: its length spread (std ÷ mean) and its padded waste. */
  current: { spread: number; waste: number } | null;
  caption: string;
}

/** Padded waste against length spread; an accessible SVG with a data table behind it. */
export function ScalingChart({ points, current, caption }: ScalingChartProps) {
  const maxX = Math.max(1.5, ...points.map((p) => p.spread), current?.spread ?? 0);
  const x = (v: number) => L + ((W - L - R) * v) / maxX;
  const y = (v: number) => T + ((H - T - B) * (100 - v)) / 100;
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.spread).toFixed(1)},${y(p.paddedWastePercent).toFixed(1)}`).join(' ');
  const xTicks = Array.from({ length: Math.floor(maxX / 0.25) + 1 }, (_, i) => i * 0.25);
  return (
    <figure className="flex flex-col gap-2">
      <svg role="img" aria-labelledby="scaling-title scaling-desc" viewBox={`0 0 ${W} ${H}`} className="w-full text-slate-800 dark:text-slate-200">
        <title id="scaling-title">Padding waste grows with length spread</title>
        <desc id="scaling-desc">
          {points.map((p) => `spread ${p.spread.toFixed(2)}: ${p.paddedWastePercent.toFixed(0)}% wasted`).join('; ')}
          {current ? `. This batch: spread ${current.spread.toFixed(2)}, ${current.waste.toFixed(0)}% wasted.` : ''}
        </desc>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={L} x2={W - R} y1={y(v)} y2={y(v)} className="stroke-slate-300 dark:stroke-slate-700" />
            <text x={L - 8} y={y(v) + 5} textAnchor="end" className="fill-current text-[14px]">{v}%</text>
          </g>
        ))}
        {xTicks.map((v) => (
          <text key={v} x={x(v)} y={H - B + 22} textAnchor="middle" className="fill-current text-[14px]">{v.toFixed(2)}</text>
        ))}
        <text x={(L + W - R) / 2} y={H - 8} textAnchor="middle" className="fill-current text-[15px] font-semibold">length spread (std ÷ mean)</text>
        <text x={16} y={(T + H - B) / 2} textAnchor="middle" transform={`rotate(-90 16 ${(T + H - B) / 2})`} className="fill-current text-[15px] font-semibold">% slots wasted</text>
        <path d={path} fill="none" strokeWidth={3} className="stroke-indigo-700 dark:stroke-indigo-300" />
        {points.map((p) => (
          <circle key={p.spread} cx={x(p.spread)} cy={y(p.paddedWastePercent)} r={4} className="fill-indigo-700 dark:fill-indigo-300" />
        ))}
        {current && (
          <g>
            <circle cx={x(current.spread)} cy={y(current.waste)} r={8} className="fill-amber-500 stroke-slate-950 dark:stroke-white" strokeWidth={2} />
            <text x={x(current.spread) + 12} y={y(current.waste) - 10} className="fill-current text-[15px] font-semibold">this batch</text>
          </g>
        )}
      </svg>
      <figcaption className="text-base text-slate-800 dark:text-slate-200">{caption}</figcaption>
    </figure>
  );
}
