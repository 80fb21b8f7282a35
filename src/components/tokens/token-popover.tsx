import { useRef } from 'react';
import type { TokenDetails } from '../../core/tokens/spans';
import { useAnchoredPosition } from '../ui/use-anchored-position';

export interface TokenPopoverProps {
  id: string;
  details: TokenDetails;
  role: string | null;
  anchor: HTMLElement;
  beyondWindow: boolean;
}

/**
 * Details of the hovered or focused token. Deliberately carries none of the `data-token-*` attributes:
 * one element per token is the contract. Text is rendered as React text nodes only.
 */
export function TokenPopover({ id, details, role, anchor, beyondWindow }: TokenPopoverProps) {
  const ref = useRef<HTMLDivElement>(null);

  const position = useAnchoredPosition(ref, anchor, [details]);

  const rows: Array<[string, string]> = [
    ['ID', String(details.id)],
    ['Raw token', details.token],
    ['Text', details.decodedText],
    ['UTF-8 bytes', details.hex || '(none)'],
    ['Characters', details.start === details.end ? `inserted at ${details.start}` : `[${details.start}, ${details.end})`],
    ['Special', details.special ? `yes${role ? ` (${role})` : ''}` : 'no'],
  ];

  return (
    <div
      ref={ref}
      id={id}
      role="tooltip"
      style={{ top: position?.top ?? -9999, left: position?.left ?? -9999 }}
      className="pointer-events-none fixed z-50 max-w-md rounded-lg border border-slate-300 bg-white p-3 text-sm text-slate-900 shadow-xl dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
    >
      <p className="mb-2 font-semibold">Token #{details.index}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="font-mono break-all whitespace-pre-wrap">{value === '' ? '(empty)' : value}</dd>
          </div>
        ))}
      </dl>
      {!details.wellFormed && <p className="mt-2 text-xs text-slate-700 dark:text-slate-300">Part of a character: its bytes are shown, not a replacement character.</p>}
      {beyondWindow && <p className="mt-2 text-xs font-medium text-amber-800 dark:text-amber-300">Past the end of the context window.</p>}
    </div>
  );
}
