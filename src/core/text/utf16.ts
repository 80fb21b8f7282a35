/**
 * UTF-16 surrogate halves. Offsets everywhere in the app are UTF-16 units (as JavaScript strings and the Rust
 * library's `offsets` after conversion), so code that must not split a character asks these.
 */
export const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
export const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
/** Either half (a unit that is not a character by itself). */
export const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;

/** The code point of a high and a low surrogate (what `codePointAt` gives, without re-reading the string). */
export const fromSurrogates = (high: number, low: number): number => 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
