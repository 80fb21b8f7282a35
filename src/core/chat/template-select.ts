/**
 * Pick the template to render, as transformers' `get_chat_template` does.
 *
 * `tokenizer_config.json` holds either one template string or a list of `{name, template}` (e.g. Command-R's
 * `default`, `tool_use`, `rag`). With a list: an explicit name wins; otherwise `tool_use` when tools are
 * passed (transformers checks `tools is not None`, so an empty list counts) and it exists; otherwise
 * `default`; otherwise it is an error. One difference: transformers treats an unknown name as a literal
 * template string; here `templateName` is only a name, so an unknown one is an error listing the names.
 */
import type { ChatTemplateNamed } from '../tokens/tokenizer-json';
import { ChatTemplateError } from './errors';

export type ChatTemplateSource = string | ChatTemplateNamed[] | Readonly<Record<string, string>>;

export interface SelectedTemplate {
  template: string;
  /** The chosen name, or null for a single unnamed template. */
  name: string | null;
}

export function templateNames(source: ChatTemplateSource): string[] {
  if (typeof source === 'string') return [];
  return Array.isArray(source) ? source.map((t) => t.name) : Object.keys(source);
}

export function selectChatTemplate(source: ChatTemplateSource, opts: { name?: string | null; hasTools: boolean }): SelectedTemplate {
  if (typeof source === 'string') return { template: source, name: null };
  const named = new Map<string, string>(Array.isArray(source) ? source.map((t) => [t.name, t.template]) : Object.entries(source));
  const pick = (name: string): SelectedTemplate => ({ template: named.get(name)!, name });
  if (opts.name != null) {
    if (named.has(opts.name)) return pick(opts.name);
    throw new ChatTemplateError(`No chat template named '${opts.name}'. Available template names are ${JSON.stringify([...named.keys()].sort())}.`, 'runtime');
  }
  if (opts.hasTools && named.has('tool_use')) return pick('tool_use');
  if (named.has('default')) return pick('default');
  throw new ChatTemplateError(
    `This model has multiple chat templates with no default specified! Available template names are ${JSON.stringify([...named.keys()].sort())}.`,
    'runtime',
  );
}
