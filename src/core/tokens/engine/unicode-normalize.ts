import { AlignedBuilder, charLen, type CharChange, type NormalizedString } from './normalized-string';

export type NormalizationForm = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';

/**
 * The non-marks that compose with what precedes them (the last piece of some canonical decomposition): Hangul
 * vowel and trailing-consonant jamo, and U+16D67. They belong to the cluster before them, so that a composition
 * like U+1100 U+1161 → U+AC00 happens inside one cluster and is aligned the way Rust aligns it (the first jamo
 * replaced, the next removed). tests/unit/engine-unicode-facts.test.ts checks that the list is complete.
 */
export const COMPOSING_NON_MARKS = '\\u1161-\\u1175\\u11a8-\\u11c2\\u{16d67}';
const CLUSTERS = new RegExp(`\\P{M}[\\p{M}${COMPOSING_NON_MARKS}]*|\\p{M}+`, 'gu');

/**
 * NFC/NFD/NFKC/NFKD with alignments, following how the Rust alignment crate reports changes: each character
 * decomposes into a first piece (it replaces the character) and extra pieces (inserted after it); marks are put in
 * canonical order, each keeping its change; composition then folds a piece into the preceding starter, which then
 * consumes one more original character. This is done cluster by cluster (a non-mark with the marks and composing
 * jamo after it).
 *
 * Only the parts of the text that can change are looked at. An ASCII character is a normalization boundary in
 * every form (it is a starter, never decomposes, and never composes with what precedes it;
 * tests/unit/engine-unicode-facts.test.ts checks this against the runtime's Unicode data), so the text falls into
 * ASCII runs, which do not change, and segments that normalize on their own: a non-ASCII run with the ASCII
 * character before it (which may compose with marks in the run). No cluster crosses a segment's ends. A segment
 * that does not change holds no cluster that changes (the same decompositions, reorderings and compositions happen
 * in a cluster alone as in the segment), so the changes of the whole text are those of the changed segments'
 * clusters, with identity elsewhere: the same result as aligning every cluster of the whole text.
 */
export function unicodeNormalize(n: NormalizedString, form: NormalizationForm): void {
  const s = n.s;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x80) i++;
  if (i === s.length) return;
  const edits: Array<{ start: number; end: number; dest: CharChange[] }> = [];
  while (i < s.length) {
    // The ASCII character before a non-ASCII run may compose with marks in it (e + U+0301), so it belongs to it.
    const start = i > 0 ? i - 1 : 0;
    let end = i;
    while (end < s.length && s.charCodeAt(end) >= 0x80) end++;
    const segment = s.slice(start, end);
    const norm = segment.normalize(form);
    if (norm !== segment) {
      const dest: CharChange[] = [];
      let joined = '';
      for (const cluster of segment.match(CLUSTERS) ?? []) joined += clusterChangesFor(cluster, form, dest);
      // A composition across clusters (none is known, see COMPOSING_NON_MARKS): the whole text is aligned at once.
      if (joined !== norm) { normalizeWhole(n, form); return; }
      edits.push({ start, end, dest });
    }
    i = end;
    while (i < s.length && s.charCodeAt(i) < 0x80) i++;
  }
  if (edits.length === 0) return;
  const out = new AlignedBuilder(n);
  let at = 0;
  for (const { start, end, dest } of edits) {
    for (; at < start; at++) out.push(s.charCodeAt(at), at);
    pushChanges(out, s, start, dest);
    at = end;
  }
  for (; at < s.length; at++) out.push(s.charCodeAt(at), at);
  out.apply();
}

/**
 * `transformRange` from unit `from` of `s` with the changes `dest`, into `out`: a change <= 0 replaces the next
 * character (aligned with its first unit) and drops -change more; a change > 0 is inserted, aligned with the unit
 * before (none, -1, at the very start).
 */
function pushChanges(out: AlignedBuilder, s: string, from: number, dest: readonly CharChange[]): void {
  let pos = from;
  for (const [c, change] of dest) {
    let source: number;
    if (change > 0) source = pos - 1;
    else {
      source = pos;
      pos += charLen(s, pos);
      for (let k = 0; k < -change; k++) pos += charLen(s, pos);
    }
    out.pushString(c, source);
  }
}

/** The whole text's changes in one piece: clusters when they join up, else the text as one cluster. */
function normalizeWhole(n: NormalizedString, form: NormalizationForm): void {
  const whole = n.s.normalize(form);
  if (whole === n.s) return;
  const dest: CharChange[] = [];
  let joined = '';
  for (const cluster of n.s.match(CLUSTERS) ?? []) joined += clusterChangesFor(cluster, form, dest);
  if (joined !== whole) {
    dest.length = 0;
    clusterChanges(Array.from(n.s), Array.from(whole), dest);
  }
  n.transform(dest);
}

/**
 * The changes that normalize one cluster (a non-mark and the marks after it, or leading marks), appended to `dest`;
 * returns the cluster's normalized text.
 */
export function clusterChangesFor(cluster: string, form: NormalizationForm, dest: CharChange[]): string {
  const norm = cluster.normalize(form);
  if (norm === cluster) { for (const c of cluster) dest.push([c, 0]); return norm; }
  const aligned = alignCluster(cluster, form);
  if (aligned && aligned.map(([c]) => c).join('') === norm) dest.push(...aligned);
  else clusterChanges(Array.from(cluster), Array.from(norm), dest);
  return norm;
}

/** Decompose then compose one cluster, counting for every output character the original characters it consumes. */
function alignCluster(cluster: string, form: NormalizationForm): CharChange[] | null {
  const decompose = form === 'NFC' || form === 'NFD' ? 'NFD' : 'NFKD';
  const out: Array<{ c: string; consumed: number }> = [];
  for (const ch of cluster) {
    let first = true;
    for (const piece of ch.normalize(decompose)) { out.push({ c: piece, consumed: first ? 1 : 0 }); first = false; }
  }
  reorderMarks(out);
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

/**
 * Canonical ordering as Rust's alignment crate does it: a stable sort of each run of non-starters by combining
 * class, every piece keeping what it consumes as it moves (its change then applies where it lands, as
 * `transform` reads changes in order). JavaScript exposes no combining classes, so adjacent pieces are compared
 * by whether NFD swaps them: it does exactly when both are non-starters and the first has the higher class.
 */
function reorderMarks(pieces: Array<{ c: string; consumed: number }>): void {
  for (let i = 1; i < pieces.length; i++) {
    for (let j = i; j > 0 && swapsInNfd(pieces[j - 1]!.c, pieces[j]!.c); j--) {
      const t = pieces[j]!;
      pieces[j] = pieces[j - 1]!;
      pieces[j - 1] = t;
    }
  }
}

function swapsInNfd(x: string, y: string): boolean {
  return x !== y && (x + y).normalize('NFD') === y + x;
}

function clusterChanges(from: string[], to: string[], dest: CharChange[]): void {
  const common = Math.min(from.length, to.length);
  for (let i = 0; i < to.length; i++) {
    if (i < common - 1 || (i === common - 1 && to.length >= from.length)) dest.push([to[i]!, 0]);
    else if (i === common - 1) dest.push([to[i]!, -(from.length - to.length)]);
    else dest.push([to[i]!, 1]);
  }
}
