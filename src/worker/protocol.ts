/**
 * The one message contract between the page and `tokenizer.worker.ts`.
 * Both sides import only this file, so a command's request and response types cannot drift apart
 * (the pattern of excalidraw's `subset-shared.chunk.ts`).
 */

import type { TokenizerCard } from '../core/model/card';
import type { GgufModelInfo } from '../core/model/gguf-tokenizer';
import type { PipelineTrace } from '../core/tokens/pipeline-trace';
import type { ChatTemplateNamed } from '../core/tokens/tokenizer-json';
import type { VocabSearchResult } from '../core/tokens/vocab-search';
import type { TextEdit } from '../core/text/text-edit';
import type { RowLayout } from '../core/tokens/row-layout';

export type { PipelineTrace, VocabSearchResult, TokenizerCard, GgufModelInfo };

// The batch lab's command (`batch-handler.ts`); its types live in their own file.
import type { BatchRequest, BatchResult } from './batch-protocol';
export type * from './batch-protocol';

/** Roles a special token can play; `control` is any other added token marked `special` (e.g. `<|im_end|>`). */
export type SpecialRole = 'bos' | 'eos' | 'unk' | 'pad' | 'sep' | 'cls' | 'mask' | 'additional' | 'control';

export interface SpecialTokenInfo {
  role: SpecialRole;
  content: string;
  /** null when the config names a token the vocabulary does not contain. */
  id: number | null;
}

/**
 * Where a tokenizer comes from. Ids: bundled ids as they are; Hub tokenizers by Hub id (`owner/name`, plus
 * `@revision` when not main); local files and GGUF as `local:<name>`.
 */
export type TokenizerSource =
  | { kind: 'bundled' }
  | {
      kind: 'hub';
      repo: string;
      revision: string;
      /** Hub root, e.g. the public Hub or a mirror (HF_ENDPOINT); files are read from `{endpoint}/{repo}/resolve/{revision}/{file}`. */
      endpoint: string;
      /** Sent as a Bearer token only; never put in a URL, a cache key, a message or a log. */
      accessToken?: string | null;
    }
  | { kind: 'files'; name: string; files: File[] }
  | { kind: 'gguf'; file: File };

export interface LoadRequest {
  tokenizerId: string;
  /** Absolute URL of the app root (resolved from `import.meta.env.BASE_URL`); files live at `tokenizers/<id>/`. */
  baseUrl: string;
  /** Defaults to the bundled files. */
  source?: TokenizerSource;
}

/** How a loaded tokenizer got here, for the picker and the card. */
export interface TokenizerOrigin {
  kind: 'bundled' | 'hub' | 'local' | 'gguf';
  /** What the user recognises: the Hub id, the folder or file name. */
  label: string;
  repo?: string;
  revision?: string;
  /** True when a Hub load was answered from the browser cache because the Hub could not be reached. */
  fromCache?: boolean;
  /** The files that made up this tokenizer. */
  files: string[];
  gguf?: GgufModelInfo;
}

export interface CancelRequest {
  tokenizerId: string;
}

export interface VocabSearchRequest {
  tokenizerId: string;
  query: string;
  limit?: number;
}

export interface DecodeRequest {
  tokenizerId: string;
  ids: number[];
  skipSpecialTokens: boolean;
}

export interface DecodedPiece {
  id: number;
  /** null for an id outside the vocabulary. */
  token: string | null;
  /** What this one token decodes to on its own. */
  text: string;
  special: boolean;
}

export interface DecodeResult {
  text: string;
  pieces: DecodedPiece[];
}

export interface TraceRequest {
  tokenizerId: string;
  text: string;
}

export interface TokenizerInfo {
  id: string;
  vocabSize: number;
  modelType: string;
  /** `model_max_length` from tokenizer_config.json; null when missing or a "no limit" sentinel (>= 1e15). */
  contextLength: number | null;
  specialTokens: SpecialTokenInfo[];
  addedTokensCount: number;
  /** The tokenizer card, computed in the worker from the loaded files (`buildCard`). */
  card: TokenizerCard;
  origin: TokenizerOrigin;
  /** chat_template.jinja, else tokenizer_config.json's `chat_template` (GGUF: `tokenizer.chat_template[.<name>]`). */
  chatTemplate: string | ChatTemplateNamed[] | null;
}

export interface EncodeRequest {
  tokenizerId: string;
  text: string;
  addSpecialTokens: boolean;
  /** Second sequence (`text_pair`); its tokens get type id 1 when the post-processor says so. */
  pair?: string | null;
}

/**
 * Parallel arrays, one entry per token. Typed arrays are transferred (not copied), so a 1 MB input
 * with ~250k tokens crosses the thread boundary in milliseconds.
 */
export interface EncodeResult {
  tokenizerId: string;
  ids: Int32Array;
  /** `[starts[i], ends[i])` in UTF-16 units of the (well-formed) input; inserted tokens have start = end. */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 for special tokens. */
  special: Uint8Array;
  /** Raw vocabulary strings (`Ġworld`, `▁world`, `##ing`). */
  tokens: string[];
  /** All tokens' UTF-8 bytes back to back; token i owns `bytes[byteOffsets[i] .. byteOffsets[i + 1])`. */
  bytes: Uint8Array;
  byteOffsets: Int32Array;
  /** `token_type_ids`; absent from results made before pairs existed (and from test fakes). */
  typeIds?: Uint8Array;
}

/**
 * The token view's encode: only what every token needs, as transferred typed arrays, so a 1 MB text (~250k tokens)
 * costs the page no per-token objects. Raw token strings and bytes come on demand for what is on screen
 * (`tokenDetails`). Stats are counted here, off the main thread.
 */
export interface EncodeSpansRequest {
  tokenizerId: string;
  text: string;
  addSpecialTokens: boolean;
  /**
   * Requests on one channel supersede each other: one still queued in the worker when a newer one arrives is
   * answered with an error (code `superseded`) instead of being encoded, so fast typing on 1 MB never queues work.
   */
  channel?: string;
  /** Results with at most this many tokens also carry every distinct id's details (no second round trip). */
  detailsUpTo?: number;
  /**
   * Results with more tokens than `above` also carry the text view's rows of at most `maxTokens` tokens, laid out
   * here from the channel's previous layout, so the page makes no pass over ~250k tokens after an edit.
   */
  rows?: { maxTokens: number; above: number };
}

/**
 * The text of an `encodeSpans` as it crosses to the worker: whole, or as an edit to the version the worker holds for
 * the channel (see `channel-texts.ts`). Versions are the page's; the worker only checks that an edit's base matches.
 */
export type TextPayload =
  | { kind: 'full'; text: string; version: number }
  | { kind: 'edit'; base: number; version: number; edit: TextEdit };

/**
 * The buffers of an `encodeSpans` result the page has dropped (its `ids`, `starts`, `ends` and `special` arrays'
 * `buffer`s, transferred back), for the worker to put a later result in.
 */
export interface SpareBuffers {
  ids: ArrayBuffer;
  starts: ArrayBuffer;
  ends: ArrayBuffer;
  special: ArrayBuffer;
}

/**
 * The buffers behind a result's span arrays, or null when they cannot be moved: not four distinct `ArrayBuffer`s
 * (a test fake's, a shared one) or already moved.
 */
export function spareBuffersOf({ ids, starts, ends, special }: Pick<EncodeSpansResult, 'ids' | 'starts' | 'ends' | 'special'>): SpareBuffers | null {
  const buffers = [ids.buffer, starts.buffer, ends.buffer, special.buffer];
  if (new Set(buffers).size !== 4 || !buffers.every((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0)) return null;
  const [idsBuffer, startsBuffer, endsBuffer, specialBuffer] = buffers as [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
  return { ids: idsBuffer, starts: startsBuffer, ends: endsBuffer, special: specialBuffer };
}

/**
 * Call once per thread at start-up, before any hot code runs. Chromium's V8 throws away the optimized code of a thread
 * that uses typed arrays on two first-time events, each found with `--trace-deopt` and a marker printed around every
 * step of the worker's reply:
 * - the first transfer of a typed array of a kind ("dependent prototype chain changed");
 * - the first transfer of a buffer that has had two views or more, which invalidates V8's `ArrayBufferDetaching`
 *   protector ("dependent property cell changed"); from then on, optimized code checks every typed-array access for
 *   a detached buffer.
 * Copying a typed array does neither, nor does transferring a bare buffer.
 *
 * The worker's first large result (small ones are copied), a 1 MB text's, did the first, just after the edit
 * rehearsal had compiled the edit path; its first edit's result, in a buffer of the result pool, did the second; the
 * page did both when it first handed buffers back. Each time, nearly every hot function of the engine, or of the row
 * drawing, ran un-optimized and was compiled again: the first edit after a load took 30–45 ms of worker time instead
 * of ~5. Transferring one typed array of each kind here, before anything is compiled, leaves nothing to throw away.
 *
 * `detachingToo` also does the second (each typed array is in a buffer with two views): the page's buffers get views
 * it does not track. The worker leaves the protector intact (its encodes are faster with it) and so must never
 * transfer a buffer that has had two views (`ResultPool` hands out only buffers without views); the e2e test
 * `compiled-code` holds it to that.
 */
export function transferTypedArraysOnce({ detachingToo }: { detachingToo: boolean }): void {
  const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];
  const views = kinds.map((Kind) => {
    const buffer = new ArrayBuffer(8);
    if (detachingToo) new Uint8Array(buffer);
    return new Kind(buffer);
  });
  structuredClone(views, { transfer: views.map((view) => view.buffer) });
}

/**
 * Replies up to this size also have a faster way back: a BroadcastChannel private to the worker (`fastReplyChannel`).
 * After a key event Chromium holds a worker's messages to the page until the next frame is drawn, up to 16 ms, while a
 * BroadcastChannel's are delivered at once. Its messages are copied, not transferred, so large results (megabytes of
 * typed arrays) keep the worker's own port.
 */
export const FAST_REPLY_MAX_BYTES = 256 * 1024;

/**
 * Whether a reply takes the fast lane: errors (small), and the token view's typed-array replies when their arrays are
 * small. Other commands' replies (tokenizer info, traces, decodes of long texts) are objects of unknown size, which the
 * port clones in process; copying them through a BroadcastChannel costs more.
 */
export function takesFastLane(message: WorkerResponse, transferBytes: number): boolean {
  if (message.kind === 'error') return true;
  return message.kind === 'result' && (message.command === 'encodeSpans' || message.command === 'tokenDetails') && transferBytes <= FAST_REPLY_MAX_BYTES;
}

const FAST_WORKER_PREFIX = 'tokenizer:';

/** The worker name that gives a tokenizer worker a fast reply channel (`id` unique to the page's worker). */
export const fastReplyWorkerName = (id: string): string => FAST_WORKER_PREFIX + id;

/** The fast reply channel of the worker named `workerName`, or null when the name asks for none. */
export function fastReplyChannel(workerName: string): string | null {
  return workerName.startsWith(FAST_WORKER_PREFIX) ? `tokenlab-replies:${workerName.slice(FAST_WORKER_PREFIX.length)}` : null;
}

/** `EncodeSpansRequest` on the wire: the client turns the text into a `TextPayload`, and may hand back memory. */
export type EncodeSpansMessage = Omit<EncodeSpansRequest, 'text'> & { text: TextPayload; spare?: SpareBuffers };

export interface EncodeSpansResult {
  tokenizerId: string;
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  special: Uint8Array;
  /** Unicode code points, UTF-16 units and UTF-8 bytes of the (well-formed) input. */
  characters: number;
  utf16Units: number;
  utf8Bytes: number;
  details?: TokenDetailsResult;
  /** The text view's rows (`rows` in the request); arrays exactly `count` long. */
  layout?: RowLayout;
}

export interface TokenDetailsRequest {
  tokenizerId: string;
  ids: Int32Array | number[];
}

/** Per requested id: its raw vocabulary string (null outside the vocabulary) and its UTF-8 bytes. */
export interface TokenDetailsResult {
  ids: Int32Array;
  tokens: Array<string | null>;
  /** Id k's bytes are `bytes[byteOffsets[k] .. byteOffsets[k + 1])`. */
  bytes: Uint8Array;
  byteOffsets: Int32Array;
}

/** The command table: every command's default timeout. Types for each live in `CommandTypes`. */
export const Commands = {
  load: { timeoutMs: 300_000 },
  cancelLoad: { timeoutMs: 10_000 },
  encode: { timeoutMs: 60_000 },
  encodeSpans: { timeoutMs: 60_000 },
  tokenDetails: { timeoutMs: 30_000 },
  vocabSearch: { timeoutMs: 30_000 },
  decode: { timeoutMs: 30_000 },
  trace: { timeoutMs: 60_000 },
  batch: { timeoutMs: 60_000 },
} as const;

export type CommandName = keyof typeof Commands;

export interface CommandTypes {
  load: { request: LoadRequest; response: TokenizerInfo };
  cancelLoad: { request: CancelRequest; response: { cancelled: boolean } };
  encode: { request: EncodeRequest; response: EncodeResult };
  encodeSpans: { request: EncodeSpansMessage; response: EncodeSpansResult };
  tokenDetails: { request: TokenDetailsRequest; response: TokenDetailsResult };
  vocabSearch: { request: VocabSearchRequest; response: VocabSearchResult };
  decode: { request: DecodeRequest; response: DecodeResult };
  trace: { request: TraceRequest; response: PipelineTrace };
  batch: { request: BatchRequest; response: BatchResult };
}

export type RequestOf<K extends CommandName> = CommandTypes[K]['request'];
export type ResponseOf<K extends CommandName> = CommandTypes[K]['response'];

export type WorkerRequest = {
  [K in CommandName]: { requestId: number; command: K; payload: RequestOf<K> };
}[CommandName];

export interface FileProgress {
  name: string;
  loaded: number;
  total: number | null;
  state: 'waiting' | 'loading' | 'done' | 'absent' | 'cached';
}

export interface LoadProgress {
  loaded: number;
  /** null when the server sends no usable Content-Length. */
  total: number | null;
  /** Per file, for loads of several files (Hub). */
  files?: FileProgress[];
}

/** Why a load failed, so the UI can say what to do about it. */
export type LoadErrorCode = 'not-found' | 'auth' | 'no-tokenizer' | 'offline' | 'malformed' | 'unsupported' | 'cancelled' | 'http' | 'not-loaded' | 'superseded' | 'resync';

export interface WorkerErrorPayload {
  name: string;
  message: string;
  code?: LoadErrorCode;
}

export type WorkerResponse =
  | { requestId: number; kind: 'result'; command: CommandName; result: ResponseOf<CommandName> }
  | { requestId: number; kind: 'error'; error: WorkerErrorPayload }
  | { requestId: number; kind: 'progress'; progress: LoadProgress };

/** `model_max_length` values at or above this are transformers' "unset" sentinel (int(1e30) and friends). */
export const NO_CONTEXT_LIMIT = 1e15;

export function contextLengthFrom(modelMaxLength: unknown): number | null {
  if (typeof modelMaxLength !== 'number' || !Number.isFinite(modelMaxLength)) return null;
  if (modelMaxLength <= 0 || modelMaxLength >= NO_CONTEXT_LIMIT) return null;
  return Math.floor(modelMaxLength);
}

export function tokenizerFileUrl(baseUrl: string, tokenizerId: string, file: 'tokenizer.json' | 'tokenizer_config.json'): string {
  return new URL(`tokenizers/${encodeURIComponent(tokenizerId)}/${file}`, baseUrl).href;
}
