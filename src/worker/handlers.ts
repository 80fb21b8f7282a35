/** The worker's answers to everything but loading: encode, token details, vocabulary search, decode, pipeline trace. */
import { decode } from '../core/tokens/decode';
import { createPipelineTracer, type PipelineTrace } from '../core/tokens/pipeline-trace';
import { searchVocab, type VocabSearchResult, type VocabTable } from '../core/tokens/vocab-search';
import {
  spareBuffersOf,
  type DecodeRequest,
  type DecodeResult,
  type EncodeRequest,
  type EncodeResult,
  type EncodeSpansMessage,
  type EncodeSpansResult,
  type TokenDetailsRequest,
  type TokenDetailsResult,
  type TraceRequest,
  type VocabSearchRequest,
} from './protocol';
import { LoadError } from './read-body';
import { getLoaded, type Loaded } from './registry';
import { ChannelTexts, type HeldText } from './channel-texts';
import { EditRehearsal } from './edit-rehearsal';
import { ResultPool } from './result-pool';
import { ChannelLayouts, layoutTransfer } from './channel-layouts';
import { ROW_TOKENS } from '../core/tokens/row-layout';

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

/** Every token's bytes, back to back, with `offsets[k]..offsets[k + 1]` per entry of `ids` (bytes cached per id). */
function bytesOf(loaded: Loaded, ids: ArrayLike<number>): { bytes: Uint8Array; byteOffsets: Int32Array } {
  const { tokenizer } = loaded;
  let byId = tokenBytesCache.get(loaded);
  if (!byId) tokenBytesCache.set(loaded, (byId = new Map()));
  const n = ids.length;
  const byteOffsets = new Int32Array(n + 1);
  const perToken: Uint8Array[] = new Array(n);
  let byteLength = 0;
  for (let i = 0; i < n; i++) {
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
  return { bytes, byteOffsets };
}

const tokenBytesCache = new WeakMap<Loaded, Map<number, Uint8Array>>();

/** One pass, no per-token objects: the engine's `encodeArrays` (cached chunks re-tokenize only what an edit touched). */
function encodeSingle(loaded: Loaded, text: string, addSpecialTokens: boolean, withTokens = true) {
  // Lone surrogates would make offsets and bytes disagree; U+FFFD keeps the UTF-16 length, so offsets still line up.
  return loaded.tokenizer.encodeArrays(text.toWellFormed(), { addSpecialTokens, withTokens });
}

export async function handleEncode({ tokenizerId, text, addSpecialTokens, pair }: EncodeRequest): Promise<{ result: EncodeResult; transfer: Transferable[] }> {
  const loaded = await getLoaded(tokenizerId);
  let arrays: { ids: Int32Array; starts: Int32Array; ends: Int32Array; special: Uint8Array; tokens: string[]; typeIds?: Uint8Array };
  if (pair == null) arrays = encodeSingle(loaded, text, addSpecialTokens);
  else {
    const encoding = loaded.tokenizer.encode(text.toWellFormed(), { addSpecialTokens, pair: pair.toWellFormed() });
    arrays = {
      ids: Int32Array.from(encoding.ids),
      starts: Int32Array.from(encoding.offsets, (o) => o[0]),
      ends: Int32Array.from(encoding.offsets, (o) => o[1]),
      // `special`, not `specialMask`: typed control tokens like `<|im_end|>` are special too, and the UI styles them.
      special: Uint8Array.from(encoding.special, (m) => (m ? 1 : 0)),
      tokens: encoding.tokens,
      typeIds: Uint8Array.from(encoding.typeIds),
    };
  }
  const { ids, starts, ends, special, tokens } = arrays;
  // A single sequence is all type 0 (`$A:0` in every post-processor template we load).
  const typeIds = arrays.typeIds ?? new Uint8Array(ids.length);
  const { bytes, byteOffsets } = bytesOf(loaded, ids);
  const result: EncodeResult = { tokenizerId, ids, starts, ends, special, tokens, bytes, byteOffsets, typeIds };
  return { result, transfer: [ids.buffer, starts.buffer, ends.buffer, special.buffer, bytes.buffer, byteOffsets.buffer, typeIds.buffer] };
}

function detailsOf(loaded: Loaded, ids: Int32Array): TokenDetailsResult {
  const tokens = Array.from(ids, (id) => loaded.tokenizer.idToToken(id) ?? null);
  return { ids, tokens, ...bytesOf(loaded, ids) };
}

const detailsTransfer = (d: TokenDetailsResult): Transferable[] => [d.ids.buffer, d.bytes.buffer, d.byteOffsets.buffer];

const channelTexts = new ChannelTexts();
const channelLayouts = new ChannelLayouts();
const resultPool = new ResultPool();
const rehearsal = new EditRehearsal();
const latestOnChannel = new Map<string, number>();
let channelSeq = 0;

/**
 * Memory for the next large result, made once the worker has been idle for a moment (not while keystrokes come in:
 * filling megabytes then would delay their results), should the page not have handed any back by then.
 */
let preparing: ReturnType<typeof setTimeout> | undefined;
function prepareWhenIdle(count: number): void {
  clearTimeout(preparing);
  preparing = setTimeout(() => resultPool.prepare(count), IDLE_MS);
}
const IDLE_MS = 20;

/** Lets the messages already queued run first, so a newer request on the same channel is seen. */
function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The token view's encode: typed arrays only (transferred), stats, and for small results each distinct id's details. */
export function handleEncodeSpans({ text, spare, ...options }: EncodeSpansMessage): Promise<{ result: EncodeSpansResult; transfer: Transferable[] }> {
  if (spare) resultPool.give(spare);
  clearTimeout(preparing);
  rehearsal.stop();
  // Before any await: edits apply in the order they were sent, whether or not their encode is superseded.
  const held = channelTexts.receive(options.channel, text);
  return encodeHeld(held, options);
}

async function encodeHeld(held: HeldText, { tokenizerId, addSpecialTokens, channel, detailsUpTo = 0, rows }: Omit<EncodeSpansMessage, 'text'>) {
  const loaded = await getLoaded(tokenizerId);
  const mine = ++channelSeq;
  if (channel !== undefined) latestOnChannel.set(channel, mine);
  const superseded = async () => {
    if (channel === undefined) return;
    await yieldToQueue();
    if (latestOnChannel.get(channel) !== mine) throw new LoadError('A newer request on this channel replaced this one.', 'superseded');
  };
  await superseded();
  const { wellFormed, characters, utf8Bytes } = held;
  const { ids, starts, ends, special, reuse } = loaded.tokenizer.encodeArrays(wellFormed, { addSpecialTokens, withTokens: false, wellFormed: true, arraysFor: resultPool.arraysFor });
  const result: EncodeSpansResult = { tokenizerId, ids, starts, ends, special, characters, utf16Units: wellFormed.length, utf8Bytes };
  const transfer: Transferable[] = [ids.buffer, starts.buffer, ends.buffer, special.buffer];
  // Laid out even if this result is dropped below: the channel's next layout starts from this one.
  if (rows && ids.length > rows.above) {
    result.layout = channelLayouts.layout(channel, wellFormed, { ids, starts, ends, special }, rows.maxTokens, reuse);
    transfer.push(...layoutTransfer(result.layout));
  }
  // A request that arrived while this one was encoded makes it stale: the page would drop it, after receiving
  // megabytes of arrays it then has to collect. Its memory serves the next result instead.
  try {
    await superseded();
  } catch (error) {
    const spare = spareBuffersOf({ ids, starts, ends, special });
    if (spare) resultPool.give(spare);
    throw error;
  }
  if (ids.length <= detailsUpTo) {
    result.details = detailsOf(loaded, Int32Array.from(new Set(ids)));
    transfer.push(...detailsTransfer(result.details));
  }
  if (result.layout) prepareWhenIdle(ids.length);
  rehearsal.start(tokenizerId, { tokenizer: loaded.tokenizer, text: held.wellFormed, addSpecialTokens, maxTokens: rows?.maxTokens ?? ROW_TOKENS });
  return { result, transfer };
}

/** Raw token strings and bytes for the ids on screen (`encodeSpans` sends none for large texts). */
export async function handleTokenDetails({ tokenizerId, ids }: TokenDetailsRequest): Promise<{ result: TokenDetailsResult; transfer: Transferable[] }> {
  const result = detailsOf(await getLoaded(tokenizerId), Int32Array.from(ids));
  return { result, transfer: detailsTransfer(result) };
}
