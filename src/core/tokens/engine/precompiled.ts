import type { CharChange, NormalizedString } from './normalized-string';

/**
 * SentencePiece's precompiled character map (T5, ALBERT, XLM-R …), read as Rust `spm_precompiled` reads it:
 * a little-endian u32 trie size, a double-array trie of u32 units, then NUL-separated replacement strings.
 * The lookup keeps Rust's quirks on purpose (shortest prefix wins, applied to the whole grapheme or char),
 * because matching the reference is the point.
 */
class DoubleArray {
  constructor(private readonly units: Uint32Array) {}

  commonPrefixSearch(key: Uint8Array): number[] {
    const a = this.units;
    let pos = 0;
    const results: number[] = [];
    let unit = a[pos]!;
    pos ^= offset(unit);
    for (const c of key) {
      if (c === 0) break;
      pos ^= c;
      unit = a[pos]!;
      if (label(unit) !== c) return results;
      pos ^= offset(unit);
      if ((unit >>> 8) & 1) results.push(a[pos]! & 0x7fffffff);
    }
    return results;
  }
}

const label = (u: number): number => (u & 0x800000ff) >>> 0;
const offset = (u: number): number => (u >>> 10) << ((u & (1 << 9)) >>> 6);

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function createPrecompiled(charsmap: string | null): (n: NormalizedString) => void {
  if (!charsmap) return () => {};
  const bytes = base64ToBytes(charsmap);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trieSize = view.getUint32(0, true);
  const units = new Uint32Array(trieSize / 4);
  for (let i = 0; i < units.length; i++) units[i] = view.getUint32(4 + i * 4, true);
  const trie = new DoubleArray(units);
  const normalized = bytes.subarray(4 + trieSize);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

  const lookup = (chunk: string): string | null => {
    const results = trie.commonPrefixSearch(encoder.encode(chunk));
    if (results.length === 0) return null;
    const start = results[0]!;
    let end = start;
    while (end < normalized.length && normalized[end] !== 0) end++;
    return decoder.decode(normalized.subarray(start, end));
  };

  const replace = (dest: CharChange[], oldPart: string, newPart: string) => {
    const diff = Array.from(newPart).length - Array.from(oldPart).length;
    const added: Array<[string, number]> = Array.from(newPart, (c) => [c, 0]);
    dest.push(...added);
    if (diff > 0) for (let k = 0; k < diff; k++) (dest[dest.length - 1 - k] as [string, number])[1] = 1;
    else if (diff < 0 && dest.length > 0) (dest[dest.length - 1] as [string, number])[1] += diff;
  };

  return (n) => {
    const dest: CharChange[] = [];
    let modified = false;
    for (const { segment } of segmenter.segment(n.s)) {
      if (encoder.encode(segment).length < 6) {
        const norm = lookup(segment);
        if (norm !== null) { modified = true; replace(dest, segment, norm); continue; }
      }
      for (const c of segment) {
        const norm = lookup(c);
        if (norm !== null) { modified = true; replace(dest, c, norm); } else dest.push([c, 0]);
      }
    }
    if (modified) n.transform(dest);
  };
}
