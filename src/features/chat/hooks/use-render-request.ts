import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ChatTemplateSource, SpecialTokens } from '../../../core/chat';
import type { ChatRenderRequest } from '../../../worker/chat-protocol';
import { parsedExtras, templateKey, useChatStore } from '../store';

/** The fixed date as epoch ms (local wall clock, like Python's datetime.now()); null = the real clock. */
export function fixedNow(fixedDate: string): number | null {
  if (!fixedDate) return null;
  const ms = new Date(fixedDate).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** The shared conversation and options from the store, parsed once. */
export function useConversation() {
  const s = useChatStore(
    useShallow((st) => ({
      messages: st.messages,
      toolsText: st.toolsText,
      documentsText: st.documentsText,
      variablesText: st.variablesText,
      addGenerationPrompt: st.addGenerationPrompt,
      continueFinalMessage: st.continueFinalMessage,
      fixedDate: st.fixedDate,
    })),
  );
  return useMemo(() => {
    const extras = parsedExtras(s);
    return {
      messages: s.messages,
      tools: extras.tools,
      documents: extras.documents,
      variables: extras.variables,
      addGenerationPrompt: s.addGenerationPrompt,
      continueFinalMessage: s.continueFinalMessage,
      now: fixedNow(s.fixedDate),
    };
  }, [s]);
}

export type Conversation = ReturnType<typeof useConversation>;

export function buildRequest(
  conv: Conversation,
  template: ChatTemplateSource,
  templateName: string | null,
  specialTokens: SpecialTokens,
  tokenizerAddsBos: boolean,
  segment = false,
): ChatRenderRequest {
  return {
    template,
    templateName: typeof template === 'string' ? null : templateName,
    messages: conv.messages,
    tools: conv.tools,
    documents: conv.documents,
    addGenerationPrompt: conv.addGenerationPrompt,
    continueFinalMessage: conv.continueFinalMessage,
    specialTokens,
    extraVariables: conv.variables,
    now: conv.now,
    tokenizerAddsBos,
    segment,
  };
}

/** The template to render for a tokenizer: the user's edit when there is one, else the original. */
export function useEditedTemplate(tokenizerId: string | null, original: ChatTemplateSource | null, templateName: string | null) {
  const key = tokenizerId ? templateKey(tokenizerId, templateName) : null;
  const edit = useChatStore((s) => (key ? s.edits[key] : undefined));
  return { key, edited: edit !== undefined, template: edit ?? original };
}
