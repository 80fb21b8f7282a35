/**
 * Vocabulary search by substring or id. One linear scan over plain string arrays: about 5 ms for 262k entries,
 * so no index is worth its memory. Matches the raw token (`Ġworld`) and its readable form (` world`).
 */
export interface VocabEntry {
  id: number;
  token: string;
  /** The text the token stands for (bytes decoded; may contain U+FFFD for partial characters). */
  text: string;
  special: boolean;
}

export interface VocabSearchResult {
  entries: VocabEntry[];
  /** Matches found in total (entries is capped). */
  total: number;
}

export interface VocabTable {
  tokens: ReadonlyArray<string | undefined>;
  texts: ReadonlyArray<string | undefined>;
  special: ReadonlySet<number>;
}

export function searchVocab(table: VocabTable, query: string, limit = 200): VocabSearchResult {
  const q = query;
  if (q === '') return { entries: [], total: 0 };
  const entries: VocabEntry[] = [];
  const seen = new Set<number>();
  const push = (id: number) => {
    const token = table.tokens[id];
    if (token === undefined || seen.has(id)) return;
    seen.add(id);
    entries.push({ id, token, text: table.texts[id] ?? token, special: table.special.has(id) });
  };
  // A number is an id first, then also a substring (tokens like "2024").
  if (/^\s*\d+\s*$/.test(q)) push(Number(q.trim()));
  let total = entries.length;
  const lower = q.toLowerCase();
  for (let id = 0; id < table.tokens.length; id++) {
    const token = table.tokens[id];
    if (token === undefined || seen.has(id)) continue;
    const text = table.texts[id] ?? '';
    if (token.toLowerCase().includes(lower) || text.toLowerCase().includes(lower)) {
      total++;
      if (entries.length < limit) push(id);
    }
  }
  // Exact matches first, then shorter tokens: what a person searching for "the" wants to see.
  entries.sort((a, b) => rank(a, q) - rank(b, q) || a.token.length - b.token.length || a.id - b.id);
  return { entries, total };
}

function rank(e: VocabEntry, q: string): number {
  if (String(e.id) === q.trim()) return 0;
  if (e.token === q || e.text === q) return 1;
  if (e.text.trim() === q.trim()) return 2;
  return 3;
}
