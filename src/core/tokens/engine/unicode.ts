/** Character classes as the Rust reference defines them (std `char` methods and Oniguruma's Unicode classes). */

/** Unicode White_Space: Rust `char::is_whitespace` and Oniguruma's `\s`. (JS `\s` differs: it has U+FEFF, lacks U+0085.) */
export const WHITESPACE_CLASS = '\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const WHITESPACE_RE = new RegExp(`[${WHITESPACE_CLASS}]`, 'u');
const ALNUM_RE = /[\p{Alphabetic}\p{N}]/u;
const NUMERIC_RE = /\p{N}/u;
const PUNCT_RE = /\p{P}/u;
const MARK_RE = /\p{M}/u;
const MN_RE = /\p{Mn}/u;
// Unassigned code points (Cn) are kept: the Rust reference's category tables do not report them as "other".
const OTHER_RE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;

// Per-code-point class bits. The hot loops (normalizers, pre-tokenizers) ask these once per character; a regex test
// per character dominated them, so BMP answers are memoised in a table filled on first use.
const KNOWN = 1;
export const CHAR_WHITESPACE = 2;
export const CHAR_PUNCTUATION = 4;
/** `\p{M}`: any combining mark. */
export const CHAR_MARK = 8;
/** `\p{Mn}`: a nonspacing mark (what StripAccents removes). */
export const CHAR_NONSPACING_MARK = 16;
/** Cc, Cf, Co or Cs (BertNormalizer's "control", before its tab/newline/CR exception). */
export const CHAR_OTHER = 32;
export const CHAR_NUMERIC = 64;

const bmpFlags = new Uint8Array(0x10000);

function computeFlags(cp: number): number {
  const c = String.fromCodePoint(cp);
  let f = KNOWN;
  if (WHITESPACE_RE.test(c)) f |= CHAR_WHITESPACE;
  if (isAsciiPunctuation(cp) || PUNCT_RE.test(c)) f |= CHAR_PUNCTUATION;
  if (MARK_RE.test(c)) f |= CHAR_MARK;
  if (MN_RE.test(c)) f |= CHAR_NONSPACING_MARK;
  if (OTHER_RE.test(c)) f |= CHAR_OTHER;
  if (NUMERIC_RE.test(c)) f |= CHAR_NUMERIC;
  return f;
}

/** The class bits of one code point (a lone surrogate is its own code point, class Cs). */
export function charFlags(cp: number): number {
  if (cp >= 0x10000) return computeFlags(cp);
  let f = bmpFlags[cp]!;
  if (f === 0) bmpFlags[cp] = f = computeFlags(cp);
  return f;
}

/** Flags of the first code point of `c` (callers pass one character); none for the empty string. */
const flagsOf = (c: string): number => (c.length === 0 ? KNOWN : charFlags(c.codePointAt(0)!));

export const isWhitespace = (c: string): boolean => (flagsOf(c) & CHAR_WHITESPACE) !== 0;
export const isAlphanumeric = (c: string): boolean => ALNUM_RE.test(c);
export const isNumeric = (c: string): boolean => (flagsOf(c) & CHAR_NUMERIC) !== 0;
export const isNonspacingMark = (c: string): boolean => (flagsOf(c) & CHAR_NONSPACING_MARK) !== 0;

function isAsciiPunctuation(cp: number): boolean {
  return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
}

/** tokenizers' `is_punc`: ASCII punctuation (which includes symbols like `$`, `+`, `^`) or Unicode P*. */
export const isPunctuation = (c: string): boolean => (flagsOf(c) & CHAR_PUNCTUATION) !== 0;

/** CJK ideograph blocks, as BERT defines "Chinese character". */
export function isChineseCodePoint(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}
