import { useMemo } from 'react';
import type { ChatTemplateSource } from '../../../core/chat';
import type { ChatRenderResult } from '../../../worker/chat-protocol';
import { templateKey, useChatStore } from '../store';
import { useChatRender, useChatSource, useEncoded, useTokenizerFacts, type Encoded, type Loadable } from './use-chat-data';
import { buildRequest, type Conversation } from './use-render-request';

export interface PaneRender {
  status: 'loading' | 'ready' | 'error';
  result: ChatRenderResult | null;
  encoded: Loadable<Encoded>;
  specials: string[];
  info: ReturnType<typeof useTokenizerFacts>['value'];
}

/**
 * One tokenizer's render of the shared conversation (its own template, or the user's edit of it when `useEdit`),
 * tokenized with the same tokenizer. Used by the side-by-side views.
 */
export function usePaneRender(tokenizerId: string, conv: Conversation, { useEdit = false, segment = false } = {}): PaneRender {
  const source = useChatSource(tokenizerId);
  const facts = useTokenizerFacts(tokenizerId);
  const templateName = useChatStore((s) => s.templateName);
  const edit = useChatStore((s) => (useEdit ? s.edits[templateKey(tokenizerId, s.templateName)] : undefined));
  const template: ChatTemplateSource | null = edit ?? source.value?.template ?? null;
  const request = useMemo(() => {
    if (!source.value || template == null) return null;
    return buildRequest(conv, template, templateName, source.value.specialTokens, facts.value?.addsBos ?? false, segment);
  }, [source.value, template, templateName, conv, facts.value, segment]);
  const render = useChatRender(request);
  const noTemplate = source.status === 'ready' && template == null;
  const result: ChatRenderResult | null =
    source.status === 'error' ? { ok: false, error: { message: source.error, kind: 'crash' }, lints: [] } :
    noTemplate ? { ok: false, error: { message: `${tokenizerId} has no chat template`, kind: 'runtime' }, lints: [] } :
    render.result;
  const status = source.status === 'error' || noTemplate ? 'error' : render.status === 'idle' ? 'loading' : render.status;
  const encoded = useEncoded(tokenizerId, render.status === 'ready' && render.result?.ok ? render.result.text : null);
  const specials = useMemo(() => facts.value?.info.specialTokens.map((t) => t.content) ?? [], [facts.value]);
  return { status, result, encoded, specials, info: facts.value };
}
