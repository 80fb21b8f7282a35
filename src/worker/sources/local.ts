import { ggufToTokenizer } from '../../core/model/gguf-tokenizer';
import type { ModelConfigJson, TokenizerConfigJson, TokenizerJson } from '../../core/tokens/tokenizer-json';
import { LoadError, parseJsonFile } from '../read-body';
import { readGgufHeader } from './gguf-file';
import type { TokenizerFiles } from './types';

const KNOWN = ['tokenizer.json', 'tokenizer_config.json', 'config.json', 'chat_template.jinja'] as const;

function pathOf(file: File): string {
  return (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
}

/** For a folder, the shallowest file of each name wins (a repo's root over its `onnx/` or `original/` copies). */
function pick(files: File[], name: string): File | null {
  let best: File | null = null;
  for (const f of files) {
    if (f.name !== name) continue;
    if (!best || pathOf(f).split('/').length < pathOf(best).split('/').length) best = f;
  }
  return best;
}

/** tokenizer.json, optionally with tokenizer_config.json, config.json and chat_template.jinja (or a whole folder). */
export async function loadLocalFiles(name: string, files: File[]): Promise<TokenizerFiles> {
  const [tj, tc, mc, tpl] = KNOWN.map((n) => pick(files, n)) as [File | null, File | null, File | null, File | null];
  if (!tj) {
    const names = files.map((f) => f.name).slice(0, 12).join(', ');
    throw new LoadError(`No tokenizer.json among the chosen files (${names || 'none'}). Pick a tokenizer.json, a folder that holds one, or a .gguf file.`, 'no-tokenizer');
  }
  const where = `"${name}"`;
  const text = async (f: File | null) => (f ? f.text() : null);
  const [jsonText, configText, modelText, template] = await Promise.all([text(tj), text(tc), text(mc), text(tpl)]);
  return {
    json: parseJsonFile<TokenizerJson>(jsonText!, 'tokenizer.json', where),
    config: configText == null ? null : parseJsonFile<TokenizerConfigJson>(configText, 'tokenizer_config.json', where),
    modelConfig: modelText == null ? null : parseJsonFile<ModelConfigJson>(modelText, 'config.json', where),
    chatTemplateFile: template,
    gguf: null,
    origin: { kind: 'local', label: name, files: [tj, tc, mc, tpl].filter((f): f is File => f !== null).map(pathOf) },
  };
}

export async function loadGgufFile(file: File): Promise<TokenizerFiles> {
  try {
    const { metadata } = await readGgufHeader(file);
    const { json, config, info } = ggufToTokenizer(metadata);
    return { json, config, modelConfig: null, chatTemplateFile: null, gguf: info, origin: { kind: 'gguf', label: file.name, files: [file.name], gguf: info } };
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new LoadError(`${file.name}: ${message}`, /not supported/.test(message) ? 'unsupported' : 'malformed');
  }
}
