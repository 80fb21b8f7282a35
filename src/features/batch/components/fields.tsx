import { useId, type ReactNode } from 'react';

export const INPUT_CLASS =
  'rounded-md border border-slate-400 bg-white px-3 py-2 text-lg text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 disabled:opacity-60 dark:border-slate-500 dark:bg-slate-900 dark:text-white dark:focus-visible:outline-indigo-300';
export const LABEL_CLASS = 'font-mono text-base font-semibold text-slate-900 dark:text-slate-100';
export const HINT_CLASS = 'text-sm text-slate-700 dark:text-slate-300';

/** A label above a control and an optional hint below it, tied together by ids. */
function Field({ label, hint, hintClass, control }: { label: string; hint?: ReactNode; hintClass: string; control: (id: string, describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={LABEL_CLASS}>
        {label}
      </label>
      {control(id, hint ? `${id}-hint` : undefined)}
      {hint && (
        <p id={`${id}-hint`} className={`${hintClass} ${HINT_CLASS}`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A labelled number input where empty means "unset" (Python's None). */
export function NumberField({ label, value, onChange, hint, min = 1, placeholder = 'None' }: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  hint?: ReactNode;
  min?: number;
  placeholder?: string;
}) {
  return (
    <Field
      label={label}
      hint={hint}
      hintClass="max-w-40"
      control={(id, describedBy) => (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          step={1}
          value={value ?? ''}
          placeholder={placeholder}
          aria-describedby={describedBy}
          onChange={(e) => {
            const raw = e.target.value.trim();
            if (raw === '') return onChange(null);
            const n = Number(raw);
            if (Number.isInteger(n) && n >= min) onChange(n);
          }}
          className={`w-36 ${INPUT_CLASS}`}
        />
      )}
    />
  );
}

export function SelectField<T extends string>({ label, value, options, onChange, hint, testId }: {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <Field
      label={label}
      hint={hint}
      hintClass="max-w-xs"
      control={(id, describedBy) => (
        <select id={id} data-testid={testId} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as T)} className={INPUT_CLASS}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
