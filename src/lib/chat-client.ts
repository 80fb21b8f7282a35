/**
 * Page side of the chat-template worker. Every render gets a wall-clock timeout (2 s): when it expires the
 * worker is terminated (a template stuck in one slow step cannot be interrupted any other way) and a fresh one
 * takes the other pending renders. Errors come back as `{ok:false}` results, never as rejections, so the UI has
 * one path for "the template failed" whatever the cause.
 */
import type { ChatTemplateSource, SpecialTokens } from '../core/chat';
import { specialTokensFromConfig } from '../core/chat/special-tokens';
import type { TokenizerConfigJson } from '../core/tokens/tokenizer-json';
import {
  CHAT_RENDER_TIMEOUT_MS,
  type ChatRenderRequest,
  type ChatRenderResult,
  type ChatWorkerRequest,
  type ChatWorkerResponse,
} from '../worker/chat-protocol';
import type { TokenizerInfo } from '../worker/protocol';
import type { TokenizerClient } from './worker-client';

export interface ChatWorkerLike {
  postMessage(message: ChatWorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<ChatWorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface ChatRenderer {
  /** `signal`: the caller no longer wants this render (a newer one superseded it). */
  render(request: ChatRenderRequest, signal?: AbortSignal): Promise<ChatRenderResult>;
  dispose(): void;
}

interface Pending {
  request: ChatRenderRequest;
  resolve: (result: ChatRenderResult) => void;
  timer: ReturnType<typeof setTimeout>;
  postedAt: number;
  /** Superseded: already answered as cancelled, still occupying the worker until its reply or timeout. */
  cancelled: boolean;
}

/** A superseded render still running after this long is stopped by terminating the worker rather than waited for. */
const CANCEL_TERMINATES_AFTER_MS = 150;
const CANCELLED: ChatRenderResult = { ok: false, error: { message: 'Superseded by a newer render', kind: 'crash' }, lints: [] };

export class ChatWorkerClient implements ChatRenderer {
  private worker: ChatWorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** How many workers were terminated for running too long (shown nowhere; for tests). */
  restarts = 0;

  constructor(
    private readonly createWorker: () => ChatWorkerLike,
    private readonly timeoutMs = CHAT_RENDER_TIMEOUT_MS,
  ) {}

  render(request: ChatRenderRequest, signal?: AbortSignal): Promise<ChatRenderResult> {
    return new Promise((resolve) => {
      const requestId = this.nextId++;
      this.pending.set(requestId, { request, resolve, timer: this.startTimer(requestId), postedAt: Date.now(), cancelled: false });
      this.post(requestId, request);
      signal?.addEventListener('abort', () => this.cancel(requestId), { once: true });
    });
  }

  /**
   * Answers a superseded render at once. If it is the one the worker is busy with and has run for a while (a
   * hostile template being edited away), the worker is terminated now instead of after the full timeout.
   */
  private cancel(requestId: number): void {
    const p = this.pending.get(requestId);
    if (!p || p.cancelled) return;
    p.cancelled = true;
    p.resolve(CANCELLED);
    const oldest = this.pending.keys().next().value;
    if (oldest === requestId && Date.now() - p.postedAt > CANCEL_TERMINATES_AFTER_MS) {
      clearTimeout(p.timer);
      this.pending.delete(requestId);
      this.restarts++;
      this.restart(null, null);
    }
  }

  dispose(): void {
    for (const [id, p] of [...this.pending]) this.settle(id, p, { ok: false, error: { message: 'The template worker was stopped', kind: 'crash' }, lints: [] });
    this.worker?.terminate();
    this.worker = null;
  }

  private startTimer(requestId: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.onTimeout(requestId), this.timeoutMs);
  }

  private post(requestId: number, request: ChatRenderRequest): void {
    try {
      this.ensureWorker().postMessage({ requestId, command: 'render', payload: request });
    } catch (e) {
      const p = this.pending.get(requestId);
      if (p) this.settle(requestId, p, { ok: false, error: { message: e instanceof Error ? e.message : String(e), kind: 'crash' }, lints: [] });
    }
  }

  private ensureWorker(): ChatWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      const p = this.pending.get(event.data.requestId);
      if (p) this.settle(event.data.requestId, p, event.data.result);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.restart(null, event.message || 'The template worker crashed');
    };
    this.worker = worker;
    return worker;
  }

  /**
   * The render that timed out is the oldest one still pending (the worker answers in order), so it is the one
   * pinning the worker: fail it, terminate, and replay the others on a fresh worker with fresh timers.
   */
  private onTimeout(requestId: number): void {
    const p = this.pending.get(requestId);
    if (!p) return;
    if (p.cancelled) {
      this.pending.delete(requestId);
      this.restarts++;
      this.restart(null, null);
      return;
    }
    this.settle(requestId, p, {
      ok: false,
      error: { message: `The template ran for more than ${this.timeoutMs / 1000} s and was stopped (an endless loop, deep recursion or a huge output?). The page stays usable; fix the template and it renders again.`, kind: 'timeout' },
      lints: [],
    });
    this.restarts++;
    this.restart(requestId, null);
  }

  private restart(skip: number | null, crash: string | null): void {
    this.worker?.terminate();
    this.worker = null;
    // Superseded renders are not worth replaying.
    for (const [id, p] of [...this.pending]) {
      if (p.cancelled && id !== skip) {
        clearTimeout(p.timer);
        this.pending.delete(id);
      }
    }
    const others = [...this.pending].filter(([id]) => id !== skip);
    if (crash) {
      for (const [id, p] of others) this.settle(id, p, { ok: false, error: { message: crash, kind: 'crash' }, lints: [] });
      return;
    }
    for (const [id, p] of others) {
      clearTimeout(p.timer);
      p.timer = this.startTimer(id);
      p.postedAt = Date.now();
      this.post(id, p.request);
    }
  }

  private settle(requestId: number, p: Pending, result: ChatRenderResult): void {
    clearTimeout(p.timer);
    this.pending.delete(requestId);
    if (!p.cancelled) p.resolve(result);
  }
}

export function createBrowserChatRenderer(): ChatRenderer {
  return new ChatWorkerClient(() => new Worker(new URL('../worker/chat.worker.ts', import.meta.url), { type: 'module', name: 'chat-template' }) as unknown as ChatWorkerLike);
}

/** What a tokenizer contributes to a render: its template(s) and the special tokens transformers passes. */
export interface ChatSource {
  tokenizerId: string;
  template: ChatTemplateSource | null;
  specialTokens: SpecialTokens;
}

/**
 * Special tokens as transformers passes them (`special_tokens_map`), rebuilt from the worker's tokenizer info
 * for tokenizers that were not bundled (the role contents come from the same tokenizer_config.json fields).
 */
export function specialTokensFromInfo(info: TokenizerInfo): SpecialTokens {
  const out: SpecialTokens = {};
  const additional: string[] = [];
  for (const t of info.specialTokens) {
    if (t.role === 'control') continue;
    if (t.role === 'additional') additional.push(t.content);
    else out[`${t.role}_token`] ??= t.content;
  }
  if (additional.length) out.additional_special_tokens = additional;
  return out;
}

/**
 * Bundled tokenizers: read tokenizer_config.json (and chat_template.jinja when shipped) directly, which is small
 * and exactly what transformers reads; others: the template and tokens the tokenizer worker found when loading.
 */
export async function loadChatSource(tokenizerId: string, client: TokenizerClient, bundled: { files: readonly string[] } | null, baseUrl: string): Promise<ChatSource> {
  if (bundled) {
    const file = (name: string) => new URL(`tokenizers/${encodeURIComponent(tokenizerId)}/${name}`, baseUrl).href;
    const response = await fetch(file('tokenizer_config.json'));
    if (!response.ok) throw new Error(`Could not read ${tokenizerId}/tokenizer_config.json (HTTP ${response.status})`);
    const config = (await response.json()) as TokenizerConfigJson;
    let template: ChatTemplateSource | null = config.chat_template ?? null;
    if (bundled.files.includes('chat_template.jinja')) {
      const jinja = await fetch(file('chat_template.jinja'));
      if (jinja.ok) template = await jinja.text();
    }
    return { tokenizerId, template, specialTokens: specialTokensFromConfig(config) };
  }
  const info = await client.load(tokenizerId);
  return { tokenizerId, template: info.chatTemplate, specialTokens: specialTokensFromInfo(info) };
}
