import { memo, useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TokenStats } from '../../core/tokens/spans';
import { isLocalId, parseHubId } from '../../core/model/hub-id';
import { SUGGESTED_HUB_MODELS, useLoadedTokenizersStore } from '../../stores/loaded-tokenizers-store';
import { Checkbox } from '../../components/ui/checkbox';
import { useCatalogStore } from '../../stores/catalog-store';
import { usePersistStatus } from '../../stores/safe-storage';
import { DEFAULT_TOKENIZER_ID, useSessionStore } from '../../stores/session-store';
import { useTokenizerClient } from '../../stores/tokenizer-client-store';
import type { TokenizerClient } from '../../lib/worker-client';
import type { SubView } from './store';
import { StatsBar } from './components/stats-bar';
import { TextInput } from './components/text-input';
import { TokenView } from './components/token-view';
import { TokenizerSelect } from './components/tokenizer-select';
import { LoadPanel } from './components/load-panel';
import { TokenizerCardView } from './components/tokenizer-card';
import { Explorer } from './components/explorer/explorer';
import { useTokenization } from './hooks/use-tokenization';
import { useTokenizerLoader } from './hooks/use-tokenizer-loader';
import { useTokenViewStore } from './store';

/** The token view page: pick a tokenizer, type, see every token. */
export function TokensPage() {
  const client = useTokenizerClient();
  const catalog = useCatalogStore();
  const tokenizerId = useSessionStore((s) => s.tokenizerId);
  const addSpecialTokens = useSessionStore((s) => s.addSpecialTokens);
  const { setTokenizerId, setAddSpecialTokens } = useSessionStore.getState();
  const subView = useTokenViewStore((s) => s.subView);
  const showWhitespace = useTokenViewStore((s) => s.showWhitespace);
  const { setSubView, setShowWhitespace } = useTokenViewStore.getState();
  const storageError = usePersistStatus((s) => s.error);
  const loaded = useLoadedTokenizersStore((s) => s.entries);
  const recentHub = useLoadedTokenizersStore((s) => s.recentHub);
  const loader = useTokenizerLoader(client);
  const hubOptions = useMemo(() => {
    const taken = new Set([...loaded.map((e) => e.id), ...catalog.entries.map((e) => e.id)]);
    const recent = recentHub.filter((id) => !taken.has(id)).map((id) => ({ id, recent: true }));
    const suggested = SUGGESTED_HUB_MODELS.filter((id) => !taken.has(id) && !recentHub.includes(id)).map((id) => ({ id, recent: false }));
    return [...recent, ...suggested];
  }, [loaded, recentHub, catalog.entries]);
  const loadedIds = useLoadedTokenizersStore(useShallow((s) => s.entries.map((e) => e.id)));

  const { load: loadCatalog } = catalog;
  useEffect(() => {
    void loadCatalog(client);
  }, [client, loadCatalog]);

  // A persisted or linked id that is not bundled (any more) falls back to the default rather than failing forever.
  // Hub ids load on demand (from the browser cache when offline); local files do not survive a reload.
  const isKnown = catalog.entries.some((e) => e.id === tokenizerId) || loadedIds.includes(tokenizerId) || (!isLocalId(tokenizerId) && parseHubId(tokenizerId) !== null);
  const unknownId = catalog.status === 'ready' && catalog.entries.length > 0 && !isKnown ? tokenizerId : null;
  useEffect(() => {
    if (!unknownId) return;
    const fallback = catalog.entries.find((e) => e.id === DEFAULT_TOKENIZER_ID) ?? catalog.entries[0]!;
    setTokenizerId(fallback.id);
  }, [unknownId, catalog.entries, setTokenizerId]);

  const expectedBytes = catalog.entries.find((e) => e.id === tokenizerId)?.files.find((f) => f.name === 'tokenizer.json')?.bytes ?? null;
  const { loadHub } = loader;
  const onTokenizerChange = useCallback(
    // A Hub id that is not loaded yet goes through the loader: progress, errors, and the old tokenizer stays until it is ready.
    (id: string) => (hubOptions.some((h) => h.id === id) ? loadHub(id) : setTokenizerId(id)),
    [hubOptions, loadHub, setTokenizerId],
  );

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end gap-x-8 gap-y-3">
        <TokenizerSelect
          entries={catalog.entries}
          loaded={loaded}
          hub={hubOptions}
          value={tokenizerId}
          onChange={onTokenizerChange}
          status={catalog.status}
          error={catalog.error}
        />
        <fieldset className="flex flex-wrap gap-x-6 gap-y-2 pb-2">
          <legend className="sr-only">Options</legend>
          <Checkbox checked={addSpecialTokens} onChange={setAddSpecialTokens} label="add_special_tokens" description="Let the post-processor add BOS/EOS and similar tokens" />
          <Checkbox checked={showWhitespace} onChange={setShowWhitespace} label="Show whitespace (· → ↵)" />
        </fieldset>
      </div>
      <LoadPanel loader={loader} />
      <SessionTextInput />
      {storageError && (
        <p role="alert" className="text-sm font-medium text-amber-900 dark:text-amber-200">
          {storageError}
        </p>
      )}
      <Tokenized client={client} tokenizerId={tokenizerId} addSpecialTokens={addSpecialTokens} subView={subView} onSubViewChange={setSubView} showWhitespace={showWhitespace} expectedBytes={expectedBytes} />
    </div>
  );
}

/** The text box; only it and `Tokenized` read the text, so a keystroke re-renders neither the select nor the options. */
function SessionTextInput() {
  const text = useSessionStore((s) => s.text);
  return <TextInput value={text} onChange={useSessionStore.getState().setText} />;
}

const MemoStatsBar = memo(StatsBar);
const MemoCard = memo(TokenizerCardView);

interface TokenizedProps {
  client: TokenizerClient;
  tokenizerId: string;
  addSpecialTokens: boolean;
  subView: SubView;
  onSubViewChange: (subView: SubView) => void;
  showWhitespace: boolean;
  expectedBytes: number | null;
}

/** Everything drawn from the tokens of the current text: counts, the token view, the card and the explorer. */
function Tokenized({ client, tokenizerId, addSpecialTokens, subView, onSubViewChange, showWhitespace, expectedBytes }: TokenizedProps) {
  const text = useSessionStore((s) => s.text);
  const tokenization = useTokenization(client, { tokenizerId, text, addSpecialTokens });
  const { shown } = tokenization;
  const stats = useMemo<TokenStats | null>(() => {
    if (!shown) return null;
    const tokens = shown.tokens.ids.length;
    return { tokens, ...shown.stats, charsPerToken: tokens === 0 ? null : shown.stats.characters / tokens };
  }, [shown]);
  return (
    <>
      <MemoStatsBar stats={stats} info={shown?.info ?? tokenization.info} />
      <TokenView tokenization={tokenization} subView={subView} onSubViewChange={onSubViewChange} showWhitespace={showWhitespace} expectedBytes={expectedBytes} />
      {/* Below the token view: while off screen, Chromium skips their style, layout and paint on every frame of typing. */}
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2 *:[contain-intrinsic-size:auto_600px] *:[content-visibility:auto]">
        <MemoCard info={tokenization.info ?? shown?.info ?? null} />
        <Explorer tokenizerId={tokenization.info?.id ?? null} text={text} addSpecialTokens={addSpecialTokens} />
      </div>
    </>
  );
}
