import type { NormalizerJson, Pattern } from '../tokenizer-json';
import { NormalizedString, type CharChange } from './normalized-string';
import { compileOniguruma, escapeRegex, findAll } from './regex';
import { isNonspacingMark, isWhitespace } from './unicode';
import { BYTE_TO_CHAR, utf8 } from './byte-level';
import { createPrecompiled } from './precompiled';
import { createBertNormalizer } from './bert-normalizer';
import { unicodeNormalize } from './unicode-normalize';
import type { PipelineContext } from './context';

export type Normalizer = (n: NormalizedString, ctx: PipelineContext) => void;

export function patternRegex(pattern: Pattern): RegExp {
  return 'String' in pattern ? new RegExp(escapeRegex(pattern.String), 'gu') : compileOniguruma(pattern.Regex);
}

export function createNormalizer(config: NormalizerJson): Normalizer {
  switch (config.type) {
    case 'Sequence': {
      const steps = config.normalizers.map(createNormalizer);
      return (n, ctx) => { for (const step of steps) step(n, ctx); };
    }
    case 'NFC': case 'NFD': case 'NFKC': case 'NFKD': {
      const form = config.type;
      return (n) => unicodeNormalize(n, form);
    }
    case 'Lowercase':
      return lowercase;
    case 'Strip': {
      const left = config.strip_left ?? true, right = config.strip_right ?? true;
      return (n) => strip(n, left, right);
    }
    case 'StripAccents':
      return (n) => n.filter((c) => !isNonspacingMark(c));
    case 'Replace': {
      const re = patternRegex(config.pattern);
      return (n) => n.replace(findAll(re, n.s), config.content);
    }
    case 'Prepend':
      return (n, ctx) => { if (ctx.noPrefixAt !== n.originalStart) n.prepend(config.prepend); };
    case 'BertNormalizer':
      return createBertNormalizer(config);
    case 'Precompiled':
      return createPrecompiled(config.precompiled_charsmap);
    case 'Nmt':
      return nmt;
    case 'ByteLevel':
      return (n) => {
        const dest: CharChange[] = [];
        for (const c of n.s) { let first = true; for (const b of utf8(c)) { dest.push([BYTE_TO_CHAR[b]!, first ? 0 : 1]); first = false; } }
        n.transform(dest);
      };
    default: {
      const unknown: never = config;
      throw new Error(`Unsupported normalizer type: ${(unknown as { type: string }).type}`);
    }
  }
}

function lowercase(n: NormalizedString): void {
  // Per character, as Rust's `char::to_lowercase`: JS `toLowerCase` on a whole string applies the
  // context-sensitive final sigma rule, which Rust does not.
  if (n.s.toLowerCase() === n.s) return;
  n.mapChars((c) => c.toLowerCase());
}

function strip(n: NormalizedString, left: boolean, right: boolean): void {
  const chars = Array.from(n.s);
  let lead = 0;
  if (left) while (lead < chars.length && isWhitespace(chars[lead]!)) lead++;
  let trail = 0;
  if (right) while (trail < chars.length - lead && isWhitespace(chars[chars.length - 1 - trail]!)) trail++;
  if (lead === 0 && trail === 0) return;
  const kept = chars.slice(lead, chars.length - trail);
  const dest: CharChange[] = kept.map((c, i) => [c, i === kept.length - 1 ? -trail : 0]);
  n.transform(dest, lead);
}

function nmt(n: NormalizedString): void {
  // SentencePiece's NMT normalization: drop some control characters and map odd spaces to a plain space.
  n.filter((c) => {
    const cp = c.codePointAt(0)!;
    return !((cp >= 0x0001 && cp <= 0x0008) || cp === 0x000b || (cp >= 0x000e && cp <= 0x001f) || cp === 0x007f || cp === 0x008f || cp === 0x009f);
  });
  n.mapChars((c) => {
    const cp = c.codePointAt(0)!;
    return cp === 0x0009 || cp === 0x000a || cp === 0x000c || cp === 0x000d || cp === 0x1680 || (cp >= 0x200b && cp <= 0x200f) ||
      cp === 0x2028 || cp === 0x2029 || cp === 0x2581 || cp === 0xfeff || cp === 0xfffd ? ' ' : c;
  });
}
