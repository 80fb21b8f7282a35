import { memo, useCallback, useMemo } from 'react';
import { tokenDetails } from '../../../core/tokens/spans';
import { TextSpansView } from '../../../components/tokens/text-spans-view';
import { roleLabels, windowEnd } from '../../../components/tokens/token-attrs';
import { TokenPopover } from '../../../components/tokens/token-popover';
import type { TokenSurfaceProps } from '../../../components/tokens/token-surface';
import type { ViewContext } from '../../../components/tokens/view-context';
import type { ManifestEntry } from '../../../lib/manifest';
import type { PaneResult } from '../hooks/use-compare-tokenizations';
import { TokenizerOptions } from './tokenizer-options';

/** Several panes share the page, so each virtualises sooner than the single token view does. */
const PANE_VIRTUALIZE_ABOVE = 2000;

export interface ComparePaneProps {
  index: number;
  result: PaneResult;
  entries: readonly ManifestEntry[];
  taken: readonly string[];
  canRemove: boolean;
  onChange: (index: number, id: string) => void;
  onRemove: (index: number) => void;
  /** `mask` is 1 at positions of `text` where the ready tokenizers cut differently. */
  cuts: { mask: Uint8Array; text: string } | null;
  registerScroll: (key: string, el: HTMLDivElement | null) => void;
  onScroll: TokenSurfaceProps['onScroll'];
}

const nf = new Intl.NumberFormat('en-US');

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function PaneStatusLine({ result }: { result: PaneResult }) {
  if (result.status === 'error')
    return (
      <p role="alert" className="rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm font-medium text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100">
        {result.error}
      </p>
    );
  if (result.status !== 'loading') return null;
  const p = result.progress;
  const text = result.info ? 'Tokenizing…' : p ? `Loading… ${formatBytes(p.loaded)}${p.total ? ` of ${formatBytes(p.total)}` : ''}` : 'Loading tokenizer…';
  return (
    <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
      {text}
    </p>
  );
}

/** One tokenizer's tokens over the shared text, as the token view draws them. */
export const ComparePane = memo(function ComparePane({ index, result, entries, taken, canRemove, onChange, onRemove, cuts, registerScroll, onScroll }: ComparePaneProps) {
  const { shown, tokenizerId } = result;
  const selectId = `compare-pane-select-${index}`;
  const name = entries.find((e) => e.id === tokenizerId)?.name ?? tokenizerId;

  const ctx = useMemo<ViewContext | null>(() => {
    if (!shown) return null;
    const { starts, ends } = shown.tokens;
    const mask = cuts && cuts.text === shown.text ? cuts.mask : null;
    return {
      text: shown.text,
      tokens: shown.tokens,
      showWhitespace: false,
      roles: roleLabels(shown.info),
      windowEnd: windowEnd(shown.tokens.ids.length, shown.info.contextLength),
      extraClass: mask ? (i) => (starts[i]! < ends[i]! && mask[starts[i]!] === 1 ? 'cmp-cut' : '') : undefined,
    };
  }, [shown, cuts]);

  const renderPopover = useCallback<TokenSurfaceProps['renderPopover']>(
    ({ index: tokenIndex, anchor, popoverId }) => {
      if (!ctx || tokenIndex >= ctx.tokens.ids.length) return null;
      const details = tokenDetails(ctx.tokens, tokenIndex);
      const role = details.special ? (ctx.roles.get(details.id) ?? 'special') : null;
      return <TokenPopover id={popoverId} details={details} role={role} anchor={anchor} beyondWindow={ctx.windowEnd != null && tokenIndex >= ctx.windowEnd} />;
    },
    [ctx],
  );
  const register = useCallback((el: HTMLDivElement | null) => registerScroll(tokenizerId, el), [registerScroll, tokenizerId]);

  return (
    <section
      data-testid="compare-pane"
      data-tokenizer={tokenizerId}
      data-status={result.status}
      aria-label={`${name} tokens`}
      aria-busy={result.status === 'loading'}
      className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={selectId} className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
            Pane {index + 1} tokenizer
          </label>
          <select
            id={selectId}
            value={tokenizerId}
            onChange={(e) => onChange(index, e.target.value)}
            className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base font-semibold text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-900 dark:text-white dark:focus-visible:outline-indigo-300"
          >
            <TokenizerOptions entries={entries} current={tokenizerId} taken={taken} />
          </select>
        </div>
        <p className="shrink-0 pb-1.5 text-right text-sm text-slate-700 dark:text-slate-300" aria-live="off">
          <span className="text-2xl font-bold text-slate-950 tabular-nums dark:text-white">{result.status === 'ready' && shown ? nf.format(shown.tokens.ids.length) : '–'}</span> tokens
        </p>
        <button
          type="button"
          onClick={() => onRemove(index)}
          disabled={!canRemove}
          aria-label={`Remove ${name} pane`}
          title={canRemove ? `Remove ${name}` : 'A comparison needs at least two panes'}
          className="mb-0.5 shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-lg leading-none text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus-visible:outline-indigo-300"
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <PaneStatusLine result={result} />
      {ctx ? (
        <TextSpansView
          ctx={ctx}
          renderPopover={renderPopover}
          label={`Tokens of ${name} over the text`}
          heightClass="h-[34vh] min-h-40"
          scrollElementRef={register}
          onScroll={onScroll}
          virtualizeAbove={PANE_VIRTUALIZE_ABOVE}
          flushSync={false}
          overscan={2}
          estimatedRowHeight={80}
        />
      ) : (
        <p className="flex h-[34vh] min-h-40 items-center justify-center rounded-lg border border-dashed border-slate-300 p-6 text-slate-700 dark:border-slate-600 dark:text-slate-300">
          {result.status === 'error' ? 'Nothing to show.' : 'Tokens will appear here.'}
        </p>
      )}
    </section>
  );
});
