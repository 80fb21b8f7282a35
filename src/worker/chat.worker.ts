/// <reference lib="webworker" />
/**
 * Chat-template renderer. Imports only the pure core and its protocol. The core's cooperative guards (steps,
 * output size, depth) stop most hostile templates; anything slower is the client's job: it terminates this
 * worker after CHAT_RENDER_TIMEOUT_MS.
 */
import { ChatTemplateError, lintChat, renderChat, segmentChat, type RenderChatOptions, type RenderChatResult } from '../core/chat';
import type { ChatRenderResult, ChatWorkerRequest, ChatWorkerResponse, ChatRenderRequest } from './chat-protocol';

declare const self: DedicatedWorkerGlobalScope;

function toError(e: unknown): ChatTemplateError {
  if (e instanceof ChatTemplateError) return e;
  return new ChatTemplateError(e instanceof Error ? e.message : String(e), 'runtime');
}

export function renderRequest(req: ChatRenderRequest): ChatRenderResult {
  const options: RenderChatOptions = {
    template: req.template,
    templateName: req.templateName,
    messages: req.messages,
    tools: req.tools,
    documents: req.documents,
    addGenerationPrompt: req.addGenerationPrompt,
    continueFinalMessage: req.continueFinalMessage,
    specialTokens: req.specialTokens,
    extraVariables: req.extraVariables,
    now: req.now == null ? undefined : new Date(req.now),
    clock: 'local',
  };
  let outcome: RenderChatResult | ChatTemplateError;
  try {
    outcome = renderChat(options);
  } catch (e) {
    outcome = toError(e);
  }
  let lints: ChatRenderResult['lints'] = [];
  try {
    lints = lintChat({ options, outcome, tokenizerAddsBos: req.tokenizerAddsBos });
  } catch {
    // lints are advice; a failing lint never hides the render
  }
  if (outcome instanceof ChatTemplateError) {
    return { ok: false, error: { message: outcome.message, kind: outcome.kind, line: outcome.line, column: outcome.column }, lints };
  }
  let segments = null;
  if (req.segment) {
    try {
      segments = segmentChat(options).segments;
    } catch {
      segments = null;
    }
  }
  return { ok: true, text: outcome.text, templateName: outcome.templateName, undefinedNames: outcome.undefinedNames, usedStrftime: outcome.usedStrftime, segments, lints };
}

self.onmessage = (event: MessageEvent<ChatWorkerRequest>) => {
  const { requestId, payload } = event.data;
  const response: ChatWorkerResponse = { requestId, result: renderRequest(payload) };
  self.postMessage(response);
};
