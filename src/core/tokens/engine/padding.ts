import type { Encoding, PaddingOptions, TruncationOptions } from '../encoding';

/** Keep `maxLength` tokens from one side (Rust `Encoding::truncate` with stride 0; overflow is dropped). */
export function truncateEncoding(e: Encoding, maxLength: number, direction: 'left' | 'right'): Encoding {
  if (e.ids.length <= maxLength) return e;
  const cut = <T>(a: T[]): T[] => (direction === 'right' ? a.slice(0, maxLength) : a.slice(a.length - maxLength));
  return {
    ids: cut(e.ids), tokens: cut(e.tokens), offsets: cut(e.offsets), specialMask: cut(e.specialMask),
    special: cut(e.special), typeIds: cut(e.typeIds), attentionMask: cut(e.attentionMask),
  };
}

/** Rust `truncate_encodings`: fit one sequence, or a pair, into `maxLength` tokens before special tokens are added. */
export function truncatePair(a: Encoding, b: Encoding | null, options: TruncationOptions): [Encoding, Encoding | null] {
  const { maxLength, direction, strategy } = options;
  if (!b) {
    if (strategy === 'only_second') return [a, b];
    return [truncateEncoding(a, maxLength, direction), null];
  }
  const total = a.ids.length + b.ids.length;
  if (total <= maxLength) return [a, b];
  const excess = total - maxLength;
  if (strategy === 'only_first') return [truncateEncoding(a, Math.max(0, a.ids.length - excess), direction), b];
  if (strategy === 'only_second') return [a, truncateEncoding(b, Math.max(0, b.ids.length - excess), direction)];
  // longest_first, as Rust: with n1 the shorter, keep it whole if the longer can absorb the cut, else split evenly.
  let n1 = a.ids.length, n2 = b.ids.length;
  const swap = n1 > n2;
  if (swap) [n1, n2] = [n2, n1];
  n2 = n1 > maxLength ? n1 : Math.max(n1, maxLength - n1);
  if (n1 + n2 > maxLength) { n1 = Math.floor(maxLength / 2); n2 = n1 + (maxLength % 2); }
  if (swap) [n1, n2] = [n2, n1];
  return [truncateEncoding(a, n1, direction), truncateEncoding(b, n2, direction)];
}

/** Rust `Encoding::pad`: pad to `length` on one side with the pad id, mask 0, special 1. */
export function padEncoding(e: Encoding, length: number, options: PaddingOptions): Encoding {
  const n = length - e.ids.length;
  if (n <= 0) return e;
  const fill = <T>(a: T[], v: T): T[] => {
    const pad = new Array<T>(n).fill(v);
    return options.direction === 'right' ? [...a, ...pad] : [...pad, ...a];
  };
  return {
    ids: fill(e.ids, options.padId), tokens: fill(e.tokens, options.padToken),
    offsets: options.direction === 'right' ? [...e.offsets, ...Array.from({ length: n }, (): [number, number] => [0, 0])] : [...Array.from({ length: n }, (): [number, number] => [0, 0]), ...e.offsets],
    specialMask: fill(e.specialMask, 1), special: fill(e.special, 1), typeIds: fill(e.typeIds, options.padTypeId),
    attentionMask: fill(e.attentionMask, 0),
  };
}

/** Pad a batch as Rust `pad_encodings`: to the fixed length or the longest, then up to a multiple. */
export function padBatch(batch: Encoding[], options: PaddingOptions): Encoding[] {
  let length = options.length ?? Math.max(0, ...batch.map((e) => e.ids.length));
  if (options.padToMultipleOf && options.padToMultipleOf > 0 && length % options.padToMultipleOf !== 0) {
    length += options.padToMultipleOf - (length % options.padToMultipleOf);
  }
  return batch.map((e) => padEncoding(e, length, options));
}
