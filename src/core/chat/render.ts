/**
 * Render a chat template exactly as transformers' `apply_chat_template(..., tokenize=False)`.
 *
 * Environment: ImmutableSandboxedEnvironment(trim_blocks, lstrip_blocks, loopcontrols) with globals
 * `raise_exception` and `strftime_now`, and `tojson` = json.dumps(ensure_ascii=False, …). The context is
 * `messages`, `tools` (None when absent), `documents` (None), `add_generation_prompt`, the special tokens,
 * then the caller's extra variables (which override special tokens, as `{**special_tokens_map, **kwargs}`).
 * Python-semantics fixes over @huggingface/jinja live in interpreter.ts and py-*.ts; DIVERGENCES.md lists
 * what still differs.
 *
 * Guards: output over `limits.maxOutputChars` (10 MB), more than `maxSteps` evaluations, or nesting deeper than
 * `maxDepth` throw kind 'limit'. A template can still spend a long time inside one step (e.g. sorting a
 * huge list), so the worker running this must also enforce a wall-clock timeout by terminating itself.
 */
import { Environment } from '@huggingface/jinja';
import { compileTemplate } from './compile';
import { ChatTemplateError } from './errors';
import { DEFAULT_LIMITS, LimitError, type Limits, PyInterpreter } from './interpreter';
import { PyError, pyStr } from './py-format';
import { pyStrip } from './py-methods';
import { type Value, dict, fn, fromJs, isDict, isInt, isStr, list, int, splitArgs, str } from './py-values';
import type { SpecialTokens } from './special-tokens';
import { type Clock, strftime } from './strftime';
import { type ChatTemplateSource, selectChatTemplate } from './template-select';

export interface ChatMessage {
  role: string;
  content?: unknown;
  [key: string]: unknown;
}

export interface RenderChatOptions {
  template: ChatTemplateSource;
  /** Name of a template in a named list (`tool_use`, `rag`); default: transformers' choice. */
  templateName?: string | null;
  messages: readonly ChatMessage[];
  tools?: readonly unknown[] | null;
  documents?: readonly unknown[] | null;
  addGenerationPrompt: boolean;
  continueFinalMessage?: boolean;
  specialTokens: SpecialTokens;
  /** Extra template kwargs (`enable_thinking`, `date_string`, …). */
  extraVariables?: Readonly<Record<string, unknown>>;
  /** The clock `strftime_now` reads; default: the real clock. */
  now?: Date;
  /** Which wall clock `now` is formatted in: 'local' (Python's datetime.now()) or 'utc'. */
  clock?: Clock;
  limits?: Partial<Limits>;
}

export interface RenderChatResult {
  text: string;
  /** Name of the chosen template when the source is a named list. */
  templateName: string | null;
  /** Variables that resolved to Undefined while rendering (not counting `is defined` / `|default` probes). */
  undefinedNames: string[];
  /** Whether the template called strftime_now (its output depends on today's date). */
  usedStrftime: boolean;
}

/** transformers appends this to the final message, renders, and cuts the output at its last occurrence. */
const CONTINUE_TAG = 'CONTINUE_FINAL_MESSAGE_TAG ';

class RaiseSignal extends Error {}

export function renderChat(opts: RenderChatOptions): RenderChatResult {
  const { template, name } = selectChatTemplate(opts.template, { name: opts.templateName, hasTools: opts.tools != null });
  if (opts.continueFinalMessage && opts.addGenerationPrompt) {
    throw new ChatTemplateError('continue_final_message and add_generation_prompt are not compatible. Use continue_final_message when you want the model to continue the final message, and add_generation_prompt when you want to add a header that will prompt it to start a new assistant message instead.', 'runtime');
  }
  let messages: unknown = opts.messages;
  let finalText = '';
  if (opts.continueFinalMessage) [messages, finalText] = tagFinalMessage(opts.messages);
  const context: Record<string, unknown> = {
    ...opts.specialTokens,
    ...opts.extraVariables,
    messages,
    tools: opts.tools ?? null,
    documents: opts.documents ?? null,
    add_generation_prompt: opts.addGenerationPrompt,
  };
  const out = renderTemplate({ template, context, now: opts.now, clock: opts.clock, limits: opts.limits });
  const text = opts.continueFinalMessage ? cutAtFinalMessage(out.text, finalText) : out.text;
  return { ...out, text, templateName: name };
}

export interface RenderTemplateOptions {
  template: string;
  /** Every template variable, as Python's `template.render(**context)` receives them. */
  context: Readonly<Record<string, unknown>>;
  now?: Date;
  clock?: Clock;
  limits?: Partial<Limits>;
}

/** Render one template string with an arbitrary context in transformers' environment (no chat conventions). */
export function renderTemplate(opts: RenderTemplateOptions): Omit<RenderChatResult, 'templateName'> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const { program } = compileTemplate(opts.template);
  const state = { usedStrftime: false };
  const env = makeEnvironment(opts, limits, state);
  for (const [k, v] of Object.entries(opts.context)) {
    if (env.variables.has(k)) env.variables.delete(k);
    env.variables.set(k, fromJs(v) as never);
  }
  const interp = new PyInterpreter(env, limits);
  let text: string;
  try {
    text = (interp.run(program) as unknown as { value: string }).value;
  } catch (e) {
    throw toChatError(e);
  }
  if (text.length > limits.maxOutputChars) throw new ChatTemplateError(`the output exceeds ${limits.maxOutputChars} characters`, 'limit');
  return { text, undefinedNames: [...interp.undefinedNames].sort(), usedStrftime: state.usedStrftime };
}

/** Globals of transformers' environment: Jinja2's (range, dict, namespace, True/False/None) plus its two. */
function makeEnvironment(opts: RenderTemplateOptions, limits: Limits, state: { usedStrftime: boolean }): Environment {
  const env = new Environment();
  for (const [k, v] of Object.entries({ true: true, false: false, none: null, True: true, False: false, None: null })) env.set(k, v);
  const setValue = (k: string, v: Value): void => void env.variables.set(k, v as never);
  setValue('raise_exception', fn((args) => {
    throw new RaiseSignal(pyStr(splitArgs(args)[0][0] ?? str('')));
  }));
  setValue('strftime_now', fn((args) => {
    state.usedStrftime = true;
    const f = splitArgs(args)[0][0];
    if (!f || !isStr(f)) throw new PyError('TypeError: strftime_now() argument must be str');
    return str(strftime(opts.now ?? new Date(), f.value, opts.clock ?? 'local'));
  }));
  setValue('range', fn((args) => pyRange(splitArgs(args)[0], limits.maxSteps)));
  setValue('dict', fn((args) => {
    const [pos, kw] = splitArgs(args);
    const first = pos[0];
    const m = new Map<string, Value>(first && isDict(first) ? first.value : []);
    for (const [k, v] of kw) m.set(k, v);
    return dict(m);
  }));
  return env;
}

function toChatError(e: unknown): ChatTemplateError {
  if (e instanceof ChatTemplateError) return e;
  if (e instanceof RaiseSignal) return new ChatTemplateError(e.message, 'raise');
  if (e instanceof LimitError) return new ChatTemplateError(e.message, 'limit');
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new ChatTemplateError('the template recursed too deeply', 'limit');
  return new ChatTemplateError(e instanceof Error ? e.message : String(e), 'runtime');
}

function pyRange(args: Value[], maxLen: number): Value {
  const n = args.map((a) => {
    if (!isInt(a)) throw new PyError('TypeError: range() arguments must be integers');
    return a.value;
  });
  const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0] ?? 0, n[1] ?? 0, n[2] ?? 1];
  if (step === 0) throw new PyError('ValueError: range() arg 3 must not be zero');
  const len = Math.max(0, Math.ceil((stop - start) / step));
  if (len > maxLen) throw new LimitError(`range() of ${len} items exceeds the step limit`);
  return list(Array.from({ length: len }, (_, i) => int(start + i * step)));
}

/** transformers' continue_final_message: tag the last text of the final message (deep copy). */
function tagFinalMessage(messages: readonly ChatMessage[]): [ChatMessage[], string] {
  const copy = structuredClone(messages) as ChatMessage[];
  const last = copy.at(-1);
  const content = last?.content;
  if (!last || content == null) throw new ChatTemplateError('continue_final_message is set but the final message has no content to continue!', 'runtime');
  if (Array.isArray(content)) {
    for (let i = content.length - 1; i >= 0; i--) {
      const block = content[i] as Record<string, unknown> | null;
      if (block && typeof block === 'object' && 'text' in block) {
        const text = String(block.text);
        block.text = text + CONTINUE_TAG;
        return [copy, text];
      }
    }
    throw new ChatTemplateError('continue_final_message is set but we could not find any text to continue in the final message!', 'runtime');
  }
  const text = String(content);
  last.content = text + CONTINUE_TAG;
  return [copy, text];
}

function cutAtFinalMessage(rendered: string, finalText: string): string {
  const tag = CONTINUE_TAG.trim();
  if (!rendered.includes(pyTrim(finalText)) || !rendered.includes(tag)) {
    throw new ChatTemplateError('continue_final_message is set but the final message does not appear in the chat after applying the chat template! This can happen if the chat template deletes portions of the final message.', 'runtime');
  }
  const at = rendered.lastIndexOf(tag);
  if (rendered.slice(at, at + CONTINUE_TAG.length) === CONTINUE_TAG) return rendered.slice(0, at);
  return pyTrimEnd(rendered.slice(0, at));
}

const pyTrim = (s: string): string => pyStrip(s, null, true, true);
const pyTrimEnd = (s: string): string => pyStrip(s, null, false, true);
