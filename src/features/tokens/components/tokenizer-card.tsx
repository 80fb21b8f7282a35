import { formatContextLength } from '../../../core/model/context-length';
import type { PipelineStep } from '../../../core/model/pipeline';
import type { TokenizerInfo } from '../../../worker/protocol';

const fmt = new Intl.NumberFormat('en-US');

const STAGE_LABEL: Record<PipelineStep['stage'], string> = {
  normalizer: 'Normalizer',
  pre_tokenizer: 'Pre-tokenizer',
  model: 'Model',
  post_processor: 'Post-processor',
  decoder: 'Decoder',
};

function originText(info: TokenizerInfo): string {
  const o = info.origin;
  switch (o.kind) {
    case 'bundled':
      return 'Bundled with the app (works offline)';
    case 'hub':
      return `Hub: ${o.repo}${o.revision && o.revision !== 'main' ? ` @ ${o.revision}` : ''}${o.fromCache ? ' (from the browser cache: the Hub was unreachable)' : ''}`;
    case 'local':
      return `Local files: ${o.files.join(', ')}`;
    case 'gguf':
      return `GGUF: ${o.label}`;
    default:
      return o.kind;
  }
}

function Settings({ step }: { step: PipelineStep }) {
  return (
    <>
      {step.settings.length > 0 && (
        <span className="text-slate-700 dark:text-slate-300">
          {' '}
          {step.settings.map(([k, v]) => (
            <span key={k} className="mr-2 inline-block font-mono text-xs">
              {k}={v.length > 60 ? `${v.slice(0, 57)}…` : v}
            </span>
          ))}
        </span>
      )}
      {step.children && (
        <ol className="ml-4 list-decimal pl-4">
          {step.children.map((c, i) => (
            <li key={i}>
              <span className="font-medium">{c.type}</span>
              <Settings step={c} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** Everything about the loaded tokenizer at a glance: sizes, pipeline, special tokens, context, chat template. */
export function TokenizerCardView({ info }: { info: TokenizerInfo | null }) {
  if (!info) {
    return (
      <section data-testid="tokenizer-card" aria-label="Tokenizer card" aria-busy="true" className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
        Loading the tokenizer card…
      </section>
    );
  }
  const { card } = info;
  const gguf = info.origin.gguf;
  const template = card.chatTemplate.kind === 'named' ? `named: ${card.chatTemplate.names.join(', ')}` : card.chatTemplate.kind;
  const rows: Array<[string, string]> = [
    ['Vocabulary', `${fmt.format(card.vocabSize)} (${fmt.format(card.baseVocabSize)} base + ${fmt.format(card.vocabSize - card.baseVocabSize)} added)`],
    ['Model type', card.modelType],
    ['Context length', card.context.value === null ? 'unknown' : `${formatContextLength(card.context.value)}${card.context.source ? ` · ${card.context.source}` : ''}`],
    ['Embedding size', card.embeddingSize === null ? 'unknown' : fmt.format(card.embeddingSize)],
    ['Chat template', template],
    ...(gguf ? ([['GGUF', [gguf.architecture, gguf.quantization, `tokenizer ${gguf.tokenizerModel}${gguf.preTokenizer ? ` (${gguf.preTokenizer})` : ''}`].filter(Boolean).join(' · ')]] as Array<[string, string]>) : []),
  ];
  return (
    <section
      data-testid="tokenizer-card"
      data-vocab-size={card.vocabSize}
      data-context-length={card.context.value ?? ''}
      data-model-type={card.modelType}
      data-tokenizer={info.id}
      aria-labelledby="tokenizer-card-title"
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
    >
      <header>
        <h2 id="tokenizer-card-title" className="text-lg font-semibold text-slate-950 dark:text-white">
          Tokenizer card: <span className="font-mono">{info.origin.label}</span>
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">{originText(info)}</p>
      </header>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{k}</dt>
            <dd className="text-slate-950 tabular-nums dark:text-slate-100">{v}</dd>
          </div>
        ))}
      </dl>
      {gguf?.warnings.map((w) => (
        <p key={w} className="text-sm text-amber-900 dark:text-amber-200">
          {w}
        </p>
      ))}
      <div>
        <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Pipeline</h3>
        <ol className="mt-1 flex flex-col gap-1 text-sm text-slate-900 dark:text-slate-100">
          {card.pipeline.map((step) => (
            <li key={step.stage}>
              <span className="text-slate-700 dark:text-slate-300">{STAGE_LABEL[step.stage]} → </span>
              <span className="font-medium">{step.type}</span>
              <Settings step={step} />
            </li>
          ))}
        </ol>
      </div>
      <div>
        <h3 id="special-tokens-title" className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          Special tokens
        </h3>
        {/* A long list scrolls; keyboard users reach it with Tab (axe: scrollable-region-focusable). `isolate` makes the
            scroller a stacking context, so Chromium reuses its painting: without it, each frame while typing repainted
            all 256 rows of llama3's list (~2 ms a frame). The other scroll regions have it for the same reason. */}
        <div className="isolate max-h-64 overflow-auto focus-visible:outline-2 focus-visible:outline-indigo-600" tabIndex={0} role="region" aria-labelledby="special-tokens-title">
          <table aria-labelledby="special-tokens-title" className="mt-1 w-full text-left text-sm">
            <thead className="text-slate-700 dark:text-slate-300">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Role</th>
                <th scope="col" className="py-1 pr-3 font-medium">Text</th>
                <th scope="col" className="py-1 font-medium">Id</th>
              </tr>
            </thead>
            <tbody className="text-slate-950 dark:text-slate-100">
              {card.specialTokens.slice(0, 200).map((row, i) => (
                <tr key={`${row.role}-${row.text}-${i}`} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="py-0.5 pr-3">{row.role}</td>
                  <td className="py-0.5 pr-3 font-mono break-all">{row.text}</td>
                  <td className="py-0.5 font-mono tabular-nums">{row.id ?? 'not in vocabulary'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {card.specialTokens.length > 200 && <p className="text-xs text-slate-600 dark:text-slate-400">…and {card.specialTokens.length - 200} more.</p>}
        {card.pad.missing && (
          <p role="note" data-testid="missing-pad" className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
            {card.pad.message}
          </p>
        )}
      </div>
    </section>
  );
}
