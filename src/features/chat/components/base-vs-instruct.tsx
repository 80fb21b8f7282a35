import { useChatStore } from '../store';
import { baseTranscript } from '../base-text';
import { useEncoded, useTokenizerFacts } from '../hooks/use-chat-data';
import { usePaneRender } from '../hooks/use-pane-render';
import { useConversation } from '../hooks/use-render-request';
import { cardClass } from './field-styles';
import { LintList, PromptText, TemplateErrorBox } from './prompt-output';
import { TokenizerPicker } from './tokenizer-picker';

const nf = new Intl.NumberFormat('en-US');

function Count({ n }: { n: number | null }) {
  return (
    <p className="text-sm text-slate-700 dark:text-slate-300">
      <span className="text-2xl font-bold text-slate-950 tabular-nums dark:text-white">{n == null ? '–' : nf.format(n)}</span> tokens
    </p>
  );
}

/** The same conversation as a base model receives it (a transcript to continue) and through an instruct template. */
export function BaseVsInstruct({ baseId }: { baseId: string }) {
  const conv = useConversation();
  const instructId = useChatStore((s) => s.instructId);
  const setInstructId = useChatStore((s) => s.setInstructId);
  const showWhitespace = useChatStore((s) => s.showWhitespace);
  const baseText = baseTranscript(conv.messages, conv.addGenerationPrompt);
  const baseFacts = useTokenizerFacts(baseId);
  // A base model's tokenizer adds BOS itself (add_special_tokens=True): there is no template to write it.
  const baseTokens = useEncoded(baseId, baseText, true);
  const instruct = usePaneRender(instructId, conv);
  const baseSpecials = baseFacts.value?.info.specialTokens.map((t) => t.content) ?? [];
  const instructText = instruct.result?.ok ? instruct.result.text : '';
  return (
    <div className="flex flex-col gap-4">
      <p className="rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-base text-indigo-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-50">
        <strong>The difference:</strong> a base model only continues text, so it gets a plain transcript and may well write the user's next line too; an instruct model was fine-tuned on its template's special tokens, so it knows whose turn it is and when to stop.
      </p>
      <div className="grid gap-5 lg:grid-cols-2">
        <section aria-labelledby="base-title" className={`${cardClass} flex min-w-0 flex-col gap-3`}>
          <div className="flex items-start justify-between gap-2">
            <div>
              <h2 id="base-title" className="text-lg font-semibold text-slate-950 dark:text-white">Base model: text to continue</h2>
              <p className="text-sm text-slate-700 dark:text-slate-300">{baseId}, a plain "User:/Assistant:" transcript, add_special_tokens=True</p>
            </div>
            <Count n={baseTokens.status === 'ready' ? baseTokens.value.tokens.ids.length : null} />
          </div>
          <PromptText text={baseText} specials={baseSpecials} status="ready" showWhitespace={showWhitespace} label="What a base model receives" />
        </section>
        <section aria-labelledby="instruct-title" className={`${cardClass} flex min-w-0 flex-col gap-3`}>
          <div className="flex items-start justify-between gap-2">
            <div className="flex min-w-0 flex-col gap-1">
              <h2 id="instruct-title" className="text-lg font-semibold text-slate-950 dark:text-white">Instruct model: chat template</h2>
              <TokenizerPicker label="Template from" value={instructId} onChange={setInstructId} onlyTemplates />
            </div>
            <Count n={instruct.encoded.status === 'ready' ? instruct.encoded.value.tokens.ids.length : null} />
          </div>
          {instruct.result && !instruct.result.ok && <TemplateErrorBox error={instruct.result.error} />}
          {instruct.result && <LintList lints={instruct.result.lints.filter((l) => l.code !== 'prints-date')} />}
          <PromptText text={instructText} specials={instruct.specials} status={instruct.status} showWhitespace={showWhitespace} label="What an instruct model receives" />
        </section>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">Edit the conversation in the Studio tab; both sides follow it.</p>
    </div>
  );
}
