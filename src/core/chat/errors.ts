/**
 * The one error type the chat-template engine throws, so the UI can show where and why a render failed.
 *
 * kind: 'syntax'  the template does not compile (line/column point at the offending token);
 *       'raise'   the template called raise_exception(message) (transformers raises TemplateError);
 *       'runtime' evaluation failed (Python would raise TypeError/UndefinedError/…);
 *       'limit'   a guard stopped a hostile template (output size, steps, nesting).
 */
export type ChatTemplateErrorKind = 'syntax' | 'raise' | 'runtime' | 'limit';

export class ChatTemplateError extends Error {
  override readonly name = 'ChatTemplateError';
  constructor(
    message: string,
    readonly kind: ChatTemplateErrorKind,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}
