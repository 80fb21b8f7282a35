import { useCallback, useEffect, useId, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { renderWhitespace } from '../../../core/tokens/spans';
import { useCatalogStore } from '../../../stores/catalog-store';
import { diffWords } from '../diff';
import { usePaneRender } from '../hooks/use-pane-render';
import { useConversation, type Conversation } from '../hooks/use-render-request';
import { SEGMENT_KINDS, SEGMENT_LABELS, tokensPerSegment } from '../segment-counts';
import { EDITED, useChatStore } from '../store';
import { cardClass, iconButtonClass, inlineInputClass, labelClass } from './field-styles';
import { PromptText, TemplateErrorBox } from './prompt-output';
import { TokenizerPicker } from './tokenizer-picker';

const nf = new Intl.NumberFormat('en-US');

function ComparePane({ index, id, currentId, conv, canRemove, onText }: {
  index: number;
  id: string;
  currentId: string;
  conv: Conversation;
  canRemove: boolean;
  onText: (index: number, text: string | null) => void;
}) {
  const { compareIds, setCompareIds } = useChatStore.getState();
  const showWhitespace = useChatStore((s) => s.showWhitespace);
  const tokenizerId = id === EDITED ? currentId : id;
  const pane = usePaneRender(tokenizerId, conv, { useEdit: id === EDITED, segment: true });
  const text = pane.result?.ok ? pane.result.text : null;
  useEffect(() => onText(index, pane.status === 'ready' ? text : null), [index, text, pane.status, onText]);
  const tokens = pane.encoded.status === 'ready' && pane.encoded.value.text === text ? pane.encoded.value.tokens : null;
  const counts = tokens && pane.result?.ok && pane.result.segments ? tokensPerSegment(pane.result.segments, tokens.starts) : null;
  const label = id === EDITED ? `Edited (${currentId})` : id;
  return (
    <section aria-label={`Template ${index + 1}: ${label}`} data-testid="chat-compare-pane" data-template={id} className={`${cardClass} flex min-w-0 flex-col gap-3`}>
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <TokenizerPicker label={`Template ${index + 1}`} value={id} onChange={(v) => setCompareIds(compareIds.map((x, i) => (i === index ? v : x)))} onlyTemplates extra={[{ value: EDITED, label: `My edited template (${currentId})` }]} />
        </div>
        <button type="button" className={`${iconButtonClass} mb-1`} disabled={!canRemove} onClick={() => setCompareIds(compareIds.filter((_, i) => i !== index))} aria-label={`Remove template ${index + 1}`}>×</button>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        <span className="text-2xl font-bold text-slate-950 tabular-nums dark:text-white">{tokens ? nf.format(tokens.ids.length) : '–'}</span> tokens
      </p>
      {counts && (
        <table className="w-full text-sm">
          <caption className="sr-only">Tokens per segment</caption>
          <tbody>
            {SEGMENT_KINDS.filter((k) => counts[k] > 0 || k !== 'tools').map((k) => (
              <tr key={k} className="border-b border-slate-200 last:border-0 dark:border-slate-700">
                <th scope="row" className="py-1 text-left font-medium text-slate-800 dark:text-slate-200">{SEGMENT_LABELS[k]}</th>
                <td className="py-1 text-right font-semibold text-slate-950 tabular-nums dark:text-white">{nf.format(counts[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pane.result && !pane.result.ok && <TemplateErrorBox error={pane.result.error} />}
      <PromptText text={text ?? ''} specials={pane.specials} status={pane.status} showWhitespace={showWhitespace} label={`Render of ${label}`} />
    </section>
  );
}

function DiffView({ ids, texts }: { ids: string[]; texts: Array<string | null> }) {
  const [pair, setPair] = useState<[number, number]>([0, 1]);
  const aId = useId();
  const bId = useId();
  const [a, b] = [Math.min(pair[0], ids.length - 1), Math.min(pair[1], ids.length - 1)];
  const ta = texts[a];
  const tb = texts[b];
  const ops = ta != null && tb != null ? diffWords(ta, tb) : null;
  const pick = (which: 0 | 1, v: number) => setPair((p) => (which === 0 ? [v, p[1]] : [p[0], v]));
  return (
    <section aria-labelledby="diff-title" className={`${cardClass} flex flex-col gap-3`}>
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="diff-title" className="mr-auto text-lg font-semibold text-slate-950 dark:text-white">Text diff</h2>
        {[aId, bId].map((fid, w) => (
          <div key={fid} className="flex flex-col gap-1">
            <label htmlFor={fid} className={labelClass}>{w === 0 ? 'From (removed)' : 'To (added)'}</label>
            <select id={fid} value={w === 0 ? a : b} onChange={(e) => pick(w as 0 | 1, Number(e.target.value))} className={`${inlineInputClass} text-sm`}>
              {ids.map((x, i) => <option key={i} value={i}>{i + 1}. {x}</option>)}
            </select>
          </div>
        ))}
      </div>
      {ops ? (
        <pre aria-label="Word diff" tabIndex={0} role="region" className="isolate max-h-[50vh] overflow-auto rounded-lg border border-slate-300 bg-slate-50 p-3 font-mono text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-950 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100">
          {ops.map((o, i) => {
            if (o.op === 'same') return <span key={i}>{o.text}</span>;
            // Added or removed whitespace would be invisible: draw it as glyphs (↵ · →).
            const text = o.text.trim() === '' ? renderWhitespace(o.text) : o.text;
            return o.op === 'add' ? <ins key={i} className="chat-add no-underline">{text}</ins> : <del key={i} className="chat-del">{text}</del>;
          })}
        </pre>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">{ta == null || tb == null ? 'Waiting for both renders…' : 'These renders are too long to diff here.'}</p>
      )}
    </section>
  );
}

/** One conversation through 2–4 templates side by side, with token counts per segment and a text diff. */
export function CompareTemplates({ tokenizerId }: { tokenizerId: string }) {
  const conv = useConversation();
  const ids = useChatStore((s) => s.compareIds);
  const setCompareIds = useChatStore((s) => s.setCompareIds);
  const entries = useCatalogStore((s) => s.entries);
  const [texts, setTexts] = useState<Array<string | null>>([]);
  const onText = useCallback((i: number, t: string | null) => setTexts((prev) => (prev[i] === t ? prev : Object.assign([...prev], { [i]: t }))), []);
  const nextId = entries.find((e) => e.hasChatTemplate && !ids.includes(e.id))?.id ?? EDITED;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-base text-slate-700 dark:text-slate-300">The conversation from the Studio tab through each template. Counts split the prompt into system, tools, history and the generation prompt.</p>
        <Button onClick={() => setCompareIds([...ids, nextId])} disabled={ids.length >= 4}>+ Add template</Button>
      </div>
      <div className={`grid gap-4 ${ids.length >= 3 ? 'xl:grid-cols-3' : ''} ${ids.length === 4 ? '2xl:grid-cols-4' : ''} md:grid-cols-2`}>
        {ids.map((id, i) => (
          <ComparePane key={`${i}:${id}`} index={i} id={id} currentId={tokenizerId} conv={conv} canRemove={ids.length > 2} onText={onText} />
        ))}
      </div>
      {ids.length >= 2 && <DiffView ids={ids} texts={texts.slice(0, ids.length)} />}
    </div>
  );
}
