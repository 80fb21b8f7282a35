import { useMemo } from 'react';
import { selectChatTemplate, templateNames as namesOf } from '../../../core/chat/template-select';
import type { ChatRenderResult } from '../../../worker/chat-protocol';
import { useChatRender, useChatSource, useEncoded, useTokenizerFacts } from '../hooks/use-chat-data';
import { buildRequest, useConversation, useEditedTemplate } from '../hooks/use-render-request';
import { useChatStore } from '../store';
import { ConversationEditor } from './conversation-editor';
import { cardClass } from './field-styles';
import { JsonPanel } from './json-panel';
import { OutputCard } from './output-card';
import { RenderOptions } from './render-options';
import { TemplatePanel } from './template-panel';

/** transformers' error when a tokenizer has no template (and none was passed). */
const NO_TEMPLATE = 'Cannot use chat template functions because tokenizer.chat_template is not set and no template argument was passed! This tokenizer belongs to a base model: see "Base vs instruct".';

const failure = (message: string, kind: 'runtime' | 'crash' = 'runtime'): ChatRenderResult => ({ ok: false, error: { message, kind }, lints: [] });

/** The studio: conversation and options on the left, the render, its tokens and the template on the right. */
export function StudioView({ tokenizerId }: { tokenizerId: string }) {
  const source = useChatSource(tokenizerId);
  const facts = useTokenizerFacts(tokenizerId);
  const templateName = useChatStore((s) => s.templateName);
  const showWhitespace = useChatStore((s) => s.showWhitespace);
  const conv = useConversation();
  const original = source.value?.template ?? null;
  const { key, edited, template } = useEditedTemplate(tokenizerId, original, templateName);
  const names = original ? namesOf(original) : [];

  const request = useMemo(() => {
    if (!source.value || template == null) return null;
    return buildRequest(conv, template, templateName, source.value.specialTokens, facts.value?.addsBos ?? false);
  }, [source.value, template, templateName, conv, facts.value]);
  const render = useChatRender(request);
  const problem =
    source.status === 'error' ? failure(`Could not read the template of ${tokenizerId}: ${source.error}`, 'crash') :
    source.status === 'ready' && original == null && !edited ? failure(NO_TEMPLATE) : null;
  const status = problem ? 'error' : render.status === 'idle' ? 'loading' : render.status;
  const text = render.result?.ok ? render.result.text : null;
  const encoded = useEncoded(tokenizerId, render.status === 'ready' ? text : null);

  const specials = useMemo(() => {
    const list = facts.value?.info.specialTokens.map((t) => t.content) ?? [];
    for (const v of Object.values(source.value?.specialTokens ?? {})) list.push(...(Array.isArray(v) ? v : [v]));
    return list;
  }, [facts.value, source.value]);

  const originalText = useMemo(() => {
    if (original == null) return '';
    try {
      return selectChatTemplate(original, { name: templateName, hasTools: conv.tools != null }).template;
    } catch {
      return '';
    }
  }, [original, templateName, conv.tools]);
  const editorValue = typeof template === 'string' && edited ? template : originalText;

  return (
    <div className="grid gap-5 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
      <div className="flex min-w-0 flex-col gap-5">
        <ConversationEditor />
        <section aria-labelledby="opts-title" className={`${cardClass} flex flex-col gap-3`}>
          <h2 id="opts-title" className="text-lg font-semibold text-slate-950 dark:text-white">Options and JSON</h2>
          <RenderOptions templateNames={names} />
          <JsonPanel />
        </section>
      </div>
      <div className="flex min-w-0 flex-col gap-5">
        <OutputCard
          tokenizerId={tokenizerId}
          status={status}
          result={render.result}
          problem={problem}
          specials={specials}
          info={facts.value?.info ?? null}
          encoded={encoded}
          showWhitespace={showWhitespace}
        />
        {key && (original != null || edited) && (
          <TemplatePanel tokenizerId={tokenizerId} editKey={key} value={editorValue} original={originalText} edited={edited} error={render.result && !render.result.ok ? render.result.error : null} />
        )}
      </div>
    </div>
  );
}
