import type { TokenStats } from '../../../core/tokens/spans';
import type { TokenizerInfo } from '../../../worker/protocol';

const nf = new Intl.NumberFormat('en-US');

export interface StatsBarProps {
  stats: TokenStats | null;
  info: TokenizerInfo | null;
}

function Stat({ label, value, testId, hint }: { label: string; value: string; testId?: string; hint?: string }) {
  return (
    <div className="min-w-28 rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900" title={hint}>
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">{label}</dt>
      <dd className="text-2xl font-semibold text-slate-950 tabular-nums dark:text-white" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Counts for the tokens on screen. The token count is bare digits: e2e checks read it as a number. */
export function StatsBar({ stats, info }: StatsBarProps) {
  const over = stats && info?.contextLength != null && stats.tokens > info.contextLength ? stats.tokens - info.contextLength : 0;
  return (
    <section aria-label="Statistics">
      <dl className="flex flex-wrap gap-2">
        <Stat label="Tokens" value={stats ? String(stats.tokens) : '0'} testId="token-count" />
        <Stat label="Characters" value={stats ? nf.format(stats.characters) : '–'} hint={stats ? `${nf.format(stats.utf16Units)} UTF-16 code units` : undefined} />
        <Stat label="UTF-8 bytes" value={stats ? nf.format(stats.utf8Bytes) : '–'} />
        <Stat label="Chars / token" value={stats?.charsPerToken != null ? stats.charsPerToken.toFixed(2) : '–'} />
        <Stat label="Vocabulary" value={info ? nf.format(info.vocabSize) : '–'} hint="Including added tokens" />
        <Stat label="Context length" value={info ? (info.contextLength != null ? nf.format(info.contextLength) : 'not set') : '–'} hint="model_max_length from tokenizer_config.json" />
      </dl>
      {over > 0 && (
        <p role="status" className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-1.5 text-sm font-medium text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100">
          {nf.format(over)} tokens past the {nf.format(info!.contextLength!)}-token context window: they are dimmed after the marker.
        </p>
      )}
    </section>
  );
}
