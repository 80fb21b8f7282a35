/**
 * The one message contract between the page and `tokenizer.worker.ts`.
 * Both sides import only this file, so a command's request and response types cannot drift apart
 * (the pattern of excalidraw's `subset-shared.chunk.ts`).
 */

/** Roles a special token can play; `control` is any other added token marked `special` (e.g. `<|im_end|>`). */
export type SpecialRole = 'bos' | 'eos' | 'unk' | 'pad' | 'sep' | 'cls' | 'mask' | 'additional' | 'control';

export interface SpecialTokenInfo {
  role: SpecialRole;
  content: string;
  /** null when the config names a token the vocabulary does not contain. */
  id: number | null;
}

export interface LoadRequest {
  tokenizerId: string;
  /** Absolute URL of the app root (resolved from `import.meta.env.BASE_URL`); files live at `tokenizers/<id>/`. */
  baseUrl: string;
}

export interface TokenizerInfo {
  id: string;
  vocabSize: number;
  modelType: string;
  /** `model_max_length` from tokenizer_config.json; null when missing or a "no limit" sentinel (>= 1e15). */
  contextLength: number | null;
  specialTokens: SpecialTokenInfo[];
  addedTokensCount: number;
}

export interface EncodeRequest {
  tokenizerId: string;
  text: string;
  addSpecialTokens: boolean;
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
}

/** The command table: every command's default timeout. Types for each live in `CommandTypes`. */
export const Commands = {
  load: { timeoutMs: 120_000 },
  encode: { timeoutMs: 60_000 },
} as const;

export type CommandName = keyof typeof Commands;

export interface CommandTypes {
  load: { request: LoadRequest; response: TokenizerInfo };
  encode: { request: EncodeRequest; response: EncodeResult };
}

export type RequestOf<K extends CommandName> = CommandTypes[K]['request'];
export type ResponseOf<K extends CommandName> = CommandTypes[K]['response'];

export type WorkerRequest = {
  [K in CommandName]: { requestId: number; command: K; payload: RequestOf<K> };
}[CommandName];

export interface LoadProgress {
  loaded: number;
  /** null when the server sends no usable Content-Length. */
  total: number | null;
}

export interface WorkerErrorPayload {
  name: string;
  message: string;
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
