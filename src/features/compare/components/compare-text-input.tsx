import { memo, useLayoutEffect, useRef } from 'react';
import { SAMPLE_TEXTS } from '../../../core/tokens/samples';
import { Checkbox } from '../../../components/ui/checkbox';

export interface CompareTextInputProps {
  value: string;
  onChange: (text: string) => void;
  addSpecialTokens: boolean;
  onAddSpecialTokensChange: (value: boolean) => void;
}

const nf = new Intl.NumberFormat('en-US');

/** The one text every pane tokenizes, with workshop samples one click away. */
export const CompareTextInput = memo(function CompareTextInput({ value, onChange, addSpecialTokens, onAddSpecialTokensChange }: CompareTextInputProps) {
  // Uncontrolled: React writes a controlled textarea's whole text back as its defaultValue on every keystroke,
  // which costs real time at 50k characters. The box is only written when the text changes from outside.
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.value !== value) el.value = value;
  }, [value]);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
        <label htmlFor="compare-text" className="text-sm font-semibold text-slate-800 dark:text-slate-200">
          Text to compare
        </label>
        <div role="group" aria-label="Sample texts" className="flex flex-wrap items-center gap-1.5">
          <span aria-hidden="true" className="mr-1 text-sm text-slate-600 dark:text-slate-400">
            Samples:
          </span>
          {SAMPLE_TEXTS.map((sample) => (
            <button
              key={sample.id}
              type="button"
              title={sample.hint}
              aria-pressed={value === sample.text}
              onClick={() => onChange(sample.text)}
              className={`rounded-full border px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-300 ${
                value === sample.text
                  ? 'border-indigo-700 bg-indigo-700 text-white dark:border-indigo-300 dark:bg-indigo-300 dark:text-slate-950'
                  : 'border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700'
              }`}
            >
              {sample.label}
            </button>
          ))}
        </div>
      </div>
      <textarea
        id="compare-text"
        data-testid="compare-text"
        ref={ref}
        defaultValue={value}
        onChange={(e) => onChange(e.target.value)}
        rows={3}
        spellCheck={false}
        aria-describedby="compare-text-hint"
        className="min-h-24 w-full resize-y rounded-lg border border-slate-300 bg-white p-3 font-mono text-base text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900 dark:text-white dark:focus-visible:outline-indigo-300"
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p id="compare-text-hint" className="text-xs text-slate-600 dark:text-slate-400">
          Every pane tokenizes this text. {nf.format(value.length)} UTF-16 units; the text is shared with the Tokens view.
        </p>
        <Checkbox
          checked={addSpecialTokens}
          onChange={onAddSpecialTokensChange}
          label="add_special_tokens"
          description="Let each post-processor add BOS/EOS and similar tokens (Python's default)"
        />
      </div>
    </div>
  );
});
