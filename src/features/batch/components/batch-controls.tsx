import { Checkbox } from '../../../components/ui/checkbox';
import type { BatchPaddingMode, BatchResult, BatchSide } from '../../../worker/protocol';
import { HINT_CLASS, LABEL_CLASS, NumberField, SelectField } from './fields';

export interface BatchSettings {
  padding: BatchPaddingMode;
  maxLength: number | null;
  truncation: boolean;
  truncationSide: BatchSide;
  padToMultipleOf: number | null;
  /** The side in effect (override or tokenizer default). */
  paddingSide: BatchSide | null;
  padTokenId: number | null;
  addSpecialTokens: boolean;
}

export interface BatchControlsProps {
  settings: BatchSettings;
  defaults: BatchResult['defaults'] | null;
  padCandidates: BatchResult['padCandidates'];
  onPadding: (mode: BatchPaddingMode) => void;
  onMaxLength: (n: number | null) => void;
  onTruncation: (on: boolean) => void;
  onTruncationSide: (side: BatchSide) => void;
  onPadToMultipleOf: (n: number | null) => void;
  onPaddingSide: (side: BatchSide) => void;
  onPadTokenId: (id: number | null) => void;
  onAddSpecialTokens: (on: boolean) => void;
}

const MODES: ReadonlyArray<{ value: BatchPaddingMode; label: string; hint: string }> = [
  { value: 'longest', label: 'longest', hint: 'pad to the longest line (padding=True)' },
  { value: 'max_length', label: 'max_length', hint: 'pad every line to max_length' },
  { value: 'none', label: 'none', hint: 'no padding: ragged rows, no tensor' },
];

const SIDE_SOURCES: Record<BatchResult['defaults']['paddingSideSource'], (cls: string | null) => string> = {
  config: () => 'set by padding_side in tokenizer_config.json',
  'class-default': (cls) => `${cls ?? 'this class'} pads left by default in Python transformers`,
  default: () => 'Python’s default when the config does not say',
  option: () => 'chosen here',
};

function sideHint(defaults: BatchResult['defaults'] | null) {
  if (!defaults) return 'Tokenizer default: loading…';
  return `Tokenizer default: ${defaults.paddingSide} (${SIDE_SOURCES[defaults.paddingSideSource](defaults.tokenizerClass)}).`;
}

function padDefaultLabel(defaults: BatchResult['defaults'] | null): string {
  const pad = defaults?.pad;
  if (!pad) return 'Tokenizer default';
  return `Default: ${pad.token} (${pad.id})${pad.source === 'eos-fallback' ? ' = EOS fallback' : ''}`;
}

export function BatchControls(props: BatchControlsProps) {
  const { settings: s, defaults } = props;
  const side = s.paddingSide ?? defaults?.paddingSide ?? 'right';
  const sideOptions = (['left', 'right'] as const).map((v) => ({ value: v, label: v === defaults?.paddingSide ? `${v} (tokenizer default)` : v }));
  const padValue = s.padTokenId === null ? 'default' : String(s.padTokenId);
  const padOptions = [
    { value: 'default', label: padDefaultLabel(defaults) },
    ...props.padCandidates
      .filter((c) => c.id !== defaults?.pad?.id || s.padTokenId === c.id)
      .map((c) => ({ value: String(c.id), label: `${c.token} (${c.id}) · ${c.why}` })),
  ];
  if (s.padTokenId !== null && !padOptions.some((o) => o.value === padValue)) padOptions.push({ value: padValue, label: `id ${s.padTokenId}` });
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start gap-x-8 gap-y-5">
        <fieldset className="flex flex-col gap-1">
          <legend className={LABEL_CLASS}>padding</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {MODES.map((m) => (
              <label
                key={m.value}
                title={m.hint}
                className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-400 px-3 py-2 text-lg has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 dark:border-slate-500 dark:has-[:checked]:border-indigo-300 dark:has-[:checked]:bg-indigo-950"
              >
                <input type="radio" name="batch-padding" value={m.value} checked={s.padding === m.value} onChange={() => props.onPadding(m.value)} className="size-4 accent-indigo-700 dark:accent-indigo-300" />
                <span className="font-mono">{m.label}</span>
              </label>
            ))}
          </div>
          <p className={HINT_CLASS}>{MODES.find((m) => m.value === s.padding)!.hint}</p>
        </fieldset>
        <SelectField label="padding_side" testId="padding-side" value={side} options={sideOptions} onChange={props.onPaddingSide} hint={sideHint(defaults)} />
        <NumberField label="pad_to_multiple_of" value={s.padToMultipleOf} onChange={props.onPadToMultipleOf} hint="e.g. 8 or 64, for tensor cores" />
        <SelectField label="pad token" value={padValue} options={padOptions} onChange={(v) => props.onPadTokenId(v === 'default' ? null : Number(v))} />
      </div>
      <div className="flex flex-wrap items-start gap-x-8 gap-y-5">
        <NumberField
          label="max_length"
          value={s.maxLength}
          onChange={props.onMaxLength}
          hint={defaults?.modelMaxLength ? `None = model_max_length (${defaults.modelMaxLength.toLocaleString('en-US')})` : 'No model_max_length'}
        />
        <div className="flex flex-col gap-2 pt-7">
          <Checkbox checked={s.truncation} onChange={props.onTruncation} label={<span className="font-mono text-base">truncation</span>} />
          <Checkbox checked={s.addSpecialTokens} onChange={props.onAddSpecialTokens} label={<span className="font-mono text-base">add_special_tokens</span>} />
        </div>
        <SelectField
          label="truncation_side"
          value={s.truncationSide}
          options={[{ value: 'right', label: 'right (keep start)' }, { value: 'left', label: 'left (keep end)' }]}
          onChange={props.onTruncationSide}
        />
      </div>
    </div>
  );
}
