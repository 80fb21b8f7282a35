/** The worker's answers to everything but loading: encode, vocabulary search, decode, pipeline trace. */
import { decode } from '../core/tokens/decode';
import { createPipelineTracer, type PipelineTrace } from '../core/tokens/pipeline-trace';
import { searchVocab, type VocabSearchResult, type VocabTable } from '../core/tokens/vocab-search';
import type { DecodeRequest, DecodeResult, EncodeRequest, EncodeResult, TraceRequest, VocabSearchRequest } from './protocol';
import { getLoaded, type Loaded } from './registry';

const tables = new WeakMap<Loaded, VocabTable>();
const tracers = new WeakMap<Loaded, (text: string) => PipelineTrace>();
const lossy = new TextDecoder();

/** Token strings and their readable text by id, built once per tokenizer on the first search. */
function tableOf(loaded: Loaded): VocabTable {
  let table = tables.get(loaded);
  if (table) return table;
  const { tokenizer } = loaded;
  const size = Math.max(tokenizer.getVocabSize(true), ...tokenizer.addedTokens.map((t) => t.id + 1));
  const tokens: Array<string | undefined> = new Array(size);
  const texts: Array<string | undefined> = new Array(size);
  for (let id = 0; id < size; id++) {
    const token = tokenizer.idToToken(id);
    if (token === undefined) continue;
    tokens[id] = token;
    texts[id] = lossy.decode(tokenizer.tokenBytes(id));
  }
  table = { tokens, texts, special: new Set(tokenizer.addedTokens.filter((t) => t.special).map((t) => t.id)) };
  tables.set(loaded, table);
  return table;
}

export async function handleVocabSearch({ tokenizerId, query, limit }: VocabSearchRequest): Promise<VocabSearchResult> {
  return searchVocab(tableOf(await getLoaded(tokenizerId)), query, Math.min(limit ?? 200, 1000));
}

export async function handleDecode({ tokenizerId, ids, skipSpecialTokens }: DecodeRequest): Promise<DecodeResult> {
  const { tokenizer, json } = await getLoaded(tokenizerId);
  const special = new Set(tokenizer.addedTokens.filter((t) => t.special).map((t) => t.id));
  const pieces = ids.map((id) => {
    const token = tokenizer.idToToken(id) ?? null;
    return { id, token, text: token === null ? '' : decode(tokenizer, json.decoder, [id], { skipSpecialTokens: false }), special: special.has(id) };
  });
  return { text: decode(tokenizer, json.decoder, ids, { skipSpecialTokens }), pieces };
}

export async function handleTrace({ tokenizerId, text }: TraceRequest): Promise<PipelineTrace> {
  const loaded = await getLoaded(tokenizerId);
  let tracer = tracers.get(loaded);
  if (!tracer) tracers.set(loaded, (tracer = createPipelineTracer(loaded.json)));
  return tracer(text);
}

export async function handleEncode({ tokenizerId, text, addSpecialTokens, pair }: EncodeRequest): Promise<{ result: EncodeResult; transfer: Transferable[] }> {
  const { tokenizer } = await getLoaded(tokenizerId);
  // Lone surrogates would make offsets and bytes disagree; U+FFFD keeps the UTF-16 length, so offsets still line up.
  const encoding = tokenizer.encode(text.toWellFormed(), { addSpecialTokens, pair: pair == null ? null : pair.toWellFormed() });
  const n = encoding.ids.length;
  const ids = Int32Array.from(encoding.ids);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const special = new Uint8Array(n);
  const typeIds = Uint8Array.from(encoding.typeIds);
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
  const result: EncodeResult = { tokenizerId, ids, starts, ends, special, tokens: encoding.tokens, bytes, byteOffsets, typeIds };
  return { result, transfer: [ids.buffer, starts.buffer, ends.buffer, special.buffer, bytes.buffer, byteOffsets.buffer, typeIds.buffer] };
}
