/** GPT-2's reversible byte ↔ printable-character map (`bytes_to_unicode`). */
function buildMaps(): { byteToChar: string[]; charToByte: Map<string, number> } {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = bs.slice();
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) { bs.push(b); cs.push(256 + n); n++; }
  }
  const byteToChar: string[] = new Array<string>(256);
  const charToByte = new Map<string, number>();
  bs.forEach((b, i) => { const ch = String.fromCharCode(cs[i]!); byteToChar[b] = ch; charToByte.set(ch, b); });
  return { byteToChar, charToByte };
}

export const { byteToChar: BYTE_TO_CHAR, charToByte: CHAR_TO_BYTE } = buildMaps();

const encoder = new TextEncoder();
export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** `<0xE2>` → 0xE2, for SentencePiece byte-fallback pieces. */
export function parseByteToken(token: string): number | null {
  return /^<0x[0-9A-F]{2}>$/.test(token) ? parseInt(token.slice(3, 5), 16) : null;
}
