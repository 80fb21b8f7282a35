import { useState } from 'react';
import { Tabs } from '../../../../components/ui/tabs';
import { DecodeView } from './decode-view';
import { PairView } from './pair-view';
import { TraceView } from './trace-view';
import { VocabView } from './vocab-view';

const PANELS = [
  { value: 'pipeline', label: 'Pipeline' },
  { value: 'vocab', label: 'Vocabulary' },
  { value: 'decode', label: 'Decode ids' },
  { value: 'pair', label: 'Text pair' },
] as const;
type Panel = (typeof PANELS)[number]['value'];

/** Pipeline stages for the current text, vocabulary search, id decoding and text pairs. */
export function Explorer({ tokenizerId, text, addSpecialTokens }: { tokenizerId: string | null; text: string; addSpecialTokens: boolean }) {
  const [panel, setPanel] = useState<Panel>('pipeline');
  // Closed until asked for: the pipeline trace re-runs on every edit in the shared worker, where it would queue
  // in front of the token view's own encodes on long texts.
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="explorer-title" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <h2 id="explorer-title" className="text-lg font-semibold text-slate-950 dark:text-white">
        <button type="button" aria-expanded={open} aria-controls="explorer-body" onClick={() => setOpen(!open)} className="flex items-center gap-2 rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          Pipeline and vocabulary explorer
        </button>
      </h2>
      {open && <div id="explorer-body" className="flex flex-col gap-3"><Tabs label="Explorer" idPrefix="explorer" options={PANELS} value={panel} onChange={setPanel} />
      <div id="explorer-panel" role="tabpanel" aria-labelledby={`explorer-tab-${panel}`}>
        {!tokenizerId ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">Waiting for the tokenizer…</p>
        ) : panel === 'pipeline' ? (
          <TraceView tokenizerId={tokenizerId} text={text} />
        ) : panel === 'vocab' ? (
          <VocabView tokenizerId={tokenizerId} />
        ) : panel === 'decode' ? (
          <DecodeView tokenizerId={tokenizerId} />
        ) : (
          <PairView tokenizerId={tokenizerId} text={text} addSpecialTokens={addSpecialTokens} />
        )}
      </div></div>}
    </section>
  );
}
