import type { BatchPadded, BatchResult } from '../../../worker/protocol';

const BOX = 'rounded-lg border-l-8 px-4 py-3 text-lg';
const WARN = `${BOX} border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50`;
const INFO = `${BOX} border-indigo-600 bg-indigo-50 text-slate-950 dark:border-indigo-300 dark:bg-indigo-950 dark:text-white`;

/** The pad token, said plainly: where it came from, what Python would do, and what pad = eos costs. */
export function PadTokenNote({ padded }: { padded: BatchPadded }) {
  const pad = padded.pad;
  if (!pad || padded.padding === 'none') return null;
  const fallback = pad.source === 'eos-fallback';
  return (
    <div className={fallback || padded.padEqualsEos ? WARN : INFO} data-testid="pad-token-note">
      {fallback ? (
        <p>
          <strong>This tokenizer has no pad token.</strong> The lab pads with EOS <code>{pad.token}</code> ({pad.id}), as transformers.js does. Python
          transformers would raise here: <code>ValueError: Asking to pad but the tokenizer does not have a padding token</code>, until you set{' '}
          <code>tokenizer.pad_token = tokenizer.eos_token</code>.
        </p>
      ) : (
        <p>
          Padding with <code>{pad.token}</code> ({pad.id}){pad.source === 'config' ? ', the pad_token of tokenizer_config.json' : ', chosen here'}.
        </p>
      )}
      {padded.padEqualsEos && (
        <p className="mt-2">
          <strong>pad = eos:</strong> the language-modelling collator sets every label equal to the pad id to −100, so the real EOS is masked too and the
          model never learns to stop. Pick another pad token above: an unused special token, or id 0.
        </p>
      )}
    </div>
  );
}

export function SideNote({ side, defaults }: { side: BatchPadded['paddingSide']; defaults: BatchResult['defaults'] }) {
  return (
    <div className={INFO}>
      <p>
        Padding on the <strong>{side}</strong>
        {side === defaults.paddingSide ? ', this tokenizer’s default' : `; this tokenizer defaults to ${defaults.paddingSide}`}. Generation uses{' '}
        <strong>left</strong> padding: a decoder continues from each row’s last position, so with right padding a short row would continue after PAD.
        Left padding puts every row’s last real token in the last column. Training usually pads right.
      </p>
    </div>
  );
}

export function CoreNotes({ notes }: { notes: BatchResult['notes'] }) {
  const shown = notes.filter((n) => n.code !== 'pad-token-fallback');
  if (shown.length === 0) return null;
  return (
    <ul className="flex flex-col gap-2" aria-label="Notes on these settings">
      {shown.map((n) => (
        <li key={n.code} className={WARN} data-note={n.code}>
          {n.message}
        </li>
      ))}
    </ul>
  );
}
