import type { CSSProperties, ReactNode } from 'react';
import type { CellLabel } from '../store';

/** Whitespace a room can see: a space is `·`, a newline `↵`, a tab `→`. */
export function visibleText(text: string): string {
  return text.replace(/ /g, '·').replace(/\n/g, '↵').replace(/\t/g, '→').replace(/\r/g, '␍');
}

export const CELL = 'h-14 min-w-[4.5rem] max-w-[10rem] rounded-md border px-2 text-center align-middle font-mono text-lg leading-tight';
export const REAL = 'border-indigo-300 bg-indigo-50 text-slate-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-white';
export const PAD = 'border-dashed border-slate-500 bg-slate-100 text-slate-800 dark:border-slate-400 dark:bg-slate-800 dark:text-slate-100';
export const MUTED = 'border-slate-300 bg-white text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300';
/** Diagonal hatching on padding cells, so PAD differs by pattern and not by colour alone. */
export const HATCH: CSSProperties = {
  backgroundImage: 'repeating-linear-gradient(135deg, rgb(100 116 139 / 0.22) 0 6px, transparent 6px 12px)',
};

export interface TokenCellProps {
  id: number;
  text: string;
  pad: boolean;
  label: CellLabel;
  /** A real token the labels hide because its id is the pad id (pad = eos). */
  maskedReal?: boolean;
  extra?: Record<string, string>;
  className?: string;
}

export function TokenCell({ id, text, pad, label, maskedReal = false, extra, className = '' }: TokenCellProps) {
  const title = pad ? `PAD: ${text} (id ${id})` : `${JSON.stringify(text)} (id ${id})${maskedReal ? ' — label −100: same id as the pad token' : ''}`;
  return (
    <td
      data-id={id}
      data-pad={pad ? 'true' : 'false'}
      title={title}
      style={pad ? HATCH : undefined}
      className={`${CELL} ${pad ? PAD : REAL} ${maskedReal ? 'ring-4 ring-amber-500 ring-inset' : ''} ${className}`}
      {...extra}
    >
      {label === 'id' ? (
        <span className="block">{id}</span>
      ) : (
        <>
          <span className="block truncate">{pad ? 'PAD' : visibleText(text)}</span>
          <span className="block text-sm text-slate-700 dark:text-slate-300">{id}</span>
        </>
      )}
    </td>
  );
}

export function GroupTitle({ colSpan, children, id }: { colSpan: number; children: ReactNode; id?: string }) {
  return (
    <tr>
      <th id={id} scope="colgroup" colSpan={colSpan} className="pt-4 pb-1 text-left font-mono text-lg font-semibold text-slate-900 dark:text-slate-100">
        {children}
      </th>
    </tr>
  );
}

export function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="sticky left-0 z-10 bg-slate-50 pr-2 text-right font-mono text-base font-medium whitespace-nowrap text-slate-700 dark:bg-slate-950 dark:text-slate-300">
      {children}
    </th>
  );
}
