import type { GgufModelInfo } from '../../core/model/gguf-tokenizer';
import type { ModelConfigJson, TokenizerConfigJson, TokenizerJson } from '../../core/tokens/tokenizer-json';
import type { TokenizerOrigin } from '../protocol';

/** The files of one tokenizer, parsed, whatever they came from. */
export interface TokenizerFiles {
  json: TokenizerJson;
  config: TokenizerConfigJson | null;
  modelConfig: ModelConfigJson | null;
  chatTemplateFile: string | null;
  gguf: GgufModelInfo | null;
  origin: TokenizerOrigin;
  /** Called once the tokenizer was built from these files (the Hub caches them only then). */
  persist?: () => Promise<void>;
}
