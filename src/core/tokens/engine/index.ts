// Public surface of the tokenizer engine.
export { createTokenizer, type Tokenizer } from './tokenizer';
export { resolveModelType } from './models';
