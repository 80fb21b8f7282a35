import { memo, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { tokenDetails, type TokenArrays } from '../../../core/tokens/spans';
import { copySpans } from '../../../core/tokens/row-layout';
import { useTokenizerClient } from '../../../stores/tokenizer-client-store';
import { detailsCacheFor } from '../token-details-registry';
import { Tabs } from '../../../components/ui/tabs';
import type { Tokenization } from '../hooks/use-tokenization';
import type { SubView } from '../store';
import { ListView } from './list-views';
import { TextSpansView } from './text-spans-view';
import { roleLabels, windowEnd } from '../../../components/tokens/token-attrs';
import { TokenPopover } from '../../../components/tokens/token-popover';
import type { TokenSurfaceProps } from '../../../components/tokens/token-surface';
import { TokenToolbar } from './token-toolbar';
import type { ViewContext } from './view-context';
import type { TokenDetailsCache } from '../token-details';

const SUB_VIEWS = [
  { value: 'text', label: 'Text' },
  { value: 'ids', label: 'IDs' },
  { value: 'raw', label: 'Raw tokens' },
] as const;

export interface TokenViewProps {
  tokenization: Tokenization;
  subView: SubView;
  onSubViewChange: (subView: SubView) => void;
  showWhitespace: boolean;
  /** Size of the tokenizer download from the manifest, for servers that send no Content-Length. */
  expectedBytes?: number | null;
}

// While an edit is re-tokenized only the status changes: the views and the toolbar keep their props, so a keystroke
// on a long text does not re-render them (their rows are memoized too).
const MemoTextSpansView = memo(TextSpansView);
const MemoListView = memo(ListView);
const MemoTokenToolbar = memo(TokenToolbar);

const noSubscribe = () => () => {};
const zero = () => 0;

/** Token i as the exports and the popover want it, from the spans and the details cache. */
function withDetails(spans: ViewContext['tokens'], details: TokenDetailsCache, from = 0, to = spans.ids.length): TokenArrays {
  const n = to - from;
  const pieces = Array.from(spans.ids.subarray(from, to), (id) => details.get(id));
  const byteOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) byteOffsets[i + 1] = byteOffsets[i]! + (pieces[i]?.bytes.byteLength ?? 0);
  const bytes = new Uint8Array(byteOffsets[n]!);
  for (let i = 0; i < n; i++) if (pieces[i]) bytes.set(pieces[i]!.bytes, byteOffsets[i]!);
  return {
    ids: spans.ids.subarray(from, to),
    starts: spans.starts.subarray(from, to),
    ends: spans.ends.subarray(from, to),
    special: spans.special.subarray(from, to),
    tokens: pieces.map((p) => p?.token ?? ''),
    bytes,
    byteOffsets,
  };
}

/** The popover of token `index`, once its string and bytes are here (asked for on first hover). */
function LazyPopover({ ctx, index, anchor, popoverId }: { ctx: ViewContext; index: number; anchor: HTMLElement; popoverId: string }) {
  const id = ctx.tokens.ids[index]!;
  const known = ctx.details.has(id);
  useEffect(() => {
    if (!known) ctx.details.request([id]);
  }, [ctx.details, id, known]);
  if (!known) return null;
  const details = { ...tokenDetails(withDetails(ctx.tokens, ctx.details, index, index + 1), 0), index };
  const role = details.special ? (ctx.roles.get(details.id) ?? 'special') : null;
  return <TokenPopover id={popoverId} details={details} role={role} anchor={anchor} beyondWindow={ctx.windowEnd != null && index >= ctx.windowEnd} />;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A re-tokenization that ends sooner than this says nothing: a message per keystroke would only flicker. */
const QUIET_MS = 250;

/** Whether `status` has been `loading` for QUIET_MS. */
function useSlowLoading(loading: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), QUIET_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [loading]);
  return slow;
}

function StatusLine({ tokenization, expectedBytes }: { tokenization: Tokenization; expectedBytes: number | null }) {
  const { status, error, info } = tokenization;
  const slow = useSlowLoading(status === 'loading' && info !== null);
  const progress = tokenization.progress && { ...tokenization.progress, total: tokenization.progress.total ?? expectedBytes };
  if (status === 'error' && error)
    return (
      <p role="alert" className="rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm font-medium text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-100">
        {error}
        {tokenization.shown && ' The previous result is still shown below.'}
      </p>
    );
  // Re-tokenizing after an edit: the line keeps its height whether it shows anything or not, so the token panel below
  // is not pushed down and back on every keystroke (that relayout alone cost more than the edit).
  if (info && (status !== 'loading' || !slow)) return <div role="status" className="h-5 text-sm" />;
  if (status !== 'loading') return null;
  let text = 'Tokenizing…';
  if (!info) text = progress ? `Loading tokenizer… ${formatBytes(progress.loaded)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}` : 'Loading tokenizer…';
  return (
    <div role="status" className="flex h-5 items-center gap-3 text-sm text-slate-700 dark:text-slate-300">
      <span>{text}</span>
      {!info && progress?.total ? <progress className="h-2 w-48 accent-indigo-700" aria-label="Tokenizer download" max={progress.total} value={progress.loaded} /> : null}
    </div>
  );
}

/**
 * The token view. `data-status` is `ready` only when the tokens on screen match the current input;
 * `data-tokenizer` names the tokenizer whose tokens are on screen, so it changes in the same commit as them.
 */
export function TokenView({ tokenization, subView, onSubViewChange, showWhitespace, expectedBytes = null }: TokenViewProps) {
  const { shown } = tokenization;
  const client = useTokenizerClient();
  const details = shown ? detailsCacheFor(client, shown.info) : null;
  const detailsVersion = useSyncExternalStore(details?.subscribe ?? noSubscribe, details?.getVersion ?? zero);
  // Keyed on the tokenizer, not the result: a new map per result made every row on screen draw again after each edit.
  const info = shown?.info;
  const roles = useMemo(() => (info ? roleLabels(info) : null), [info]);
  const ctx = useMemo<ViewContext | null>(
    () =>
      shown &&
      details &&
      roles && {
        text: shown.text,
        tokens: shown.tokens,
        details,
        detailsVersion,
        showWhitespace,
        roles,
        windowEnd: windowEnd(shown.tokens.ids.length, shown.info.contextLength),
      },
    [shown, details, detailsVersion, roles, showWhitespace],
  );

  const renderPopover = useCallback<TokenSurfaceProps['renderPopover']>(
    ({ index, anchor, popoverId }) => {
      if (!ctx || index >= ctx.tokens.ids.length) return null;
      return <LazyPopover ctx={ctx} index={index} anchor={anchor} popoverId={popoverId} />;
    },
    [ctx],
  );

  /** The full table for exports: every distinct id's details fetched first (a vocabulary is finite). */
  const fullTokens = useCallback(async (): Promise<TokenArrays | null> => {
    if (!shown || !details) return null;
    // A copy: while the details load, typing replaces the result, and a replaced result's memory is recycled.
    const tokens = copySpans(shown.tokens);
    await details.ensure(tokens.ids);
    return withDetails(tokens, details);
  }, [shown, details]);

  return (
    <section aria-label="Tokens" data-testid="token-view" data-status={tokenization.status} data-tokenizer={shown?.tokenizerId} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Tabs label="Token display" idPrefix="token-subview" options={SUB_VIEWS} value={subView} onChange={onSubViewChange} />
        <MemoTokenToolbar ids={shown?.tokens.ids ?? null} fullTokens={fullTokens} tokenizerId={shown?.tokenizerId ?? null} showCopy={subView === 'ids'} />
      </div>
      <StatusLine tokenization={tokenization} expectedBytes={expectedBytes} />
      <div id="token-subview-panel" role="tabpanel" aria-labelledby={`token-subview-tab-${subView}`} aria-busy={tokenization.status === 'loading'}>
        {ctx ? (
          subView === 'text' ? (
            <MemoTextSpansView ctx={ctx} renderPopover={renderPopover} />
          ) : (
            <MemoListView key={subView} ctx={ctx} mode={subView} renderPopover={renderPopover} />
          )
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-700 dark:border-slate-600 dark:text-slate-300">
            {tokenization.status === 'error' ? 'Nothing to show yet.' : 'Tokens will appear here.'}
          </p>
        )}
      </div>
    </section>
  );
}
