import type { NormalizerJson, Pattern } from '../tokenizer-json';
import { NormalizedString, type CharChange } from './normalized-string';
import { compileOniguruma, escapeRegex, findAll } from './regex';
import { isBertControl, isBertWhitespace, isChineseChar, isNonspacingMark, isWhitespace } from './unicode';
import { BYTE_TO_CHAR, utf8 } from './byte-level';
import { createPrecompiled } from './precompiled';
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
    case 'BertNormalizer': {
      const cleanText = config.clean_text ?? true;
      const chinese = config.handle_chinese_chars ?? true;
      const lower = config.lowercase ?? true;
      const stripAccents = config.strip_accents ?? lower;
      return (n) => {
        if (cleanText) {
          n.filter((c) => !(c === '\0' || c === '\uFFFD' || isBertControl(c)));
          n.mapChars((c) => (isBertWhitespace(c) ? ' ' : c));
        }
        if (chinese) chineseChars(n);
        if (stripAccents) {
          unicodeNormalize(n, 'NFD');
          n.filter((c) => !isNonspacingMark(c));
        }
        if (lower) lowercase(n);
      };
    }
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

function chineseChars(n: NormalizedString): void {
  if (!/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u.test(n.s)) return;
  const dest: CharChange[] = [];
  for (const c of n.s) {
    if (isChineseChar(c)) { dest.push([' ', 0], [c, 1], [' ', 1]); } else dest.push([c, 0]);
  }
  n.transform(dest);
}

/**
 * NFC/NFD/NFKC/NFKD with alignments, following how the Rust alignment crate reports changes: each character
 * decomposes into a first piece (it replaces the character) and extra pieces (inserted after it); composition then
 * folds a piece into the preceding starter, which then consumes one more original character.
 */
function unicodeNormalize(n: NormalizedString, form: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'): void {
  const whole = n.s.normalize(form);
  if (whole === n.s) return;
  const clusters = n.s.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
  const dest: CharChange[] = [];
  let joined = '';
  for (const cluster of clusters) {
    const norm = cluster.normalize(form);
    joined += norm;
    if (norm === cluster) { for (const c of cluster) dest.push([c, 0]); continue; }
    const aligned = alignCluster(cluster, form);
    if (aligned && aligned.map(([c]) => c).join('') === norm) dest.push(...aligned);
    else clusterChanges(Array.from(cluster), Array.from(norm), dest);
  }
  if (joined !== whole) {
    // A composition across clusters (e.g. conjoining Hangul jamo): align the whole string as one cluster.
    dest.length = 0;
    clusterChanges(Array.from(n.s), Array.from(whole), dest);
  }
  n.transform(dest);
}

/** Decompose then compose one cluster, counting for every output character the original characters it consumes. */
function alignCluster(cluster: string, form: 'NFC' | 'NFD' | 'NFKC' | 'NFKD'): CharChange[] | null {
  const decompose = form === 'NFC' || form === 'NFD' ? 'NFD' : 'NFKD';
  const out: Array<{ c: string; consumed: number }> = [];
  for (const ch of cluster) {
    let first = true;
    for (const piece of ch.normalize(decompose)) { out.push({ c: piece, consumed: first ? 1 : 0 }); first = false; }
  }
  if (form === 'NFC' || form === 'NFKC') {
    const composed: typeof out = [];
    for (const item of out) {
      const starter = composed[0];
      if (starter && composed.length >= 1) {
        const pair = (starter.c + item.c).normalize('NFC');
        const rest = composed.slice(1).map((x) => x.c).join('');
        if (Array.from(pair).length === 1 && (starter.c + rest + item.c).normalize('NFC').startsWith(pair)) {
          starter.c = pair;
          starter.consumed += item.consumed;
          continue;
        }
      }
      composed.push({ ...item });
    }
    out.length = 0;
    out.push(...composed);
  }
  return out.map(({ c, consumed }) => [c, consumed === 0 ? 1 : -(consumed - 1)] as const);
}

function clusterChanges(from: string[], to: string[], dest: CharChange[]): void {
  const common = Math.min(from.length, to.length);
  for (let i = 0; i < to.length; i++) {
    if (i < common - 1 || (i === common - 1 && to.length >= from.length)) dest.push([to[i]!, 0]);
    else if (i === common - 1) dest.push([to[i]!, -(from.length - to.length)]);
    else dest.push([to[i]!, 1]);
  }
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
