/**
 * UTF-8 helpers for showing token bytes. A token can hold part of a character (an emoji split by byte-level
 * BPE); decoding it with a lenient TextDecoder would print U+FFFD, so invalid runs are kept as bytes instead.
 */
import { isHighSurrogate, isLowSurrogate } from '../text/utf16';

export type DecodedPart = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: number[] };

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));

export function byteHex(byte: number): string {
  return HEX[byte & 0xff]!;
}

/** `E4 BD A0` */
export function bytesToHex(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (i ? ' ' : '') + byteHex(bytes[i]!);
  return out;
}

/** Length of the well-formed sequence starting at `i`, or 0 if the byte there does not start one. */
function sequenceLength(bytes: ArrayLike<number>, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 === 0xe0) lo = 0xa0; // overlong
    if (b0 === 0xed) hi = 0x9f; // UTF-16 surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 === 0xf0) lo = 0x90; // overlong
    if (b0 === 0xf4) hi = 0x8f; // above U+10FFFF
  } else return 0;
  const b1 = bytes[i + 1];
  if (b1 === undefined || b1 < lo || b1 > hi) return 0;
  for (let k = 2; k <= need; k++) {
    const b = bytes[i + k];
    if (b === undefined || b < 0x80 || b > 0xbf) return 0;
  }
  return need + 1;
}

function decodeSequence(bytes: ArrayLike<number>, i: number, length: number): number {
  const b0 = bytes[i]!;
  if (length === 1) return b0;
  let cp = b0 & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
  return cp;
}

/** Decodes well-formed runs to text and keeps every ill-formed byte as a byte: never U+FFFD. */
export function decodeUtf8Parts(bytes: ArrayLike<number>): DecodedPart[] {
  const parts: DecodedPart[] = [];
  let text = '';
  let raw: number[] = [];
  const flushText = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  const flushRaw = () => {
    if (raw.length) parts.push({ kind: 'bytes', bytes: raw });
    raw = [];
  };
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      flushText();
      raw.push(bytes[i]!);
      i += 1;
    } else {
      flushRaw();
      text += String.fromCodePoint(decodeSequence(bytes, i, length));
      i += length;
    }
  }
  flushText();
  flushRaw();
  return parts;
}

export function isWellFormedUtf8(bytes: ArrayLike<number>): boolean {
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return false;
    i += length;
  }
  return true;
}

/** One string for labels and exports: text as is, ill-formed bytes as `<F0 9F>`. */
export function decodedLabel(parts: readonly DecodedPart[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : `<${bytesToHex(p.bytes)}>`)).join('');
}

/** UTF-8 length of a JS string without allocating the encoded bytes (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (isHighSurrogate(c) && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (isLowSurrogate(d)) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Unicode code points (what a person calls characters, short of grapheme clusters). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c) && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (isLowSurrogate(d)) i++;
    }
    n++;
  }
  return n;
}
