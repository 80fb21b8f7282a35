import { useRef } from 'react';
import { groupIds, tokensAtBoundary, type TokenGroup } from '../../../core/tokens/compare';
import { spanIndexOf, type BoundaryAnalysis } from '../hooks/use-compare-analysis';
import { useAnchoredPosition } from '../../../components/ui/use-anchored-position';
import { isLowSurrogate } from '../../../core/text/utf16';

export interface BoundaryTooltipProps {
  id: string;
  boundaries: BoundaryAnalysis;
  /** Index into `boundaries.positions`. */
  k: number;
  anchor: HTMLElement;
  names: ReadonlyMap<string, string>;
}

/** Whitespace as glyphs on one line (`·` space, `→` tab, `↵` newline), so a token of newlines stays readable. */
function glyphs(s: string): string {
  return s.replace(/[ \t\n\r]/g, (c) => ({ ' ': '·', '\t': '→', '\n': '↵', '\r': '␍' })[c]!);
}

/** The whole character (both halves of a surrogate pair) before / at a UTF-16 position. */
function charBefore(text: string, p: number): string {
  const low = text.charCodeAt(p - 1);
  return text.slice(Math.max(0, isLowSurrogate(low) ? p - 2 : p - 1), p);
}
function charAt(text: string, p: number): string {
  const cp = text.codePointAt(p);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function TokenText({ text, group }: { text: string; group: TokenGroup | null }) {
  if (!group) return <span className="text-slate-600 italic dark:text-slate-400">no token (dropped text)</span>;
  return (
    <span className="rounded bg-slate-100 px-1 font-mono whitespace-pre dark:bg-slate-800">“{glyphs(text.slice(group.start, group.end))}”</span>
  );
}

/** Each tokenizer's token(s) at one boundary position: a cut between two tokens, or one token across it. */
export function BoundaryTooltip({ id, boundaries, k, anchor, names }: BoundaryTooltipProps) {
  const ref = useRef<HTMLDivElement>(null);
  const p = boundaries.positions[k]!;
  const { text } = boundaries;

  const position = useAnchoredPosition(ref, anchor, [k], 24);

  return (
    <div
      ref={ref}
      id={id}
      role="tooltip"
      data-testid="boundary-tooltip"
      style={{ top: position?.top ?? -9999, left: position?.left ?? -9999 }}
      className="pointer-events-none fixed z-50 max-w-xl rounded-lg border border-slate-300 bg-white p-3 text-sm text-slate-900 shadow-xl dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
    >
      <p className="mb-2 font-semibold">
        Position {p.toLocaleString('en-US')}: between “{glyphs(charBefore(text, p))}” and “{glyphs(charAt(text, p))}”
      </p>
      <table className="border-separate border-spacing-x-3 border-spacing-y-1">
        <tbody>
          {boundaries.panes.map((pane, t) => {
            const tokens = pane.shown!.tokens;
            const at = tokensAtBoundary(spanIndexOf(tokens), p);
            const cuts = (boundaries.cutBy[k]! >> t) & 1;
            const ids = [...(at.before ? groupIds(tokens, at.before) : []), ...(at.cuts && at.after ? groupIds(tokens, at.after) : [])];
            return (
              <tr key={pane.tokenizerId} data-tokenizer={pane.tokenizerId}>
                <th scope="row" className="text-left font-semibold">
                  {names.get(pane.tokenizerId) ?? pane.tokenizerId}
                </th>
                <td className={cuts ? 'font-semibold text-orange-800 dark:text-orange-300' : 'text-slate-700 dark:text-slate-300'}>{cuts ? 'cuts here' : 'no cut'}</td>
                <td>
                  {cuts ? (
                    <>
                      <TokenText text={text} group={at.before} /> <span aria-label="then">|</span> <TokenText text={text} group={at.after} />
                    </>
                  ) : (
                    <TokenText text={text} group={at.before} />
                  )}
                </td>
                <td className="font-mono text-xs text-slate-600 dark:text-slate-400">{ids.length ? `ids ${ids.join(', ')}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
