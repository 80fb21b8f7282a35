import type { ManifestEntry } from '../../../lib/manifest';

const nf = new Intl.NumberFormat('en-US');

export function entryLabel(entry: ManifestEntry): string {
  const vocab = entry.vocabSize ? ` · ${nf.format(entry.vocabSize)}` : '';
  return `${entry.name}${entry.modelType ? ` (${entry.modelType}${vocab})` : ''}`;
}

export function tokenizerName(entries: readonly ManifestEntry[], id: string): string {
  return entries.find((e) => e.id === id)?.name ?? id;
}

/**
 * `<option>`s grouped by family; option values are the tokenizer ids. Ids already in another pane are disabled
 * (one pane per tokenizer), and an id that is not in the list (from a link) is still shown as itself.
 */
export function TokenizerOptions({ entries, current, taken }: { entries: readonly ManifestEntry[]; current: string | null; taken: readonly string[] }) {
  const families = new Map<string, ManifestEntry[]>();
  for (const entry of entries) {
    const family = entry.family || 'Other';
    families.set(family, [...(families.get(family) ?? []), entry]);
  }
  const option = (entry: ManifestEntry) => (
    <option key={entry.id} value={entry.id} disabled={entry.id !== current && taken.includes(entry.id)}>
      {entryLabel(entry)}
    </option>
  );
  return (
    <>
      {current !== null && !entries.some((e) => e.id === current) && <option value={current}>{current}</option>}
      {families.size > 1
        ? [...families].map(([family, list]) => (
            <optgroup key={family} label={family}>
              {list.map(option)}
            </optgroup>
          ))
        : entries.map(option)}
    </>
  );
}
