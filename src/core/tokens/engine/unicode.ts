/** Character classes as the Rust reference defines them (std `char` methods and Oniguruma's Unicode classes). */

/** Unicode White_Space: Rust `char::is_whitespace` and Oniguruma's `\s`. (JS `\s` differs: it has U+FEFF, lacks U+0085.) */
export const WHITESPACE_CLASS = '\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const WHITESPACE_RE = new RegExp(`[${WHITESPACE_CLASS}]`, 'u');
const ALNUM_RE = /[\p{Alphabetic}\p{N}]/u;
const NUMERIC_RE = /\p{N}/u;
const PUNCT_RE = /\p{P}/u;
const MN_RE = /\p{Mn}/u;
// Unassigned code points (Cn) are kept: the Rust reference's category tables do not report them as "other".
const OTHER_RE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;

export const isWhitespace = (c: string): boolean => WHITESPACE_RE.test(c);
export const isAlphanumeric = (c: string): boolean => ALNUM_RE.test(c);
export const isNumeric = (c: string): boolean => NUMERIC_RE.test(c);
export const isNonspacingMark = (c: string): boolean => MN_RE.test(c);

/** tokenizers' `is_punc`: ASCII punctuation (which includes symbols like `$`, `+`, `^`) or Unicode P*. */
export function isPunctuation(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  return PUNCT_RE.test(c);
}

/** BertNormalizer's control test: tab, newline and carriage return are whitespace, not control. */
export function isBertControl(c: string): boolean {
  if (c === '\t' || c === '\n' || c === '\r') return false;
  return OTHER_RE.test(c);
}

export function isBertWhitespace(c: string): boolean {
  return c === '\t' || c === '\n' || c === '\r' || isWhitespace(c);
}

/** CJK ideograph blocks, as BERT defines "Chinese character". */
export function isChineseChar(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}
