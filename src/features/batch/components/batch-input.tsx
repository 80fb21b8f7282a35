import { useId } from 'react';
import type { ManifestEntry } from '../../../lib/manifest';
import { HINT_CLASS, INPUT_CLASS, LABEL_CLASS } from './fields';

export interface BatchInputProps {
  entries: ManifestEntry[];
  tokenizerId: string;
  onTokenizer: (id: string) => void;
  catalogError: string | null;
  text: string;
  onText: (text: string) => void;
  sequenceCount: number;
  skippedEmpty: number;
}

export function BatchInput({ entries, tokenizerId, onTokenizer, catalogError, text, onText, sequenceCount, skippedEmpty }: BatchInputProps) {
  const id = useId();
  const known = entries.some((e) => e.id === tokenizerId);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-tok`} className={LABEL_CLASS}>
          Tokenizer
        </label>
        <select
          id={`${id}-tok`}
          data-testid="batch-tokenizer-select"
          value={known ? tokenizerId : ''}
          onChange={(e) => onTokenizer(e.target.value)}
          disabled={entries.length === 0}
          className={INPUT_CLASS}
        >
          {!known && <option value="">{entries.length === 0 ? 'Loading tokenizers…' : tokenizerId}</option>}
          {entries.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        {catalogError && (
          <p role="alert" className="text-base text-red-800 dark:text-red-300">
            {catalogError}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-text`} className={LABEL_CLASS}>
          Batch: one sequence per line
        </label>
        <textarea
          id={`${id}-text`}
          data-testid="batch-input"
          value={text}
          onChange={(e) => onText(e.target.value)}
          rows={6}
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          className={`w-full font-mono ${INPUT_CLASS} text-xl leading-relaxed`}
        />
        <p id={`${id}-hint`} className={HINT_CLASS}>
          <strong>{sequenceCount.toLocaleString('en-US')}</strong> {sequenceCount === 1 ? 'sequence' : 'sequences'}. Empty lines are skipped
          {skippedEmpty > 0 ? ` (${skippedEmpty} skipped)` : ''}; a line of spaces is a sequence.
        </p>
      </div>
    </div>
  );
}
