/**
 * The message contract between the page (`src/lib/chat-client.ts`) and `chat.worker.ts`, which renders chat
 * templates. A separate worker from the tokenizer's: a hostile template can pin it, and the client then
 * terminates it (wall-clock timeout) without losing any loaded tokenizer.
 */
import type { ChatMessage, ChatTemplateErrorKind, ChatTemplateSource, Lint, Segment, SpecialTokens } from '../core/chat';

export type { ChatMessage, ChatTemplateSource, Lint, Segment, SpecialTokens };

export interface ChatRenderRequest {
  template: ChatTemplateSource;
  /** A named template (`tool_use`, `rag`); null = transformers' choice. */
  templateName: string | null;
  messages: ChatMessage[];
  /** null = None in the template (transformers' default when not passed). */
  tools: unknown[] | null;
  documents: unknown[] | null;
  addGenerationPrompt: boolean;
  continueFinalMessage: boolean;
  specialTokens: SpecialTokens;
  /** Extra template kwargs; only what the user set. */
  extraVariables: Record<string, unknown>;
  /** Fixed clock for strftime_now (epoch ms, formatted in local time); null = the real clock. */
  now: number | null;
  /** For the double-BOS lint: encoding with add_special_tokens prepends BOS. */
  tokenizerAddsBos: boolean;
  /** Also split the text into system/tools/history/generation segments (renders the prefixes again). */
  segment: boolean;
}

export interface ChatRenderError {
  message: string;
  kind: ChatTemplateErrorKind | 'timeout' | 'crash';
  line?: number;
  column?: number;
}

export type ChatRenderResult =
  | { ok: true; text: string; templateName: string | null; undefinedNames: string[]; usedStrftime: boolean; segments: Segment[] | null; lints: Lint[] }
  | { ok: false; error: ChatRenderError; lints: Lint[] };

/** Wall-clock limit for one render; on expiry the client terminates the worker and starts a fresh one. */
export const CHAT_RENDER_TIMEOUT_MS = 2000;

export type ChatWorkerRequest = { requestId: number; command: 'render'; payload: ChatRenderRequest };
export type ChatWorkerResponse = { requestId: number; result: ChatRenderResult };
