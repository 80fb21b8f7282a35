import type { PreTokenizerJson } from '../tokenizer-json';
import type { NormalizedString } from './normalized-string';
import { type Split, splitEach, splitNormalized, matchesToPieces, charPieces } from './pre-tokenized';
import { compileOniguruma, findAll } from './regex';
import { patternRegex } from './normalizers';
import { BYTE_TO_CHAR } from './byte-level';
import type { CharChange } from './normalized-string';
import { isNumeric, isPunctuation, isWhitespace } from './unicode';
import type { PipelineContext } from './context';

export type PreTokenizer = (splits: Split[], ctx: PipelineContext) => Split[];

/** GPT-2's split pattern, used by the ByteLevel pre-tokenizer when `use_regex` is set. */
const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

export function createPreTokenizer(config: PreTokenizerJson): PreTokenizer {
  switch (config.type) {
    case 'Sequence': {
      const steps = config.pretokenizers.map(createPreTokenizer);
      return (splits, ctx) => steps.reduce((acc, step) => step(acc, ctx), splits);
    }
    case 'ByteLevel': {
      const addPrefixSpace = config.add_prefix_space ?? true;
      const useRegex = config.use_regex ?? true;
      const re = compileOniguruma(GPT2_PATTERN);
      return (splits, ctx) => {
        const pieces = splitEach(splits, (n) => {
          if (addPrefixSpace && !n.s.startsWith(' ') && ctx.noPrefixAt !== n.originalStart) n.prepend(' ');
          return useRegex ? splitNormalized(n, matchesToPieces(findAll(re, n.s), n.length), 'Isolated') : [n];
        });
        for (const p of pieces) if (!p.tokens) byteLevelMap(p.n);
        return pieces;
      };
    }
    case 'Split': {
      const re = patternRegex(config.pattern);
      return (splits) => splitEach(splits, (n) => splitNormalized(n, matchesToPieces(findAll(re, n.s), n.length), config.behavior, config.invert ?? false));
    }
    case 'Metaspace': {
      const replacement = config.replacement;
      const scheme = config.prepend_scheme ?? ((config.add_prefix_space ?? true) ? 'always' : 'never');
      const split = config.split ?? true;
      return (splits, ctx) => splitEach(splits, (n) => {
        const segmentStart = ctx.noPrefixAt !== n.originalStart;
        n.replace(charPieces(n.s, (c) => c === ' '), replacement);
        if ((scheme === 'always' && segmentStart) || (scheme === 'first' && n.originalStart === 0)) {
          if (!n.s.startsWith(replacement)) n.prepend(replacement);
        }
        if (!split) return [n];
        return splitNormalized(n, matchesToPieces(charPieces(n.s, (c) => c === replacement), n.length), 'MergedWithNext');
      });
    }
    case 'Whitespace': {
      const re = compileOniguruma('\\w+|[^\\w\\s]+');
      return (splits) => splitEach(splits, (n) => splitNormalized(n, matchesToPieces(findAll(re, n.s), n.length), 'Removed', true));
    }
    case 'WhitespaceSplit':
      return (splits) => splitEach(splits, (n) => splitNormalized(n, matchesToPieces(charPieces(n.s, isWhitespace), n.length), 'Removed'));
    case 'BertPreTokenizer':
      return (splits) => {
        const words = splitEach(splits, (n) => splitNormalized(n, matchesToPieces(charPieces(n.s, isWhitespace), n.length), 'Removed'));
        return splitEach(words, (n) => splitNormalized(n, matchesToPieces(charPieces(n.s, isPunctuation), n.length), 'Isolated'));
      };
    case 'Punctuation': {
      const behavior = config.behavior ?? 'Isolated';
      return (splits) => splitEach(splits, (n) => splitNormalized(n, matchesToPieces(charPieces(n.s, isPunctuation), n.length), behavior));
    }
    case 'Digits': {
      const behavior = config.individual_digits ? 'Isolated' : 'Contiguous';
      return (splits) => splitEach(splits, (n) => splitNormalized(n, matchesToPieces(charPieces(n.s, isNumeric), n.length), behavior));
    }
    case 'CharDelimiterSplit':
      return (splits) => splitEach(splits, (n) => splitNormalized(n, matchesToPieces(charPieces(n.s, (c) => c === config.delimiter), n.length), 'Removed'));
    default: {
      const unknown: never = config;
      throw new Error(`Unsupported pre-tokenizer type: ${(unknown as { type: string }).type}`);
    }
  }
}

const encoder = new TextEncoder();

/** Each UTF-8 byte becomes one printable character; all of a character's bytes align with that character. */
function byteLevelMap(n: NormalizedString): void {
  const s = n.s;
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) { ascii = false; break; }
  if (ascii) {
    // One byte per unit: a 1:1 replacement keeps the alignments as they are.
    let out = '';
    for (let i = 0; i < s.length; i++) out += BYTE_TO_CHAR[s.charCodeAt(i)]!;
    n.s = out;
    return;
  }
  const dest: CharChange[] = [];
  for (const c of s) {
    const bytes = encoder.encode(c);
    for (let k = 0; k < bytes.length; k++) dest.push([BYTE_TO_CHAR[bytes[k]!]!, k === 0 ? 0 : 1]);
  }
  n.transform(dest);
}
