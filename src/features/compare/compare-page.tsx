import { useEffect, useMemo, useState } from 'react';
import { Checkbox } from '../../components/ui/checkbox';
import { withTokenizers } from '../../lib/url-state';
import { useCatalogStore } from '../../stores/catalog-store';
import { useLoadedTokenizersStore } from '../../stores/loaded-tokenizers-store';
import type { ManifestEntry } from '../../lib/manifest';
import { useSessionStore } from '../../stores/session-store';
import { useTokenizerClient } from '../../stores/tokenizer-client-store';
import { BoundaryDiff } from './components/boundary-diff';
import { ComparePane } from './components/compare-pane';
import { CompareTextInput } from './components/compare-text-input';
import { ParityCheck } from './components/parity-check';
import { StatsTable } from './components/stats-table';
import { TokenizerOptions } from './components/tokenizer-options';
import { useCompareAnalysis } from './hooks/use-compare-analysis';
import { useCompareTokenizations } from './hooks/use-compare-tokenizations';
import { useSyncScroll } from './hooks/use-sync-scroll';
import { useWordCount } from './hooks/use-word-count';
import { MAX_PANES, MIN_PANES, useCompareStore } from './store';
import './compare.css';

/** Keeps `?tokenizers=` in the address bar in step with the panes, without touching other parameters. */
function useTokenizersInUrl(ids: readonly string[]): void {
  const key = ids.join(',');
  useEffect(() => {
    const search = withTokenizers(location.search, key.split(','));
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }, [key]);
}

/** Compare 2–6 tokenizers on one text: panes, summary, differing cuts and a parity check. */
export function ComparePage() {
  const client = useTokenizerClient();
  const bundled = useCatalogStore();
  const loaded = useLoadedTokenizersStore((s) => s.entries);
  // Hub, local and GGUF tokenizers loaded in the token view are offered next to the bundled ones.
  const catalog = useMemo(() => ({
    ...bundled,
    entries: [...bundled.entries, ...loaded.filter((l) => !bundled.entries.some((b) => b.id === l.id)).map((l): ManifestEntry => ({
      id: l.id, name: l.label, family: l.kind, modelType: l.modelType, vocabSize: l.vocabSize, hasChatTemplate: false, license: '', source: l.kind, files: [],
    }))],
  }), [bundled, loaded]);
  const text = useSessionStore((s) => s.text);
  const addSpecialTokens = useSessionStore((s) => s.addSpecialTokens);
  const { setText, setAddSpecialTokens } = useSessionStore.getState();
  const ids = useCompareStore((s) => s.tokenizerIds);
  const parityTarget = useCompareStore((s) => s.parityTarget);
  const parityInput = useCompareStore((s) => s.parityInput);
  const sortKey = useCompareStore((s) => s.sortKey);
  const sortDirection = useCompareStore((s) => s.sortDirection);
  const { setPane, addPane, removePane, setParityTarget, setParityInput, sortBy } = useCompareStore.getState();
  const [syncScroll, setSyncScroll] = useState(true);

  const { load: loadCatalog } = catalog;
  useEffect(() => {
    void loadCatalog(client);
  }, [client, loadCatalog]);
  useTokenizersInUrl(ids);

  const results = useCompareTokenizations(client, ids, text, addSpecialTokens);
  const words = useWordCount(text);
  const { stats, boundaries } = useCompareAnalysis(results, text, words);
  const scroll = useSyncScroll(syncScroll);

  const names = useMemo(() => new Map(ids.map((id) => [id, catalog.entries.find((e) => e.id === id)?.name ?? id])), [ids, catalog.entries]);
  const cuts = useMemo(() => (boundaries ? { mask: boundaries.mask, text: boundaries.text } : null), [boundaries]);
  const waitingFor = results.filter((r) => r.status !== 'ready').map((r) => names.get(r.tokenizerId) ?? r.tokenizerId);
  const canAdd = ids.length < MAX_PANES && catalog.entries.some((e) => !ids.includes(e.id));
  const columns = ids.length === 2 || ids.length === 4 ? 'lg:grid-cols-2' : 'lg:grid-cols-2 xl:grid-cols-3';

  return (
    // On wide screens the page uses the full width (minus 2rem each side), not the shell's 80rem column: three to
    // six panes need the room. A margin, not a transform, so the fixed-position tooltips stay put.
    <div className="flex flex-col gap-6 2xl:mx-[calc(50%-50vw+2rem)]">
      <CompareTextInput value={text} onChange={setText} addSpecialTokens={addSpecialTokens} onAddSpecialTokensChange={setAddSpecialTokens} />

      <section aria-labelledby="compare-panes-title" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="compare-panes-title" className="text-xl font-semibold text-slate-950 dark:text-white">
            {ids.length} tokenizers side by side
          </h2>
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <Checkbox checked={syncScroll} onChange={setSyncScroll} label="Scroll panes together" />
            <label className="flex items-center gap-2 text-sm font-semibold text-slate-800 dark:text-slate-200">
              Add tokenizer
              <select
                data-testid="compare-add"
                value=""
                disabled={!canAdd}
                onChange={(e) => e.target.value && addPane(e.target.value)}
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-base font-normal text-slate-950 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-white dark:focus-visible:outline-indigo-300"
              >
                <option value="">{ids.length >= MAX_PANES ? `At most ${MAX_PANES} panes` : 'Choose…'}</option>
                <TokenizerOptions entries={catalog.entries} current={null} taken={ids} />
              </select>
            </label>
          </div>
        </div>
        {catalog.error && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {catalog.error}
          </p>
        )}
        <div className={`grid grid-cols-1 gap-4 ${columns}`}>
          {results.map((result, i) => (
            <ComparePane
              key={result.tokenizerId}
              index={i}
              result={result}
              entries={catalog.entries}
              taken={ids}
              canRemove={ids.length > MIN_PANES}
              onChange={setPane}
              onRemove={removePane}
              cuts={cuts}
              registerScroll={scroll.register}
              onScroll={scroll.onScroll}
            />
          ))}
        </div>
      </section>

      <StatsTable results={results} stats={stats} names={ids.map((id) => names.get(id)!)} sortKey={sortKey} sortDirection={sortDirection} onSort={sortBy} />
      <BoundaryDiff boundaries={boundaries} names={names} waitingFor={waitingFor} />
      <ParityCheck results={results} names={names} target={parityTarget} onTargetChange={setParityTarget} input={parityInput} onInputChange={setParityInput} />
    </div>
  );
}
