/**
 * Page side of the tokenizer worker: request ids, one promise per request, timeouts, and `onerror`
 * rejecting everything pending. Talks to the worker only through `protocol.ts`.
 */
import { parseHubId } from '../core/model/hub-id';
import {
  Commands,
  type CommandName,
  type DecodeRequest,
  type DecodeResult,
  type EncodeRequest,
  type EncodeResult,
  type EncodeSpansRequest,
  type EncodeSpansResult,
  type TokenDetailsRequest,
  type TokenDetailsResult,
  type LoadErrorCode,
  type LoadProgress,
  type PipelineTrace,
  type BatchRequest,
  type BatchResult,
  type TokenizerSource,
  type TraceRequest,
  type VocabSearchRequest,
  type VocabSearchResult,
  type RequestOf,
  spareBuffersOf,
  fastReplyChannel,
  fastReplyWorkerName,
  transferTypedArraysOnce,
  type SpareBuffers,
  type ResponseOf,
  type TokenizerInfo,
  type WorkerRequest,
  type WorkerResponse,
} from '../worker/protocol';
import { fetchManifest, type Manifest } from './manifest';
import { TextSender } from './text-sender';

/** The slice of `Worker` the client uses, so tests can hand in a fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  /** The worker's fast reply channel (see `FAST_REPLY_MAX_BYTES`), when it has one. */
  fastReplies?: FastReplies;
}

/** The slice of `BroadcastChannel` that small replies arrive on. */
export interface FastReplies {
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  close(): void;
}

export class WorkerRequestError extends Error {
  constructor(
    message: string,
    readonly workerErrorName: string = 'Error',
    /** Set for load failures, so the UI can say what to do (add a token, check the id, …). */
    readonly code?: LoadErrorCode,
  ) {
    super(message);
    this.name = 'WorkerRequestError';
  }
}

export class TimeoutError extends Error {
  constructor(command: string, ms: number) {
    super(`The tokenizer worker did not answer "${command}" within ${Math.round(ms / 1000)} s`);
    this.name = 'TimeoutError';
  }
}

export interface RequestOptions {
  timeoutMs?: number;
  onProgress?: (progress: LoadProgress) => void;
  /** Buffers in `payload` to move to the worker rather than copy. */
  transfer?: Transferable[];
}

interface Pending {
  command: CommandName;
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: LoadProgress) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class WorkerClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly createWorker: () => WorkerLike) {}

  request<K extends CommandName>(command: K, payload: RequestOf<K>, options: RequestOptions = {}): Promise<ResponseOf<K>> {
    const worker = this.ensureWorker();
    const requestId = this.nextId++;
    const timeoutMs = options.timeoutMs ?? Commands[command].timeoutMs;
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The late reply, if any, finds no pending entry and is dropped.
        this.pending.delete(requestId);
        reject(new TimeoutError(command, timeoutMs));
      }, timeoutMs);
      this.pending.set(requestId, { command, resolve: resolve as (value: never) => void, reject, onProgress: options.onProgress, timer });
      try {
        worker.postMessage({ requestId, command, payload } as WorkerRequest, options.transfer ?? []);
      } catch (error) {
        this.settle(requestId)?.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Rejects everything pending and stops the worker; the next request starts a fresh one. */
  dispose(reason = 'The tokenizer worker was stopped'): void {
    this.failAll(new Error(reason));
    this.stop(this.worker);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      // A worker-level error (script failed to load, uncaught exception) leaves every request orphaned.
      this.failAll(new WorkerRequestError(event.message || 'The tokenizer worker crashed'));
      this.stop(worker);
    };
    worker.onmessageerror = () => this.failAll(new WorkerRequestError('A worker message could not be decoded'));
    if (worker.fastReplies) worker.fastReplies.onmessage = (event) => this.onMessage(event.data);
    this.worker = worker;
    return worker;
  }

  private stop(worker: WorkerLike | null): void {
    if (!worker) return;
    worker.terminate();
    worker.fastReplies?.close();
    if (this.worker === worker) this.worker = null;
  }

  private onMessage(message: WorkerResponse): void {
    if (message.kind === 'progress') {
      this.pending.get(message.requestId)?.onProgress?.(message.progress);
      return;
    }
    const pending = this.settle(message.requestId);
    if (!pending) return;
    if (message.kind === 'result') pending.resolve(message.result as never);
    else pending.reject(new WorkerRequestError(message.error.message, message.error.name, message.error.code));
  }

  private settle(requestId: number): Pending | undefined {
    const pending = this.pending.get(requestId);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.pending.delete(requestId);
    return pending;
  }

  private failAll(error: Error): void {
    for (const requestId of [...this.pending.keys()]) this.settle(requestId)?.reject(error);
  }
}

/** A stale run's `value` is there when it did produce one, for its owner to release. */
export type Latest<T> = { stale: false; value: T } | { stale: true; value?: T };

/**
 * "Latest request wins": each `run` supersedes the previous ones, whose results (and errors) come back as
 * `{stale: true}` so a slow old reply can never overwrite a newer one.
 */
export function createLatest() {
  let generation = 0;
  return {
    async run<T>(task: Promise<T> | (() => Promise<T>)): Promise<Latest<T>> {
      const mine = ++generation;
      try {
        const value = await (typeof task === 'function' ? task() : task);
        return mine === generation ? { stale: false, value } : { stale: true, value };
      } catch (error) {
        if (mine !== generation) return { stale: true };
        throw error;
      }
    },
    /** Makes every in-flight run stale (e.g. on unmount). */
    cancel(): void {
      generation++;
    },
  };
}

/** What the UI needs from the tokenizer side; tests substitute an in-memory fake. */
export interface TokenizerClient {
  listTokenizers(): Promise<Manifest>;
  /** Loads by id: bundled ids, Hub ids (`owner/name[@rev]`, with the current Hub settings), or a source given earlier. */
  load(tokenizerId: string, onProgress?: (progress: LoadProgress) => void): Promise<TokenizerInfo>;
  /** Loads from an explicit source (local files, GGUF); it is remembered, so `load(id)` works again after a worker restart. */
  loadFrom(tokenizerId: string, source: TokenizerSource, onProgress?: (progress: LoadProgress) => void): Promise<TokenizerInfo>;
  /** Aborts a load still in progress; its `load` promise rejects with code `cancelled`. */
  cancelLoad(tokenizerId: string): Promise<void>;
  encode(request: EncodeRequest): Promise<EncodeResult>;
  /** The token view's encode: typed arrays and stats only (see `EncodeSpansResult`). */
  encodeSpans(request: EncodeSpansRequest): Promise<EncodeSpansResult>;
  /**
   * Hands an `encodeSpans` result's arrays back for a later result to be written into. Only for a result nothing on
   * the page holds: its arrays are unusable afterwards. Optional, so test fakes need not implement it.
   */
  recycleSpans?(result: Pick<EncodeSpansResult, 'ids' | 'starts' | 'ends' | 'special'>): void;
  /** Raw token strings and bytes for some ids (what `encodeSpans` leaves out for large texts). */
  tokenDetails(request: TokenDetailsRequest): Promise<TokenDetailsResult>;
  searchVocab(request: VocabSearchRequest): Promise<VocabSearchResult>;
  decode(request: DecodeRequest): Promise<DecodeResult>;
  trace(request: TraceRequest): Promise<PipelineTrace>;
  /** The batch lab's command (optional so test fakes need not implement it). */
  batch?(request: BatchRequest): Promise<BatchResult>;
}

export interface HubSettings {
  endpoint: string;
  /** Only for `endpoint`'s origin; null when none was entered for it. */
  accessToken: string | null;
}

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, globalThis.location.href).href;
}

export function createTokenizerClient(
  client: WorkerClient,
  baseUrl: string = appBaseUrl(),
  hubSettings: () => HubSettings = () => ({ endpoint: DEFAULT_HUB_ENDPOINT, accessToken: null }),
): TokenizerClient {
  const given = new Map<string, TokenizerSource>();
  const sourceOf = (tokenizerId: string): TokenizerSource | undefined => {
    const known = given.get(tokenizerId);
    if (known) return known;
    const hub = parseHubId(tokenizerId);
    if (!hub) return undefined;
    const { endpoint, accessToken } = hubSettings();
    return { kind: 'hub', ...hub, endpoint, accessToken };
  };
  const load = (tokenizerId: string, onProgress?: (progress: LoadProgress) => void) =>
    client.request('load', { tokenizerId, baseUrl, source: sourceOf(tokenizerId) }, { onProgress });
  // Loading first is a no-op round trip when cached, and re-creates the tokenizer if the worker was restarted.
  const loaded = async <T>(tokenizerId: string, then: () => Promise<T>): Promise<T> => {
    await load(tokenizerId);
    return then();
  };
  // The token view's hot path skips that round trip: it asks at once and loads only when the worker says it must
  // (first use, or a restarted worker).
  const direct = async <T>(tokenizerId: string, then: () => Promise<T>): Promise<T> => {
    try {
      return await then();
    } catch (error) {
      if (!(error instanceof WorkerRequestError && error.code === 'not-loaded')) throw error;
      await load(tokenizerId);
      return then();
    }
  };
  // The token view sends edits, not its whole text, on every keystroke (see `channel-texts.ts`); a worker that no
  // longer holds the text the edit applies to asks for it whole.
  const sender = new TextSender();
  // Results the page dropped, going back with the next request (see `SpareBuffers`); more would only be held here.
  const spares: SpareBuffers[] = [];
  const encodeSpans = async (request: EncodeSpansRequest): Promise<EncodeSpansResult> => {
    const send = () => {
      const spare = spares.pop();
      const transfer = spare ? [spare.ids, spare.starts, spare.ends, spare.special] : [];
      return client.request('encodeSpans', { ...request, text: sender.payload(request.channel, request.text), spare }, { transfer });
    };
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof WorkerRequestError && error.code === 'resync')) throw error;
      sender.forget(request.channel);
      return send();
    }
  };
  return {
    listTokenizers: () => fetchManifest(baseUrl),
    load,
    loadFrom: (tokenizerId, source, onProgress) => {
      if (source.kind === 'files' || source.kind === 'gguf') given.set(tokenizerId, source);
      return client.request('load', { tokenizerId, baseUrl, source }, { onProgress });
    },
    cancelLoad: async (tokenizerId) => {
      await client.request('cancelLoad', { tokenizerId });
    },
    encode: (request) => loaded(request.tokenizerId, () => client.request('encode', request)),
    encodeSpans: (request) => direct(request.tokenizerId, () => encodeSpans(request)),
    recycleSpans: (result) => {
      const spare = spareBuffersOf(result);
      if (spare) spares.push(spare);
      if (spares.length > 2) spares.shift();
    },
    tokenDetails: (request) => direct(request.tokenizerId, () => client.request('tokenDetails', request)),
    searchVocab: (request) => loaded(request.tokenizerId, () => client.request('vocabSearch', request)),
    decode: (request) => loaded(request.tokenizerId, () => client.request('decode', request)),
    trace: (request) => loaded(request.tokenizerId, () => client.request('trace', request)),
    batch: (request) => loaded(request.tokenizerId, () => client.request('batch', request)),
  };
}

export function createBrowserTokenizerClient(hubSettings?: () => HubSettings): TokenizerClient {
  transferTypedArraysOnce({ detachingToo: true });
  const client = new WorkerClient(() => {
    // A name of its own, so its fast reply channel is this page's only (every tab of the origin can open a channel).
    // (`randomUUID` exists only in secure contexts; a workshop may serve the app over plain http on its LAN.)
    const name = fastReplyWorkerName(globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
    const worker = new Worker(new URL('../worker/tokenizer.worker.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike;
    const channel = fastReplyChannel(name);
    if (channel && typeof BroadcastChannel === 'function') worker.fastReplies = new BroadcastChannel(channel) as FastReplies;
    return worker;
  });
  return createTokenizerClient(client, appBaseUrl(), hubSettings);
}
