import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import type { BatchResult } from '../../../worker/protocol';
import { generateLines, spreadOf } from '../lines';
import type { ScalingSettings } from '../store';
import { NumberField, SelectField } from './fields';
import { ScalingChart } from './scaling-chart';

const DISTRIBUTIONS = [
  { value: 'lognormal', label: 'lognormal (long tail, like real data)' },
  { value: 'normal', label: 'normal' },
  { value: 'uniform', label: 'uniform' },
] as const;

export interface ScalingSectionProps {
  result: BatchResult;
  settings: ScalingSettings;
  onSettings: (s: Partial<ScalingSettings>) => void;
  onGenerate: (text: string) => void;
}

/** How waste grows with length variance, and a button that grows the batch itself. */
export function ScalingSection({ result, settings, onSettings, onGenerate }: ScalingSectionProps) {
  const [count, setCount] = useState<number | null>(1000);
  const [spread, setSpread] = useState<number | null>(60);
  const { mean, std } = spreadOf(result.lengths);
  const waste = result.costs[0]?.wastePercent;
  const current = mean > 0 && waste !== undefined ? { spread: std / mean, waste } : null;
  const generate = () => {
    const m = Math.max(1, Math.round(settings.mean / 1.3));
    onGenerate(generateLines(count ?? 1000, { type: settings.distribution, mean: m, std: (m * (spread ?? 60)) / 100 }, 7));
  };
  return (
    <div className="grid items-start gap-x-10 gap-y-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div>
        {result.scaling && (
          <ScalingChart
            points={result.scaling}
            current={current}
            caption={`Padding to the longest of ${settings.batchSize} sequences of mean length ${settings.mean} (${settings.distribution}, 20 seeded trials per point). The amber dot is your batch: ${result.lengths.length.toLocaleString('en-US')} sequences, spread ${current ? current.spread.toFixed(2) : '–'}.`}
          />
        )}
      </div>
      <div className="flex flex-col gap-6">
        <fieldset className="flex flex-wrap items-start gap-x-8 gap-y-4">
          <legend className="mb-2 text-xl font-semibold">Waste vs length spread</legend>
          <SelectField label="length distribution" value={settings.distribution} options={DISTRIBUTIONS} onChange={(distribution) => onSettings({ distribution })} />
          <NumberField label="mean length" value={settings.mean} onChange={(n) => n !== null && onSettings({ mean: n })} placeholder="64" />
          <NumberField label="batch size" value={settings.batchSize} onChange={(n) => n !== null && onSettings({ batchSize: Math.min(n, 4096) })} placeholder="32" />
        </fieldset>
        <fieldset className="flex flex-wrap items-end gap-x-6 gap-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
          <legend className="px-1 text-xl font-semibold">Grow the batch</legend>
          <NumberField label="lines" value={count} onChange={setCount} placeholder="1000" />
          <NumberField label="spread (% of mean)" value={spread} onChange={setSpread} min={0} placeholder="60" />
          <Button variant="primary" className="mb-0.5 px-4 py-2 text-lg!" onClick={generate}>
            Generate a batch
          </Button>
          <p className="text-base text-slate-800 dark:text-slate-200">
            Replaces the batch with {(count ?? 1000).toLocaleString('en-US')} lines of {settings.distribution} word counts around the mean length. Or paste your own.
          </p>
        </fieldset>
      </div>
    </div>
  );
}
