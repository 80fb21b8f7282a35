/** `/tokenizers/manifest.json`: the bundled offline tokenizers, written by `scripts/`. */
export interface ManifestEntry {
  id: string;
  name: string;
  family: string;
  modelType: string;
  vocabSize: number;
  hasChatTemplate: boolean;
  license: string;
  source: string;
  files: ManifestFile[];
}

export interface ManifestFile {
  name: string;
  bytes: number | null;
}

export interface Manifest {
  tokenizers: ManifestEntry[];
}

export async function fetchManifest(baseUrl: string): Promise<Manifest> {
  const url = new URL('tokenizers/manifest.json', baseUrl).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the tokenizer list (${url}: HTTP ${response.status})`);
  return parseManifest(await response.json());
}

function parseFile(raw: unknown): ManifestFile[] {
  if (typeof raw === 'string') return [{ name: raw, bytes: null }];
  const file = raw as { name?: unknown; bytes?: unknown } | null;
  if (!file || typeof file.name !== 'string') return [];
  return [{ name: file.name, bytes: typeof file.bytes === 'number' ? file.bytes : null }];
}

/** Keeps only entries with a usable id, so one malformed entry does not take down the picker. */
export function parseManifest(raw: unknown): Manifest {
  const list = (raw as { tokenizers?: unknown } | null)?.tokenizers;
  if (!Array.isArray(list)) throw new Error('manifest.json has no "tokenizers" list');
  const tokenizers: ManifestEntry[] = [];
  for (const item of list as Array<Partial<ManifestEntry> | null>) {
    if (!item || typeof item.id !== 'string' || item.id === '') continue;
    tokenizers.push({
      id: item.id,
      name: typeof item.name === 'string' && item.name ? item.name : item.id,
      family: typeof item.family === 'string' ? item.family : '',
      modelType: typeof item.modelType === 'string' ? item.modelType : '',
      vocabSize: typeof item.vocabSize === 'number' ? item.vocabSize : 0,
      hasChatTemplate: item.hasChatTemplate === true,
      license: typeof item.license === 'string' ? item.license : '',
      source: typeof item.source === 'string' ? item.source : '',
      files: Array.isArray(item.files) ? item.files.flatMap(parseFile) : [],
    });
  }
  return { tokenizers };
}
