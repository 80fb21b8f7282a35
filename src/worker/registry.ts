/**
 * Every tokenizer the worker has loaded, by id, whatever its source. One load promise per id: concurrent requests
 * share it, a failed or cancelled one is forgotten so a retry starts over. Local files and GGUF replace an earlier
 * load of the same id (the user picked new files).
 */
import { buildCard } from '../core/model/card';
import { createTokenizer, type Tokenizer } from '../core/tokens/engine';
import type { TokenizerConfigJson, TokenizerJson } from '../core/tokens/tokenizer-json';
import type { LoadProgress, LoadRequest, TokenizerInfo } from './protocol';
import { LoadError } from './read-body';
import { loadBundled } from './sources/bundled';
import { loadHub } from './sources/hub';
import { loadGgufFile, loadLocalFiles } from './sources/local';
import type { TokenizerFiles } from './sources/types';
import { tokenizerInfoOf } from './tokenizer-info';

export interface Loaded {
  tokenizer: Tokenizer;
  json: TokenizerJson;
  config: TokenizerConfigJson | null;
  info: TokenizerInfo;
}

interface Entry {
  promise: Promise<Loaded>;
  controller: AbortController;
  listeners: Set<(p: LoadProgress) => void>;
}

const entries = new Map<string, Entry>();

async function filesFor(request: LoadRequest, signal: AbortSignal, onProgress: (p: LoadProgress) => void): Promise<TokenizerFiles> {
  const source = request.source ?? { kind: 'bundled' };
  switch (source.kind) {
    case 'bundled':
      return loadBundled(request.tokenizerId, request.baseUrl, signal, onProgress);
    case 'hub':
      return loadHub(source, signal, onProgress);
    case 'files':
      return loadLocalFiles(source.name, source.files);
    case 'gguf':
      return loadGgufFile(source.file);
    default: {
      const unknown: never = source;
      throw new Error(`Unknown tokenizer source ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

function build(id: string, files: TokenizerFiles): Loaded {
  let tokenizer: Tokenizer;
  try {
    tokenizer = createTokenizer(files.json);
  } catch (error) {
    throw new LoadError(`${files.origin.label}: this tokenizer.json cannot be used: ${error instanceof Error ? error.message : String(error)}`, 'unsupported');
  }
  const card = buildCard(tokenizer, { json: files.json, config: files.config, modelConfig: files.modelConfig, chatTemplateFile: files.chatTemplateFile, gguf: files.gguf });
  const info: TokenizerInfo = {
    ...tokenizerInfoOf(id, tokenizer, files.config ?? {}),
    // The card's context length also falls back to config.json and GGUF metadata.
    contextLength: card.context.value,
    card,
    origin: files.origin,
    chatTemplate: files.chatTemplateFile ?? files.config?.chat_template ?? null,
  };
  return { tokenizer, json: files.json, config: files.config, info };
}

export function loadTokenizer(request: LoadRequest, onProgress: (p: LoadProgress) => void): Promise<Loaded> {
  const kind = request.source?.kind;
  let entry = entries.get(request.tokenizerId);
  if (entry && (kind === 'files' || kind === 'gguf')) {
    entry.controller.abort();
    entries.delete(request.tokenizerId);
    entry = undefined;
  }
  if (!entry) {
    const controller = new AbortController();
    const listeners = new Set<(p: LoadProgress) => void>();
    const notify = (p: LoadProgress) => {
      for (const l of listeners) l(p);
    };
    const promise = (async () => {
      const files = await filesFor(request, controller.signal, notify);
      if (controller.signal.aborted) throw new LoadError('Loading was cancelled.', 'cancelled');
      const loaded = build(request.tokenizerId, files);
      await files.persist?.();
      return loaded;
    })();
    const created: Entry = { promise, controller, listeners };
    entries.set(request.tokenizerId, created);
    promise.catch(() => {
      if (entries.get(request.tokenizerId) === created) entries.delete(request.tokenizerId);
    });
    entry = created;
  }
  const mine = entry;
  mine.listeners.add(onProgress);
  const done = () => mine.listeners.delete(onProgress);
  mine.promise.then(done, done);
  return mine.promise;
}

export function cancelLoad(tokenizerId: string): boolean {
  const entry = entries.get(tokenizerId);
  if (!entry) return false;
  let settled = false;
  entry.promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  // A finished load is not undone; only one still fetching is.
  queueMicrotask(() => {
    if (!settled) {
      entry.controller.abort();
      entries.delete(tokenizerId);
    }
  });
  return true;
}

/** The load promise of `tokenizerId`, if a load was ever started (the batch handler's lookup). */
export function findLoaded(tokenizerId: string): Promise<Loaded> | undefined {
  return entries.get(tokenizerId)?.promise;
}

export function getLoaded(tokenizerId: string): Promise<Loaded> {
  const entry = entries.get(tokenizerId);
  if (!entry) return Promise.reject(new LoadError(`Tokenizer "${tokenizerId}" is not loaded`, 'not-loaded'));
  return entry.promise;
}
