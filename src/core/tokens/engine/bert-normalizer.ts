import type { NormalizerJson } from '../tokenizer-json';
import { AlignedBuilder, type CharChange, type NormalizedString } from './normalized-string';
import { clusterChangesFor } from './unicode-normalize';
import { CHAR_MARK, CHAR_NONSPACING_MARK, CHAR_OTHER, CHAR_WHITESPACE, charFlags, isChineseCodePoint } from './unicode';
import { fromSurrogates, isHighSurrogate, isLowSurrogate } from '../../text/utf16';

type BertNormalizerJson = Extract<NormalizerJson, { type: 'BertNormalizer' }>;

/**
 * Rust's BertNormalizer in one pass over the text. Rust runs its steps one after another over the whole string:
 *   1. clean text: drop NUL, U+FFFD and control characters, map whitespace to a space;
 *   2. CJK: pad every ideograph with spaces;
 *   3. strip accents: NFD, then drop nonspacing marks;
 *   4. lowercase, character by character.
 * Steps 1, 2 and 4 (and the mark filter) give every output character the alignment of the one input character it
 * comes from, so they compose per character. NFD works on clusters (a non-mark plus the marks after it, taken on the
 * text after steps 1-2, see unicode-normalize.ts), so characters are gathered into those clusters here: a
 * one-character cluster decomposes on its own (its pieces all align with it, cached per code point); a longer one
 * takes the general cluster alignment. Across clusters NFD never reorders: no non-mark decomposes to something
 * starting with a non-starter (tests/unit/engine-unicode-facts.test.ts), so the per-cluster results join up exactly
 * as the whole-string pass would, and the result equals running the four steps in turn.
 */
export function createBertNormalizer(config: BertNormalizerJson): (n: NormalizedString) => void {
  const cleanText = config.clean_text ?? true;
  const chinese = config.handle_chinese_chars ?? true;
  const lowercase = config.lowercase ?? true;
  const stripAccents = config.strip_accents ?? lowercase;
  const charResults = new Map<number, string>();

  /** Steps 3-4 for one character that is a cluster of its own. */
  const single = (cp: number): string => {
    let r = charResults.get(cp);
    if (r === undefined) {
      const c = String.fromCodePoint(cp);
      r = finish(stripAccents ? c.normalize('NFD') : c);
      charResults.set(cp, r);
    }
    return r;
  };

  /** Steps 3 (the mark filter) and 4 on already decomposed text, character by character. */
  const finish = (text: string): string => {
    let out = '';
    for (const c of text) {
      if (stripAccents && (charFlags(c.codePointAt(0)!) & CHAR_NONSPACING_MARK) !== 0) continue;
      out += lowercase ? c.toLowerCase() : c;
    }
    return out;
  };

  return (n) => {
    const s = n.s;
    const out = new AlignedBuilder(n);
    const cluster = new ClusterBuffer();
    /** Source of the character before the pending cluster (-1 at the start), for an insertion at its front. */
    let before = -1;

    const flush = () => {
      if (cluster.count === 0) return;
      if (cluster.count === 1) emit(cluster.codePoints[0]!, cluster.sources[0]!);
      else if (!stripAccents) for (let k = 0; k < cluster.count; k++) emit(cluster.codePoints[k]!, cluster.sources[k]!);
      else emitCluster(cluster, before, out, finish);
      before = cluster.sources[cluster.count - 1]!;
      cluster.count = 0;
    };
    const emit = (cp: number, source: number) => {
      if (cp < 0x80) out.push(lowercase && cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp, source);
      else out.pushString(single(cp), source);
    };
    /** A character of the text after steps 1-2: a non-mark starts a new cluster. */
    const feed = (cp: number, source: number) => {
      if (cp >= 0x300 && (charFlags(cp) & CHAR_MARK) !== 0) { cluster.add(cp, source); return; }
      flush();
      cluster.add(cp, source);
    };

    for (let i = 0; i < s.length;) {
      const at = i;
      let cp = s.charCodeAt(i++);
      if (isHighSurrogate(cp) && i < s.length) {
        const low = s.charCodeAt(i);
        if (isLowSurrogate(low)) { cp = fromSurrogates(cp, low); i++; }
      }
      if (cleanText) {
        if (isRemovedByClean(cp)) continue;
        if (isBertWhitespaceCodePoint(cp)) cp = 0x20;
      }
      if (chinese && isChineseCodePoint(cp)) { feed(0x20, at); feed(cp, at); feed(0x20, at); } else feed(cp, at);
    }
    flush();
    out.apply();
  };
}

/** NUL, U+FFFD and control characters (not tab, newline, carriage return), which clean text drops. */
function isRemovedByClean(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return false;
  if (cp === 0 || cp === 0xfffd) return true;
  if (cp < 0x80) return cp < 0x20 || cp === 0x7f;
  return (charFlags(cp) & CHAR_OTHER) !== 0;
}

function isBertWhitespaceCodePoint(cp: number): boolean {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  return (charFlags(cp) & CHAR_WHITESPACE) !== 0;
}

/** The pending NFD cluster: code points and the input unit each one aligns with. */
class ClusterBuffer {
  codePoints: number[] = [];
  sources: number[] = [];
  count = 0;

  add(cp: number, source: number): void {
    this.codePoints[this.count] = cp;
    this.sources[this.count] = source;
    this.count++;
  }
}

/**
 * A cluster of several characters through NFD (Rust's cluster alignment), then the mark filter and lowercase per
 * output character. A change > 0 inserts a character aligned with the one before it, as `transformRange` does.
 */
function emitCluster(cluster: ClusterBuffer, before: number, out: AlignedBuilder, finish: (text: string) => string): void {
  let text = '';
  for (let k = 0; k < cluster.count; k++) text += String.fromCodePoint(cluster.codePoints[k]!);
  const dest: CharChange[] = [];
  clusterChangesFor(text, 'NFD', dest);
  let pos = 0;
  for (const [c, change] of dest) {
    let source: number;
    if (change > 0) source = pos > 0 ? cluster.sources[pos - 1]! : before;
    else { source = cluster.sources[pos]!; pos += 1 - change; }
    out.pushString(finish(c), source);
  }
}
