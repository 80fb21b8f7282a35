import { useEffect, useMemo, type ReactNode } from 'react';
import { useCatalogStore } from '../../stores/catalog-store';
import { DEFAULT_TOKENIZER_ID, useSessionStore } from '../../stores/session-store';
import { useTokenizerClient } from '../../stores/tokenizer-client-store';
import type { BatchRequest } from '../../worker/protocol';
import { batchClientFor } from './batch-client';
import { PackedAttention, PaddedAttention } from './components/attention-map';
import { BatchControls } from './components/batch-controls';
import { BatchInput } from './components/batch-input';
import { CoreNotes, PadTokenNote, SideNote } from './components/batch-notes';
import { CostTable, WasteSummary } from './components/cost-table';
import { BinsView, PackedView } from './components/packed-view';
import { PaddedGrid } from './components/padded-grid';
import { ScalingSection } from './components/scaling-section';
import { useBatch } from './hooks/use-batch';
import { splitLines } from './lines';
import { forTokenizer, useBatchLabStore, type CellLabel } from './store';

const ROW_LIMIT = 32;
const TOKEN_LIMIT = 256;
const SPREADS = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 1.25, 1.5];

function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4 rounded-xl border border-slate-300 bg-white p-6 dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h3 id={id} className="text-2xl font-bold text-slate-950 dark:text-white">{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}

function LabelToggle({ value, onChange }: { value: CellLabel; onChange: (v: CellLabel) => void }) {
  return (
    <div role="group" aria-label="Cells show" className="inline-flex rounded-lg border border-slate-400 p-0.5 dark:border-slate-500">
      {(['text', 'id'] as const).map((v) => (
        <button key={v} type="button" aria-pressed={value === v} onClick={() => onChange(v)}
          className={`rounded-md px-4 py-1.5 text-lg font-medium focus-visible:outline-2 focus-visible:outline-indigo-600 dark:focus-visible:outline-indigo-300 ${value === v ? 'bg-indigo-700 text-white dark:bg-indigo-300 dark:text-slate-950' : 'text-slate-800 dark:text-slate-200'}`}>
          {v === 'text' ? 'Token text' : 'Token id'}
        </button>
      ))}
    </div>
  );
}

/** The batch lab: one batch, padded and padding-free, with what each costs. */
export function BatchPage() {
  const client = useTokenizerClient();
  const batchClient = useMemo(() => batchClientFor(client), [client]);
  const catalog = useCatalogStore();
  const tokenizerId = useSessionStore((s) => s.tokenizerId);
  const addSpecialTokens = useSessionStore((s) => s.addSpecialTokens);
  const { setTokenizerId, setAddSpecialTokens } = useSessionStore.getState();
  const lab = useBatchLabStore();
  const { load: loadCatalog } = catalog;
  useEffect(() => void loadCatalog(client), [client, loadCatalog]);

  const unknownId = catalog.status === 'ready' && catalog.entries.length > 0 && !catalog.entries.some((e) => e.id === tokenizerId);
  useEffect(() => {
    if (unknownId) setTokenizerId((catalog.entries.find((e) => e.id === DEFAULT_TOKENIZER_ID) ?? catalog.entries[0]!).id);
  }, [unknownId, catalog.entries, setTokenizerId]);

  const { lines, skippedEmpty } = useMemo(() => splitLines(lab.text), [lab.text]);
  const paddingSide = forTokenizer(lab.paddingSide, tokenizerId);
  const padTokenId = forTokenizer(lab.padTokenId, tokenizerId);
  const request: BatchRequest = {
    tokenizerId, lines, addSpecialTokens, padding: lab.padding, truncation: lab.truncation, maxLength: lab.maxLength,
    padToMultipleOf: lab.padToMultipleOf, paddingSide, truncationSide: lab.truncationSide, padTokenId, packLength: lab.packLength,
    rowLimit: ROW_LIMIT, tokenLimit: TOKEN_LIMIT,
    scaling: { ...lab.scaling, spreads: SPREADS, trials: 20, seed: 1 },
  };
  const { status, result, error } = useBatch(batchClient, request);
  const current = result?.tokenizerId === tokenizerId ? result : null;
  const padded = current?.padded ?? null;

  return (
    <div className="flex flex-col gap-6" data-testid="batch-lab" data-status={status} data-tokenizer={current?.tokenizerId ?? ''}>
      <div>
        <h2 className="text-3xl font-bold text-slate-950 dark:text-white">Batch lab: padding vs padding-free</h2>
        <p className="mt-1 text-lg text-slate-800 dark:text-slate-200">
          The same batch padded into a rectangle, and packed into one row with no padding at all, as <code>transformers</code> and TRL build them.
        </p>
      </div>
      <Section id="batch-setup" title="Batch and settings">
        <div className="grid gap-x-10 gap-y-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <BatchInput entries={catalog.entries} tokenizerId={tokenizerId} onTokenizer={setTokenizerId} catalogError={catalog.error} text={lab.text} onText={lab.setText} sequenceCount={lines.length} skippedEmpty={skippedEmpty} />
        <BatchControls
          settings={{ padding: lab.padding, maxLength: lab.maxLength, truncation: lab.truncation, truncationSide: lab.truncationSide, padToMultipleOf: lab.padToMultipleOf, paddingSide, padTokenId, addSpecialTokens }}
          defaults={current?.defaults ?? null}
          padCandidates={current?.padCandidates ?? []}
          onPadding={lab.setPadding} onMaxLength={lab.setMaxLength} onTruncation={lab.setTruncation} onTruncationSide={lab.setTruncationSide}
          onPadToMultipleOf={lab.setPadToMultipleOf} onPaddingSide={(side) => lab.setPaddingSide(tokenizerId, side)}
          onPadTokenId={(id) => lab.setPadTokenId(tokenizerId, id)} onAddSpecialTokens={setAddSpecialTokens}
        />
        </div>
      </Section>
      {error && <p role="alert" className="rounded-lg bg-red-50 p-4 text-lg text-red-900 dark:bg-red-950 dark:text-red-100">Could not build the batch: {error}</p>}
      {current?.error && <p role="alert" className="rounded-lg bg-red-50 p-4 text-lg text-red-900 dark:bg-red-950 dark:text-red-100">Python transformers rejects these settings: {current.error.message}</p>}
      {!current && !error && <p role="status" className="text-lg">Loading the tokenizer…</p>}
      {current && padded && current.flattened && current.bins && (
        <>
          <Section id="batch-padded" title={`Padded: ${padded.rows.length === current.sequenceCount ? current.sequenceCount : `${current.sequenceCount.toLocaleString('en-US')}`} × ${padded.width}`} actions={<LabelToggle value={lab.cellLabel} onChange={lab.setCellLabel} />}>
            <WasteSummary padded={padded} cost={current.costs[0]!} />
            <PaddedGrid padded={padded} sequenceCount={current.sequenceCount} cellLabel={lab.cellLabel} />
            <PadTokenNote padded={padded} />
            {padded.padding !== 'none' && <SideNote side={padded.paddingSide} defaults={current.defaults} />}
            <CoreNotes notes={current.notes} />
          </Section>
          <Section id="batch-free" title={`Padding-free: 1 × ${current.flattened.total}`}>
            <p className="text-lg text-slate-800 dark:text-slate-200">
              <code>DataCollatorWithFlattening</code>: the sequences back to back, no attention_mask; position_ids restart at 0 and the first label of each sequence is −100, so no loss crosses a boundary. FlashAttention reads the boundaries from cu_seqlens.
            </p>
            <PackedView flattened={current.flattened} cellLabel={lab.cellLabel} />
            <div className="flex flex-wrap gap-10">
              <PaddedAttention lengths={current.lengths} width={padded.width} side={padded.paddingSide} />
              <PackedAttention cuSeqLens={current.flattened.cuSeqLens} />
            </div>
            <h4 className="text-xl font-semibold">Bins of {current.bins.packLength} tokens (best-fit decreasing, as TRL packs)</h4>
            <BinsView bins={current.bins} />
          </Section>
          <Section id="batch-numbers" title="Numbers">
            <CostTable costs={current.costs} packLength={current.bins.packLength} />
            <ScalingSection result={current} settings={lab.scaling} onSettings={lab.setScaling} onGenerate={lab.setText} />
          </Section>
        </>
      )}
    </div>
  );
}
