import type { TokenizerConfigJson, TokenizerJson } from '../../core/tokens/tokenizer-json';
import { tokenizerFileUrl, type LoadProgress } from '../protocol';
import { LoadError, parseJsonFile, readBody } from '../read-body';
import type { TokenizerFiles } from './types';

/** The offline tokenizers under `public/tokenizers/<id>/`. */
export async function loadBundled(tokenizerId: string, baseUrl: string, signal: AbortSignal, onProgress: (p: LoadProgress) => void): Promise<TokenizerFiles> {
  const get = async (file: 'tokenizer.json' | 'tokenizer_config.json', progress?: (p: LoadProgress) => void): Promise<string | null> => {
    const url = tokenizerFileUrl(baseUrl, tokenizerId, file);
    const response = await fetch(url, { signal });
    // Some tokenizers ship no tokenizer_config.json; the tokenizer still works, it just has no roles or context length.
    if (response.status === 404 && file === 'tokenizer_config.json') return null;
    if (response.status === 404) throw new LoadError(`Tokenizer "${tokenizerId}" is not bundled with this app (${url}: HTTP 404)`, 'not-found');
    if (!response.ok) throw new LoadError(`Could not fetch ${url}: HTTP ${response.status}`, 'http');
    const bytes = await readBody(response, (loaded, total) => progress?.({ loaded, total }));
    return new TextDecoder().decode(bytes);
  };
  const [jsonText, configText] = await Promise.all([get('tokenizer.json', onProgress), get('tokenizer_config.json')]);
  const where = `the bundled "${tokenizerId}"`;
  return {
    json: parseJsonFile<TokenizerJson>(jsonText!, 'tokenizer.json', where),
    config: configText == null ? null : parseJsonFile<TokenizerConfigJson>(configText, 'tokenizer_config.json', where),
    modelConfig: null,
    chatTemplateFile: null,
    gguf: null,
    origin: { kind: 'bundled', label: tokenizerId, files: configText == null ? ['tokenizer.json'] : ['tokenizer.json', 'tokenizer_config.json'] },
  };
}
