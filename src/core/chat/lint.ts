/**
 * Lints for a chat render: mistakes that silently change what the model sees.
 *
 * - double-bos: the text starts with bos_token and the tokenizer's post-processor adds BOS again when the
 *   prompt is encoded with special tokens (Llama 3, DeepSeek, Gemma): encode with add_special_tokens=false.
 * - missing-generation-prompt: add_generation_prompt is off and the last message is from the user, so the
 *   model is not cued to answer.
 * - system-role-rejected: the template raised while a system message is present and renders without it
 *   (Gemma, Mistral v0.x).
 * - prints-date: the template prints today's date (strftime_now / date_string), so the prompt changes daily.
 * - undefined-variables: variables the template read that were not provided (Jinja2 renders them empty).
 */
import { ChatTemplateError } from './errors';
import { type RenderChatOptions, type RenderChatResult, renderChat } from './render';
import { type ChatTemplateSource, selectChatTemplate } from './template-select';

export type LintCode = 'double-bos' | 'missing-generation-prompt' | 'system-role-rejected' | 'prints-date' | 'undefined-variables';

export interface Lint {
  code: LintCode;
  severity: 'warning' | 'info';
  message: string;
}

export interface LintInput {
  options: RenderChatOptions;
  /** The outcome of renderChat(options): its result, or the error it threw. */
  outcome: RenderChatResult | ChatTemplateError;
  /** Whether encoding the rendered text with special tokens prepends BOS (the tokenizer's post-processor). */
  tokenizerAddsBos: boolean;
}

/** Variables the "undefined" lint ignores: transformers passes them, or templates probe them on purpose. */
const EXPECTED_UNDEFINED = new Set(['tools', 'documents', 'bos_token', 'eos_token', 'unk_token', 'pad_token', 'sep_token', 'cls_token', 'mask_token']);

export function lintChat(input: LintInput): Lint[] {
  const { options, outcome } = input;
  const lints: Lint[] = [];
  const bos = options.specialTokens.bos_token;
  if (!(outcome instanceof ChatTemplateError)) {
    if (typeof bos === 'string' && bos !== '' && input.tokenizerAddsBos && outcome.text.startsWith(bos)) {
      lints.push({ code: 'double-bos', severity: 'warning', message: `The rendered text starts with ${bos} and the tokenizer adds BOS again when encoding with special tokens: encode it with add_special_tokens=false.` });
    }
    if (outcome.usedStrftime || templateMentionsDate(options.template, options)) {
      lints.push({ code: 'prints-date', severity: 'info', message: "The template prints today's date (strftime_now / date_string), so the same conversation renders differently on another day." });
    }
    const unknown = outcome.undefinedNames.filter((n) => !EXPECTED_UNDEFINED.has(n));
    if (unknown.length) {
      lints.push({ code: 'undefined-variables', severity: 'info', message: `The template used variables that were not provided and rendered empty: ${unknown.join(', ')}.` });
    }
  }
  const last = options.messages.at(-1);
  if (!options.addGenerationPrompt && !options.continueFinalMessage && last?.role === 'user') {
    lints.push({ code: 'missing-generation-prompt', severity: 'warning', message: 'add_generation_prompt is off and the last message is from the user: the prompt does not cue the assistant to answer.' });
  }
  if (outcome instanceof ChatTemplateError && outcome.kind === 'raise' && options.messages.some((m) => m.role === 'system')) {
    const withoutSystem = options.messages.filter((m) => m.role !== 'system');
    try {
      renderChat({ ...options, messages: withoutSystem });
      lints.push({ code: 'system-role-rejected', severity: 'warning', message: `The template rejects system messages ("${outcome.message}"): put the instructions in the first user message instead.` });
    } catch {
      // fails without the system message too: the error is about something else
    }
  }
  return lints;
}

function templateMentionsDate(source: ChatTemplateSource, options: RenderChatOptions): boolean {
  try {
    const { template } = selectChatTemplate(source, { name: options.templateName, hasTools: options.tools != null });
    return /\bstrftime_now\b|\bdate_string\b/.test(template);
  } catch {
    return false;
  }
}
