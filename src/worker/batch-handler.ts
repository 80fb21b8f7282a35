/**
 * The worker's `batch` command: pads a batch as Python transformers does (`padBatch`), flattens it as
 * `DataCollatorWithFlattening` does, packs it into bins as TRL does, and counts what each strategy costs.
 * Imports only core and the protocol types; returns plain arrays (rows beyond `rowLimit` are counted, not sent).
 */
import {
  BatchConfigError, binPack, flattenBatch, flattenedCost, packedCost, padBatch, paddedCost, wasteVsSpread,
  type LoadedTokenizer, type StrategyCost,
} from '../core/batch';
import { eosId, resolvePaddingSide, resolvePadToken } from '../core/batch/resolve';
import type { Tokenizer } from '../core/tokens/engine';
import { configTokenContent } from '../core/tokens/tokenizer-json';
import type { BatchCostInfo, BatchRequest, BatchResult, BatchRowInfo, BatchScalingPoint, BatchTokenRef } from './batch-protocol';

const decoder = new TextDecoder('utf-8', { fatal: true });
const textCache = new WeakMap<Tokenizer, Map<number, string>>();

/** What a cell shows: the token's text, or its vocabulary string when its bytes are only part of a character. */
function tokenText(tokenizer: Tokenizer, id: number): string {
  let cache = textCache.get(tokenizer);
  if (!cache) textCache.set(tokenizer, (cache = new Map()));
  let text = cache.get(id);
  if (text === undefined) {
    try {
      text = decoder.decode(tokenizer.tokenBytes(id));
    } catch {
      text = tokenizer.idToToken(id) ?? String(id);
    }
    cache.set(id, text);
  }
  return text;
}

const MAX_CANDIDATES = 24;

function padCandidates(loaded: LoadedTokenizer, used: Set<number>): Array<BatchTokenRef & { why: string }> {
  const { tokenizer, config } = loaded;
  const out: Array<BatchTokenRef & { why: string }> = [];
  const seen = new Set<number>();
  const add = (id: number | undefined, why: string) => {
    if (id === undefined || seen.has(id) || out.length >= MAX_CANDIDATES) return;
    const token = tokenizer.idToToken(id);
    if (token === undefined) return;
    seen.add(id);
    out.push({ id, token, why });
  };
  const pad = configTokenContent(config?.pad_token);
  if (pad !== null) add(tokenizer.tokenToId(pad), 'pad_token');
  const eos = eosId(loaded);
  if (eos !== null) add(eos, 'eos_token');
  for (const added of tokenizer.addedTokens) {
    if (added.special && !used.has(added.id)) add(added.id, 'unused special token');
  }
  add(0, 'id 0');
  return out;
}

function rowCost(rows: Array<{ inputIds: number[]; length: number }>): BatchCostInfo {
  // Rows of unequal width (no padding, or max_length without truncation): count each row as it is.
  const real = rows.reduce((a, r) => a + r.length, 0);
  const slots = rows.reduce((a, r) => a + r.inputIds.length, 0);
  return {
    strategy: 'padded', rows: rows.length, width: Math.max(0, ...rows.map((r) => r.inputIds.length)), realTokens: real, slots,
    wastePercent: slots === 0 ? 0 : (100 * (slots - real)) / slots,
    attentionCells: rows.reduce((a, r) => a + r.inputIds.length ** 2, 0),
    usefulAttentionCells: rows.reduce((a, r) => a + r.length ** 2, 0),
  };
}

function scaling(request: BatchRequest): BatchScalingPoint[] | null {
  const s = request.scaling;
  if (!s) return null;
  const points = wasteVsSpread({
    distribution: s.distribution, mean: s.mean, stds: s.spreads.map((c) => c * s.mean), batchSize: s.batchSize, trials: s.trials, seed: s.seed,
  });
  return points.map((p) => ({ spread: p.std / s.mean, paddedWastePercent: p.paddedWastePercent, attentionRatio: p.attentionRatio }));
}

const plainCost = (c: StrategyCost): BatchCostInfo => ({ ...c });

export function runBatch(tokenizerId: string, loaded: LoadedTokenizer, request: BatchRequest): BatchResult {
  const { tokenizer, config } = loaded;
  const defaultSide = resolvePaddingSide(loaded, undefined, []);
  const defaultPad = resolvePadToken(loaded, {}, []);
  const eos = eosId(loaded);
  const modelMax = config?.model_max_length;
  const base: BatchResult = {
    tokenizerId,
    sequenceCount: request.lines.length,
    lengths: [],
    defaults: {
      paddingSide: defaultSide.side,
      paddingSideSource: defaultSide.source,
      tokenizerClass: config?.tokenizer_class ?? null,
      pad: defaultPad,
      eos: eos === null ? null : { id: eos, token: tokenizer.idToToken(eos) ?? '' },
      modelMaxLength: typeof modelMax === 'number' && modelMax < 1e15 ? modelMax : null,
    },
    padCandidates: [],
    padded: null,
    flattened: null,
    bins: null,
    costs: [],
    notes: [],
    error: null,
    scaling: scaling(request),
  };
  let padded;
  try {
    padded = padBatch(loaded, request.lines, {
      addSpecialTokens: request.addSpecialTokens,
      padding: request.padding,
      truncation: request.truncation,
      maxLength: request.maxLength,
      padToMultipleOf: request.padToMultipleOf,
      ...(request.paddingSide ? { paddingSide: request.paddingSide } : {}),
      ...(request.truncationSide ? { truncationSide: request.truncationSide } : {}),
      ...(request.padTokenId !== null ? { padTokenId: request.padTokenId } : {}),
    });
  } catch (error) {
    if (!(error instanceof BatchConfigError)) throw error;
    base.padCandidates = padCandidates(loaded, new Set());
    base.error = { code: error.code, message: error.message };
    return base;
  }
  const used = new Set<number>();
  for (const row of padded.rows) for (let i = 0; i < row.inputIds.length; i++) if (!row.isPad[i]) used.add(row.inputIds[i]!);
  // Padding-free sees the same real tokens (truncated the same way), without the pads.
  const sequences = padded.rows.map((r) => r.inputIds.filter((_, i) => !r.isPad[i]));
  const lengths = sequences.map((s) => s.length);
  const flat = flattenBatch(sequences.map((inputIds) => ({ inputIds })));
  const longest = Math.max(0, ...lengths);
  // Bins of max_length, as TRL packs; without one, the longest sequence (rounded up to a multiple of 8).
  const packLength = request.packLength !== null ? Math.max(1, Math.floor(request.packLength))
    : request.maxLength != null && request.maxLength > 0 ? Math.floor(request.maxLength) : Math.max(8, Math.ceil(longest / 8) * 8);
  const packed = binPack(lengths, packLength, 'bfd');
  const limit = Math.max(0, request.tokenLimit);
  const rows: BatchRowInfo[] = padded.rows.slice(0, Math.max(0, request.rowLimit)).map((r) => ({
    inputIds: r.inputIds, attentionMask: r.attentionMask, labels: r.labels, maskedReal: r.maskedReal, length: r.length, truncated: r.truncated,
    texts: r.inputIds.map((id) => tokenText(tokenizer, id)),
  }));
  const r = padded.resolved;
  return {
    ...base,
    lengths,
    padCandidates: padCandidates(loaded, used),
    padded: {
      rows, width: padded.width, ragged: padded.ragged, padding: r.padding, truncation: r.truncation, maxLength: r.maxLength,
      padToMultipleOf: r.padToMultipleOf, paddingSide: r.paddingSide, truncationSide: r.truncationSide, pad: padded.pad, padEqualsEos: padded.padEqualsEos,
    },
    flattened: {
      inputIds: flat.inputIds.slice(0, limit), labels: flat.labels.slice(0, limit), positionIds: flat.positionIds.slice(0, limit),
      seqIdx: flat.seqIdx.slice(0, limit), texts: flat.inputIds.slice(0, limit).map((id) => tokenText(tokenizer, id)),
      cuSeqLens: flat.cuSeqLens, maxLength: flat.maxLength, total: flat.inputIds.length,
    },
    bins: { packLength, bins: packed.bins, dropped: packed.dropped },
    costs: [
      padded.ragged || r.padding === 'none' ? rowCost(padded.rows) : plainCost(paddedCost(lengths, padded.width)),
      plainCost(flattenedCost(lengths)),
      plainCost(packedCost(lengths, packLength, 'bfd')),
    ],
    notes: padded.notes.map((n) => ({ code: n.code, message: n.message })),
  };
}

/** `lookup` is the worker's load cache: one promise per tokenizer id. */
export async function handleBatch(request: BatchRequest, lookup: (tokenizerId: string) => Promise<LoadedTokenizer> | undefined): Promise<BatchResult> {
  const loaded = lookup(request.tokenizerId);
  if (!loaded) throw new Error(`Tokenizer "${request.tokenizerId}" is not loaded`);
  return runBatch(request.tokenizerId, await loaded, request);
}
