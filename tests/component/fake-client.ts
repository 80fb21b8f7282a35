// An in-memory tokenizer client for component tests: no worker, no fetch.
import type { Manifest } from '../../src/lib/manifest';
import type { TokenizerClient } from '../../src/lib/worker-client';
import type { EncodeRequest, EncodeResult, EncodeSpansResult, TokenDetailsResult, TokenizerCard, TokenizerInfo, TokenizerSource } from '../../src/worker/protocol';

const enc = new TextEncoder();

export const MANIFEST: Manifest = {
  tokenizers: [
    { id: 'gpt2', name: 'GPT-2', family: 'gpt2', modelType: 'BPE', vocabSize: 50257, hasChatTemplate: false, license: 'MIT', source: 'test', files: [] },
    { id: 'tiny', name: 'Tiny', family: 'test', modelType: 'WordLevel', vocabSize: 100, hasChatTemplate: false, license: 'MIT', source: 'test', files: [] },
  ],
};

export function fakeCard(vocabSize: number, contextLength: number | null): TokenizerCard {
  return {
    vocabSize,
    baseVocabSize: vocabSize - 1,
    addedTokens: 1,
    modelType: 'BPE',
    pipeline: [
      { stage: 'normalizer', type: 'none', settings: [] },
      { stage: 'pre_tokenizer', type: 'ByteLevel', settings: [['add_prefix_space', 'false']] },
      { stage: 'model', type: 'BPE', settings: [] },
      { stage: 'post_processor', type: 'none', settings: [] },
      { stage: 'decoder', type: 'ByteLevel', settings: [] },
    ],
    specialTokens: [{ role: 'bos', text: '<s>', id: 1 }],
    pad: { missing: true, message: 'No pad token. The usual workaround is pad = eos.' },
    context: { value: contextLength, source: contextLength === null ? null : 'tokenizer_config.model_max_length' },
    embeddingSize: null,
    chatTemplate: { kind: 'none' },
  };
}

export function infoFor(id: string, contextLength: number | null = 1024): TokenizerInfo {
  const vocabSize = id === 'gpt2' ? 50257 : 100;
  const hub = id.includes('/');
  return {
    id,
    vocabSize,
    modelType: 'BPE',
    contextLength,
    specialTokens: [{ role: 'bos', content: '<s>', id: 1 }],
    addedTokensCount: 1,
    card: fakeCard(vocabSize, contextLength),
    origin: hub
      ? { kind: 'hub', label: id, repo: id.split('@')[0], revision: id.split('@')[1] ?? 'main', files: ['tokenizer.json'] }
      : id.startsWith('local:')
        ? { kind: /\.gguf$|q4/.test(id) ? 'gguf' : 'local', label: id.slice(6), files: ['tokenizer.json'] }
        : { kind: 'bundled', label: id, files: ['tokenizer.json'] },
    chatTemplate: null,
  };
}

function wordId(word: string, salt: number): number {
  let h = salt;
  for (const c of word) h = (Math.imul(h, 31) + c.codePointAt(0)!) >>> 0;
  return 100 + (h % 50000);
}

/**
 * Words with their leading whitespace are tokens; `🙂` becomes two byte tokens sharing its span, like
 * byte-level BPE; `<s>` at the start is a BOS when add_special_tokens is on.
 */
export function fakeEncode({ tokenizerId, text, addSpecialTokens }: EncodeRequest): EncodeResult {
  const rows: Array<{ id: number; token: string; start: number; end: number; special: boolean; bytes: Uint8Array }> = [];
  const salt = tokenizerId === 'gpt2' ? 7 : 13;
  if (addSpecialTokens) rows.push({ id: 1, token: '<s>', start: 0, end: 0, special: true, bytes: enc.encode('<s>') });
  for (const m of text.matchAll(/🙂|\s*[^\s🙂]+|\s+/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0] === '🙂') {
      rows.push({ id: 9001, token: 'ðŁĻ', start, end, special: false, bytes: Uint8Array.from([0xf0, 0x9f, 0x99]) });
      rows.push({ id: 9002, token: 'Ĥ', start, end, special: false, bytes: Uint8Array.from([0x82]) });
    } else {
      rows.push({ id: wordId(m[0], salt), token: m[0].replace(/ /g, 'Ġ'), start, end, special: false, bytes: enc.encode(m[0]) });
    }
  }
  const n = rows.length;
  const byteOffsets = new Int32Array(n + 1);
  rows.forEach((r, i) => (byteOffsets[i + 1] = byteOffsets[i]! + r.bytes.length));
  const bytes = new Uint8Array(byteOffsets[n]!);
  rows.forEach((r, i) => bytes.set(r.bytes, byteOffsets[i]!));
  return {
    tokenizerId,
    ids: Int32Array.from(rows, (r) => r.id),
    starts: Int32Array.from(rows, (r) => r.start),
    ends: Int32Array.from(rows, (r) => r.end),
    special: Uint8Array.from(rows, (r) => (r.special ? 1 : 0)),
    tokens: rows.map((r) => r.token),
    bytes,
    byteOffsets,
  };
}

/** Details for ids, from what earlier encodes returned (the fake's vocabulary is whatever it has produced). */
function detailsFrom(known: Map<number, { token: string; bytes: Uint8Array }>, ids: ArrayLike<number>): TokenDetailsResult {
  const list = Int32Array.from(ids);
  const rows = Array.from(list, (id) => known.get(id) ?? { token: `t${id}`, bytes: enc.encode(`t${id}`) });
  const byteOffsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (byteOffsets[i + 1] = byteOffsets[i]! + r.bytes.length));
  const bytes = new Uint8Array(byteOffsets[rows.length]!);
  rows.forEach((r, i) => bytes.set(r.bytes, byteOffsets[i]!));
  return { ids: list, tokens: rows.map((r) => r.token), bytes, byteOffsets };
}

/** `encodeSpans` as the worker answers it, built on an `encode` result (so tests hold or fail it through `encodeImpl`). */
export function spansOf(result: EncodeResult, text: string, detailsUpTo: number, known: Map<number, { token: string; bytes: Uint8Array }>): EncodeSpansResult {
  for (let i = 0; i < result.ids.length; i++) {
    known.set(result.ids[i]!, { token: result.tokens[i]!, bytes: result.bytes.slice(result.byteOffsets[i]!, result.byteOffsets[i + 1]!) });
  }
  const { tokenizerId, ids, starts, ends, special } = result;
  return {
    tokenizerId,
    ids,
    starts,
    ends,
    special,
    characters: [...text].length,
    utf16Units: text.length,
    utf8Bytes: enc.encode(text).length,
    details: ids.length <= detailsUpTo ? detailsFrom(known, [...new Set(ids)]) : undefined,
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

export interface FakeClient extends TokenizerClient {
  /** Replace to hold or fail a request. */
  encodeImpl: (request: EncodeRequest) => Promise<EncodeResult>;
  loadImpl: (id: string) => Promise<TokenizerInfo>;
  encodeCalls: EncodeRequest[];
  loadFromCalls: Array<{ id: string; source: TokenizerSource }>;
  cancelCalls: string[];
}

export function createFakeClient(): FakeClient {
  const known = new Map<number, { token: string; bytes: Uint8Array }>();
  const client: FakeClient = {
    encodeCalls: [],
    loadFromCalls: [],
    cancelCalls: [],
    encodeImpl: async (request) => fakeEncode(request),
    loadImpl: async (id) => infoFor(id),
    listTokenizers: async () => MANIFEST,
    load: (id, onProgress) => {
      onProgress?.({ loaded: 10, total: 100 });
      return client.loadImpl(id);
    },
    encode: (request) => {
      client.encodeCalls.push(request);
      return client.encodeImpl(request);
    },
    encodeSpans: async ({ tokenizerId, text, addSpecialTokens, detailsUpTo = 0 }) =>
      spansOf(await client.encode({ tokenizerId, text, addSpecialTokens }), text, detailsUpTo, known),
    tokenDetails: async ({ ids }) => detailsFrom(known, ids),
    loadFrom: (id, source, onProgress) => {
      client.loadFromCalls.push({ id, source });
      onProgress?.({ loaded: 10, total: 100 });
      return client.loadImpl(id);
    },
    cancelLoad: async (id) => {
      client.cancelCalls.push(id);
    },
    searchVocab: async ({ query }) => ({
      entries: query ? [{ id: 42, token: `Ġ${query}`, text: ` ${query}`, special: false }] : [],
      total: query ? 1 : 0,
    }),
    decode: async ({ ids, skipSpecialTokens }) => {
      const pieces = ids.map((id) => ({ id, token: id === 1 ? '<s>' : `t${id}`, text: id === 1 ? '<s>' : `t${id}`, special: id === 1 }));
      return { text: pieces.filter((p) => !(skipSpecialTokens && p.special)).map((p) => p.text).join(''), pieces };
    },
    trace: async ({ text }) => ({
      normalized: [{ text, start: 0, end: text.length, changed: false, added: false }],
      words: text ? [{ text, start: 0, end: text.length, added: false }] : [],
      tokens: text ? [{ id: 7, token: text, start: 0, end: text.length, word: 0 }] : [],
    }),
  };
  return client;
}
