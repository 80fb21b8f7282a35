/**
 * The chat studio's state: one conversation (the JSON text is the source of truth the form edits too),
 * the render options, and edited templates. Persisted, including the raw JSON text, so nothing typed is lost
 * on reload even when it does not parse.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { ChatMessage } from '../../core/chat';
import { safeJsonStorage } from '../../stores/safe-storage';
import { formatJson, parseList, parseMessages, parseVariables } from './messages';
import { PRESETS, type Preset } from './presets';

export type ChatTab = 'studio' | 'base' | 'compare';

/** A template to compare: a bundled tokenizer's template, or the one being edited. */
export const EDITED = 'edited';

const DEFAULT_MESSAGES = PRESETS[1]!.messages;

interface ChatState {
  /** The last conversation that parsed; renders use this. */
  messages: ChatMessage[];
  messagesText: string;
  toolsText: string;
  documentsText: string;
  variablesText: string;
  addGenerationPrompt: boolean;
  continueFinalMessage: boolean;
  /** A named template (`tool_use`, `rag`) when the tokenizer ships several; null = the default choice. */
  templateName: string | null;
  /** `YYYY-MM-DDTHH:MM` in local time for strftime_now; '' = the real clock. */
  fixedDate: string;
  showWhitespace: boolean;
  /** Edited templates by `templateKey(tokenizer, name)`. */
  edits: Record<string, string>;
  tab: ChatTab;
  /** The instruct template shown beside a base model. */
  instructId: string;
  /** Templates side by side: tokenizer ids or EDITED. */
  compareIds: string[];
  setMessages: (messages: ChatMessage[]) => void;
  setMessagesText: (text: string) => void;
  setToolsText: (text: string) => void;
  setDocumentsText: (text: string) => void;
  setVariablesText: (text: string) => void;
  setAddGenerationPrompt: (on: boolean) => void;
  setContinueFinalMessage: (on: boolean) => void;
  setTemplateName: (name: string | null) => void;
  setFixedDate: (date: string) => void;
  setShowWhitespace: (on: boolean) => void;
  setEdit: (key: string, template: string | null) => void;
  setTab: (tab: ChatTab) => void;
  setInstructId: (id: string) => void;
  setCompareIds: (ids: string[]) => void;
  applyPreset: (preset: Preset) => void;
}

export function templateKey(tokenizerId: string, name: string | null): string {
  return name ? `${tokenizerId}#${name}` : tokenizerId;
}

type Persisted = Omit<ChatState, 'tab' | { [K in keyof ChatState]: ChatState[K] extends (...args: never[]) => unknown ? K : never }[keyof ChatState]>;

export const useChatStore = create<ChatState>()(
  persist(
    (set) => ({
      messages: DEFAULT_MESSAGES,
      messagesText: formatJson(DEFAULT_MESSAGES),
      toolsText: '',
      documentsText: '',
      variablesText: '',
      addGenerationPrompt: true,
      continueFinalMessage: false,
      templateName: null,
      fixedDate: '',
      showWhitespace: false,
      edits: {},
      tab: 'studio',
      instructId: 'llama3_1',
      compareIds: ['llama3_1', 'qwen3'],
      setMessages: (messages) => set({ messages, messagesText: formatJson(messages) }),
      setMessagesText: (messagesText) => {
        const parsed = parseMessages(messagesText);
        set(parsed.ok ? { messagesText, messages: parsed.value } : { messagesText });
      },
      setToolsText: (toolsText) => set({ toolsText }),
      setDocumentsText: (documentsText) => set({ documentsText }),
      setVariablesText: (variablesText) => set({ variablesText }),
      // The two are exclusive in transformers (it raises); turning one on turns the other off.
      setAddGenerationPrompt: (addGenerationPrompt) => set(addGenerationPrompt ? { addGenerationPrompt, continueFinalMessage: false } : { addGenerationPrompt }),
      setContinueFinalMessage: (continueFinalMessage) => set(continueFinalMessage ? { continueFinalMessage, addGenerationPrompt: false } : { continueFinalMessage }),
      setTemplateName: (templateName) => set({ templateName }),
      setFixedDate: (fixedDate) => set({ fixedDate }),
      setShowWhitespace: (showWhitespace) => set({ showWhitespace }),
      setEdit: (key, template) =>
        set((s) => ({
          edits: template === null ? Object.fromEntries(Object.entries(s.edits).filter(([k]) => k !== key)) : { ...s.edits, [key]: template },
        })),
      setTab: (tab) => set({ tab }),
      setInstructId: (instructId) => set({ instructId }),
      setCompareIds: (compareIds) => set({ compareIds: compareIds.slice(0, 4) }),
      applyPreset: (preset) =>
        set({
          messages: preset.messages,
          messagesText: formatJson(preset.messages),
          toolsText: preset.tools ? formatJson(preset.tools) : '',
          documentsText: preset.documents ? formatJson(preset.documents) : '',
        }),
    }),
    {
      name: 'tokenlab:chat',
      version: 1,
      storage: safeJsonStorage<Persisted>(),
      partialize: (s): Persisted => ({
        messages: s.messages,
        messagesText: s.messagesText,
        toolsText: s.toolsText,
        documentsText: s.documentsText,
        variablesText: s.variablesText,
        addGenerationPrompt: s.addGenerationPrompt,
        continueFinalMessage: s.continueFinalMessage,
        templateName: s.templateName,
        fixedDate: s.fixedDate,
        showWhitespace: s.showWhitespace,
        edits: s.edits,
        instructId: s.instructId,
        compareIds: s.compareIds,
      }),
    },
  ),
);

/** The parsed optional fields; an invalid field counts as unset and reports its error. */
export function parsedExtras(s: Pick<ChatState, 'toolsText' | 'documentsText' | 'variablesText'>) {
  const tools = parseList(s.toolsText, 'Tools');
  const documents = parseList(s.documentsText, 'Documents');
  const variables = parseVariables(s.variablesText);
  return {
    tools: tools.ok ? tools.value : null,
    documents: documents.ok ? documents.value : null,
    variables: variables.ok ? variables.value : {},
    errors: { tools: tools.ok ? null : tools.error, documents: documents.ok ? null : documents.error, variables: variables.ok ? null : variables.error },
  };
}
