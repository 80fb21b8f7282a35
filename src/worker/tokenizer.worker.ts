/// <reference lib="webworker" />
/**
 * Tokenizer worker: fetches and builds tokenizers off the main thread and encodes text.
 * Imports only core and the protocol (STYLE: "DON'T depend on anything from the outside").
 * Every request gets exactly one `result` or `error` reply; nothing is thrown into the void.
 */
import { createTokenizer, type Tokenizer } from '../core/tokens/engine';
import type { TokenizerConfigJson, TokenizerJson } from '../core/tokens/tokenizer-json';
import {
  tokenizerFileUrl,
  type EncodeRequest,
  type EncodeResult,
  type LoadProgress,
  type LoadRequest,
  type TokenizerInfo,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';
import { tokenizerInfoOf } from './tokenizer-info';

declare const self: DedicatedWorkerGlobalScope;

interface Loaded {
  tokenizer: Tokenizer;
  info: TokenizerInfo;
}

/** One load promise per tokenizer id: concurrent requests share it, a failed one is forgotten so a retry refetches. */
const loads = new Map<string, Promise<Loaded>>();
/** Request ids waiting on a load, so every waiter sees the progress of the shared download. */
const progressListeners = new Map<string, Set<number>>();

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function fetchText(url: string, onProgress?: (p: LoadProgress) => void): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not fetch ${url}: HTTP ${response.status}`);
  const header = Number(response.headers.get('content-length'));
  // A compressed response reports the compressed length; it is still a fine progress estimate.
  let total: number | null = Number.isFinite(header) && header > 0 ? header : null;
  if (!response.body || !onProgress) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress({ loaded, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    if (total != null && loaded > total) total = null;
    onProgress({ loaded, total });
  }
  const all = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

async function fetchConfig(url: string): Promise<TokenizerConfigJson> {
  const response = await fetch(url);
  // Some repos ship no tokenizer_config.json; the tokenizer still works, it just has no roles or context length.
  if (response.status === 404) return {};
  if (!response.ok) throw new Error(`Could not fetch ${url}: HTTP ${response.status}`);
  return (await response.json()) as TokenizerConfigJson;
}

async function loadTokenizer({ tokenizerId, baseUrl }: LoadRequest): Promise<Loaded> {
  const notify = (progress: LoadProgress) => {
    for (const requestId of progressListeners.get(tokenizerId) ?? []) post({ requestId, kind: 'progress', progress });
  };
  const [jsonText, config] = await Promise.all([
    fetchText(tokenizerFileUrl(baseUrl, tokenizerId, 'tokenizer.json'), notify),
    fetchConfig(tokenizerFileUrl(baseUrl, tokenizerId, 'tokenizer_config.json')),
  ]);
  let json: TokenizerJson;
  try {
    json = JSON.parse(jsonText) as TokenizerJson;
  } catch {
    throw new Error(`tokenizer.json for "${tokenizerId}" is not valid JSON`);
  }
  const tokenizer = createTokenizer(json);
  return { tokenizer, info: tokenizerInfoOf(tokenizerId, tokenizer, config) };
}

function getLoaded(request: LoadRequest): Promise<Loaded> {
  let promise = loads.get(request.tokenizerId);
  if (!promise) {
    promise = loadTokenizer(request);
    loads.set(request.tokenizerId, promise);
    promise.catch(() => loads.delete(request.tokenizerId));
  }
  return promise;
}

async function handleLoad(requestId: number, request: LoadRequest): Promise<TokenizerInfo> {
  let listeners = progressListeners.get(request.tokenizerId);
  if (!listeners) progressListeners.set(request.tokenizerId, (listeners = new Set()));
  listeners.add(requestId);
  try {
    return (await getLoaded(request)).info;
  } finally {
    listeners.delete(requestId);
  }
}

function handleEncode({ tokenizerId, text, addSpecialTokens }: EncodeRequest): Promise<{ result: EncodeResult; transfer: Transferable[] }> {
  const promise = loads.get(tokenizerId);
  if (!promise) return Promise.reject(new Error(`Tokenizer "${tokenizerId}" is not loaded`));
  return promise.then(({ tokenizer }) => {
    // Lone surrogates would make offsets and bytes disagree; U+FFFD keeps the UTF-16 length, so offsets still line up.
    const encoding = tokenizer.encode(text.toWellFormed(), { addSpecialTokens });
    const n = encoding.ids.length;
    const ids = Int32Array.from(encoding.ids);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const special = new Uint8Array(n);
    const byteOffsets = new Int32Array(n + 1);
    const perToken: Uint8Array[] = new Array(n);
    const byId = new Map<number, Uint8Array>();
    let byteLength = 0;
    for (let i = 0; i < n; i++) {
      const offset = encoding.offsets[i]!;
      starts[i] = offset[0];
      ends[i] = offset[1];
      // `special`, not `specialMask`: typed control tokens like `<|im_end|>` are special too, and the UI styles them.
      special[i] = encoding.special[i] ? 1 : 0;
      const id = ids[i]!;
      let bytes = byId.get(id);
      if (!bytes) byId.set(id, (bytes = tokenizer.tokenBytes(id)));
      perToken[i] = bytes;
      byteOffsets[i] = byteLength;
      byteLength += bytes.byteLength;
    }
    byteOffsets[n] = byteLength;
    const bytes = new Uint8Array(byteLength);
    for (let i = 0; i < n; i++) bytes.set(perToken[i]!, byteOffsets[i]!);
    const result: EncodeResult = { tokenizerId, ids, starts, ends, special, tokens: encoding.tokens, bytes, byteOffsets };
    return { result, transfer: [ids.buffer, starts.buffer, ends.buffer, special.buffer, bytes.buffer, byteOffsets.buffer] };
  });
}

function toErrorPayload(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const { requestId } = request;
  let reply: Promise<{ result: TokenizerInfo | EncodeResult; transfer: Transferable[] }>;
  try {
    switch (request.command) {
      case 'load':
        reply = handleLoad(requestId, request.payload).then((result) => ({ result, transfer: [] }));
        break;
      case 'encode':
        reply = handleEncode(request.payload);
        break;
      default: {
        const unknown: never = request;
        throw new Error(`Unknown command ${JSON.stringify((unknown as { command?: unknown }).command)}`);
      }
    }
  } catch (error) {
    reply = Promise.reject(error);
  }
  reply.then(
    ({ result, transfer }) => post({ requestId, kind: 'result', command: request.command, result }, transfer),
    (error: unknown) => post({ requestId, kind: 'error', error: toErrorPayload(error) }),
  );
};
