/**
 * Ids → text, following the `decoder` block of tokenizer.json as Rust `tokenizers` does: each decoder rewrites the
 * list of token strings (`decode_chain`), and the result is joined. Without a decoder, tokens are joined with spaces.
 */
import type { DecoderJson } from './tokenizer-json';
import { CHAR_TO_BYTE, parseByteToken, utf8 } from './engine/byte-level';
import { patternRegex } from './engine/normalizers';

export interface DecodeSource {
  idToToken(id: number): string | undefined;
  readonly addedTokens: ReadonlyArray<{ id: number; content: string; special?: boolean }>;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

function byteLevel(tokens: string[]): string[] {
  const bytes: number[] = [];
  for (const t of tokens) {
    const mine: number[] = [];
    let ok = true;
    for (const c of t) {
      const b = CHAR_TO_BYTE.get(c);
      if (b === undefined) {
        ok = false;
        break;
      }
      mine.push(b);
    }
    for (const b of ok ? mine : utf8(t)) bytes.push(b);
  }
  return [lossyUtf8.decode(Uint8Array.from(bytes))];
}

function byteFallback(tokens: string[]): string[] {
  const out: string[] = [];
  let pending: number[] = [];
  const flush = () => {
    if (!pending.length) return;
    try {
      out.push(strictUtf8.decode(Uint8Array.from(pending)));
    } catch {
      // Rust: one U+FFFD per byte of an invalid sequence.
      for (let i = 0; i < pending.length; i++) out.push('\uFFFD');
    }
    pending = [];
  };
  for (const t of tokens) {
    const b = parseByteToken(t);
    if (b !== null) pending.push(b);
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}

const CLEANUP: Array<[string, string]> = [
  [' .', '.'], [' ?', '?'], [' !', '!'], [' ,', ','], [" ' ", "'"], [" n't", "n't"], [" 'm", "'m"],
  [' do not', " don't"], [" 's", "'s"], [" 've", "'ve"], [" 're", "'re"],
];

function cleanup(s: string): string {
  for (const [a, b] of CLEANUP) s = s.split(a).join(b);
  return s;
}

function stripChars(t: string, content: string, start: number, stop: number): string {
  const chars = Array.from(t);
  let a = 0;
  let b = chars.length;
  for (let i = 0; i < start && chars[a] === content; i++) a++;
  for (let i = 0; i < stop && b > a && chars[b - 1] === content; i++) b--;
  return chars.slice(a, b).join('');
}

export function decodeChain(decoder: DecoderJson, tokens: string[]): string[] {
  switch (decoder.type) {
    case 'Sequence':
      return decoder.decoders.reduce((acc, d) => decodeChain(d, acc), tokens);
    case 'ByteLevel':
      return byteLevel(tokens);
    case 'ByteFallback':
      return byteFallback(tokens);
    case 'Fuse':
      return [tokens.join('')];
    case 'Strip':
      return tokens.map((t) => stripChars(t, decoder.content, decoder.start, decoder.stop));
    case 'Replace': {
      const re = patternRegex(decoder.pattern);
      return tokens.map((t) => t.replace(re, () => decoder.content));
    }
    case 'Metaspace': {
      const scheme = decoder.prepend_scheme ?? (decoder.add_prefix_space === false ? 'never' : 'always');
      return tokens.map((t, i) => {
        const s = t.split(decoder.replacement).join(' ');
        return i === 0 && scheme !== 'never' && s.startsWith(' ') ? s.slice(1) : s;
      });
    }
    case 'WordPiece': {
      const prefix = decoder.prefix ?? '##';
      return tokens.map((t, i) => {
        let s = t;
        if (i !== 0) s = s.startsWith(prefix) ? s.slice(prefix.length) : ` ${s}`;
        return decoder.cleanup === false ? s : cleanup(s);
      });
    }
    case 'BPEDecoder': {
      const suffix = decoder.suffix ?? '</w>';
      return tokens.map((t, i) => t.split(suffix).join(i === tokens.length - 1 ? '' : ' '));
    }
    default: {
      const unknown: never = decoder;
      throw new Error(`Unsupported decoder type: ${(unknown as { type: string }).type}`);
    }
  }
}

export interface DecodeOptions {
  skipSpecialTokens: boolean;
}

/** Rust `Tokenizer::decode`. Unknown ids are dropped, as Rust does. */
export function decode(source: DecodeSource, decoder: DecoderJson | null | undefined, ids: readonly number[], options: DecodeOptions): string {
  const special = new Set(source.addedTokens.filter((t) => t.special).map((t) => t.id));
  const tokens: string[] = [];
  for (const id of ids) {
    if (options.skipSpecialTokens && special.has(id)) continue;
    const t = source.idToToken(id);
    if (t !== undefined) tokens.push(t);
  }
  if (!decoder) return tokens.join(' ');
  return decodeChain(decoder, tokens).join('');
}

/** `[9906, 4435]`, `9906 4435`, `9906,4435` → ids; null when anything else is in there. */
export function parseIdList(input: string): number[] | null {
  const body = input.trim().replace(/^\[|\]$/g, '').trim();
  if (body === '') return [];
  const parts = body.split(/[\s,]+/).filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}
