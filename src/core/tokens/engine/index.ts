// Public surface of the tokenizer engine.
export { createTokenizer, type Tokenizer, type BatchOptions } from './tokenizer';
export { resolveModelType } from './models';
export type { ChunkReuse, SpanArrays, SpanArraysFor, TokenArrays } from './chunked';
