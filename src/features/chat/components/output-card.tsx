import type { ChatRenderResult } from '../../../worker/chat-protocol';
import type { TokenizerInfo } from '../../../worker/protocol';
import type { Encoded, Loadable } from '../hooks/use-chat-data';
import { BudgetBar, LintList, PromptText, TemplateErrorBox, type OutputStatus } from './prompt-output';
import { PromptTokens, contextOf } from './prompt-tokens';
import { cardClass, errorClass } from './field-styles';

export interface OutputCardProps {
  tokenizerId: string;
  status: OutputStatus;
  result: ChatRenderResult | null;
  /** Shown as the error when there is nothing to render (no template, load failure). */
  problem: ChatRenderResult | null;
  specials: readonly string[];
  info: TokenizerInfo | null;
  encoded: Loadable<Encoded>;
  showWhitespace: boolean;
}

/** What the model receives: budget, checks, the prompt text with special tokens marked, then its tokens. */
export function OutputCard({ tokenizerId, status, result, problem, specials, info, encoded, showWhitespace }: OutputCardProps) {
  const shown = problem ?? result;
  const text = shown?.ok ? shown.text : '';
  const tokens = encoded.status === 'ready' && shown?.ok && encoded.value.text === text ? encoded.value : null;
  return (
    <section aria-labelledby="out-title" className={`${cardClass} flex flex-col gap-3`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="out-title" className="text-lg font-semibold text-slate-950 dark:text-white">What the model receives</h2>
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {status === 'loading' ? 'Rendering…' : status === 'error' ? 'Render failed' : `Rendered ${text.length.toLocaleString('en-US')} characters`}
        </p>
      </div>
      {shown?.ok !== false && <BudgetBar count={tokens ? tokens.tokens.ids.length : null} context={contextOf(info)} />}
      {encoded.status === 'error' && <p role="alert" className={errorClass}>Could not tokenize with {tokenizerId}: {encoded.error}</p>}
      {shown && !shown.ok && <TemplateErrorBox error={shown.error} />}
      {shown && <LintList lints={shown.lints} />}
      <PromptText testId="chat-output" text={text} specials={specials} status={status} showWhitespace={showWhitespace} label="Rendered prompt" />
      <div>
        <h3 className="mb-1.5 text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">Tokens ({tokenizerId}, add_special_tokens=False)</h3>
        {tokens ? (
          <PromptTokens text={tokens.text} tokens={tokens.tokens} info={info} showWhitespace={showWhitespace} label="Tokens of the rendered prompt" />
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">{shown?.ok === false ? 'Nothing to tokenize.' : 'Tokenizing…'}</p>
        )}
      </div>
    </section>
  );
}
