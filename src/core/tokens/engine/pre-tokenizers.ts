import type { PreTokenizerJson } from '../tokenizer-json';
import { AlignedBuilder, type NormalizedString } from './normalized-string';
import { type Split, splitEach, splitEachInto, splitBert, splitOnMatches, splitNormalized, matchesToPieces, charPieces } from './pre-tokenized';
import { compileOniguruma, findAll } from './regex';
import { patternRegex } from './normalizers';
import { BYTE_TO_CHAR } from './byte-level';
import { isNumeric, isPunctuation, isWhitespace } from './unicode';
import type { PipelineContext } from './context';
import { fromSurrogates, isHighSurrogate, isLowSurrogate, isSurrogate } from '../../text/utf16';

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
        const pieces = splitEachInto(splits, (n, out) => {
          if (addPrefixSpace && !n.s.startsWith(' ') && ctx.noPrefixAt !== n.originalStart) n.prepend(' ');
          if (useRegex) splitOnMatches(n, re, out);
          else if (n.length > 0) out.push({ n, tokens: null });
        });
        for (const p of pieces) if (!p.tokens) byteLevelMap(p.n);
        return pieces;
      };
    }
    case 'Split': {
      const re = patternRegex(config.pattern);
      // Isolated keeps every piece whatever `invert` says; Removed with `invert` keeps just the matches.
      if (config.behavior === 'Isolated') return (splits) => splitEachInto(splits, (n, out) => splitOnMatches(n, re, out));
      if (config.behavior === 'Removed' && config.invert) return (splits) => splitEachInto(splits, (n, out) => splitOnMatches(n, re, out, false));
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
      return (splits) => splitEachInto(splits, splitBert);
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

/**
 * Each UTF-8 byte becomes one printable character; all of a character's bytes align with that character (the first
 * byte replaces it, the others are inserted after it, as Rust's `transform` does with changes 0 and 1).
 */
function byteLevelMap(n: NormalizedString): void {
  const s = n.s;
  // The first unit that maps to another character: printable ASCII (33-126) maps to itself.
  let first = 0;
  while (first < s.length) { const c = s.charCodeAt(first); if (c < 33 || c >= 127) break; first++; }
  if (first === s.length) return;
  let ascii = true;
  for (let i = first; i < s.length; i++) if (s.charCodeAt(i) >= 128) { ascii = false; break; }
  if (ascii) {
    // One byte per unit: a 1:1 replacement keeps the alignments as they are. Runs of printable characters are
    // copied as slices, so a word like " hello" is two pieces, not six.
    let out = s.slice(0, first);
    let run = first; // start of the pending run of characters that map to themselves
    for (let i = first; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 33 && c < 127) continue;
      if (run < i) out += s.slice(run, i);
      out += BYTE_TO_CHAR[c]!;
      run = i + 1;
    }
    n.s = run < s.length ? out + s.slice(run) : out;
    return;
  }
  const out = new AlignedBuilder(n);
  for (let i = 0; i < s.length;) {
    const at = i;
    let cp = s.charCodeAt(i++);
    if (isSurrogate(cp)) {
      const low = isHighSurrogate(cp) && i < s.length ? s.charCodeAt(i) : 0;
      if (isLowSurrogate(low)) { cp = fromSurrogates(cp, low); i++; }
      else cp = 0xfffd; // a lone surrogate is encoded as U+FFFD, as TextEncoder (and Rust's lossy conversion) do
    }
    // Inserted bytes take the alignment of the unit before them: the character's last unit.
    const last = i - 1;
    if (cp < 0x80) out.push(BYTE_CHAR_CODES[cp]!, at);
    else if (cp < 0x800) {
      out.push(BYTE_CHAR_CODES[0xc0 | (cp >> 6)]!, at);
      out.push(BYTE_CHAR_CODES[0x80 | (cp & 0x3f)]!, last);
    } else if (cp < 0x10000) {
      out.push(BYTE_CHAR_CODES[0xe0 | (cp >> 12)]!, at);
      out.push(BYTE_CHAR_CODES[0x80 | ((cp >> 6) & 0x3f)]!, last);
      out.push(BYTE_CHAR_CODES[0x80 | (cp & 0x3f)]!, last);
    } else {
      out.push(BYTE_CHAR_CODES[0xf0 | (cp >> 18)]!, at);
      out.push(BYTE_CHAR_CODES[0x80 | ((cp >> 12) & 0x3f)]!, last);
      out.push(BYTE_CHAR_CODES[0x80 | ((cp >> 6) & 0x3f)]!, last);
      out.push(BYTE_CHAR_CODES[0x80 | (cp & 0x3f)]!, last);
    }
  }
  out.apply();
}

/** `BYTE_TO_CHAR` as UTF-16 units (every mapped character is a single BMP unit). */
const BYTE_CHAR_CODES = Uint16Array.from(BYTE_TO_CHAR, (c) => c.charCodeAt(0));
