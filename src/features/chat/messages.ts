/** Parsing the JSON fields of the chat studio: messages, tools, documents and extra template variables. */
import type { ChatMessage } from '../../core/chat';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A list of objects, each with a string `role`; anything else a template may read is kept as it is. */
export function parseMessages(text: string): Parsed<ChatMessage[]> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (!Array.isArray(v)) return { ok: false, error: 'The messages must be a JSON list: [{"role": "user", "content": "…"}, …]' };
  for (const [i, m] of v.entries()) {
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return { ok: false, error: `Message ${i + 1} is not an object` };
    if (typeof (m as { role?: unknown }).role !== 'string') return { ok: false, error: `Message ${i + 1} has no "role" string` };
  }
  return { ok: true, value: v as ChatMessage[] };
}

/** Empty text = not set (the template sees None); otherwise a JSON list. */
export function parseList(text: string, what: string): Parsed<unknown[] | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (!Array.isArray(parsed.value)) return { ok: false, error: `${what} must be a JSON list` };
  return { ok: true, value: parsed.value };
}

/** Empty text = no extra variables; otherwise a JSON object of name → value. */
export function parseVariables(text: string): Parsed<Record<string, unknown>> {
  if (text.trim() === '') return { ok: true, value: {} };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, error: 'Extra variables must be a JSON object, e.g. {"enable_thinking": false}' };
  return { ok: true, value: v as Record<string, unknown> };
}

export const formatJson = (value: unknown): string => JSON.stringify(value, null, 2);

/** Text content of a message as a form shows it (structured content is edited in the JSON view). */
export function contentText(m: ChatMessage): string | null {
  if (m.content == null) return '';
  return typeof m.content === 'string' ? m.content : null;
}
