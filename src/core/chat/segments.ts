/**
 * Split a chat render into segments (system, tools, history, generation prompt) for per-segment token counts.
 *
 * Method (template-agnostic, it only renders): 
 * 1. Render the full conversation (R). For k = 1..n render the prefix messages[:k] with
 *    add_generation_prompt=false; the longest common prefix of that render with R marks where message k-1
 *    ends in R (kept monotone). Text after the last message boundary is the generation prompt (or the
 *    trailing template text when add_generation_prompt is off).
 * 2. When tools are passed, render R again without tools: the text between the longest common prefix and the
 *    longest common suffix of the two renders is the tool block, carved out of whatever segment holds it.
 * Messages with role 'system' before the first other message form the system segment; the rest is history.
 * Templates that print a message differently once it is no longer last (Qwen3 drops old reasoning) still split
 * at the right place, because only the common prefix is used. A prefix render that raises (a template that
 * needs a user message) leaves that boundary unknown: it merges into the next segment.
 */
import { type RenderChatOptions, renderChat } from './render';
import { commonPrefix, commonSuffix } from '../text/text-edit';

export type SegmentKind = 'system' | 'tools' | 'history' | 'generation';

export interface Segment {
  kind: SegmentKind;
  /** UTF-16 offsets into `text`. */
  start: number;
  end: number;
  /** Index of the message this segment renders (system/history). */
  messageIndex?: number;
}

export interface SegmentedRender { text: string; segments: Segment[] }

export function segmentChat(options: RenderChatOptions): SegmentedRender {
  const text = renderChat(options).text;
  const n = options.messages.length;
  const bounds: number[] = [];
  let prev = 0;
  for (let k = 1; k <= n; k++) {
    let b = prev;
    if (k === n && !options.addGenerationPrompt && !options.continueFinalMessage) b = text.length;
    else {
      try {
        const prefix = renderChat({ ...options, messages: options.messages.slice(0, k), addGenerationPrompt: false, continueFinalMessage: k === n && options.continueFinalMessage }).text;
        b = Math.max(prev, commonPrefix(prefix, text));
      } catch {
        b = prev;
      }
    }
    bounds.push(b);
    prev = b;
  }
  const firstNonSystem = options.messages.findIndex((m) => m.role !== 'system');
  const raw: Segment[] = [];
  let start = 0;
  bounds.forEach((end, i) => {
    const kind: SegmentKind = firstNonSystem === -1 || i < firstNonSystem ? 'system' : 'history';
    raw.push({ kind, start, end, messageIndex: i });
    start = end;
  });
  if (start < text.length) raw.push({ kind: 'generation', start, end: text.length });

  let segments = raw;
  if (options.tools != null && options.tools.length > 0) {
    try {
      const without = renderChat({ ...options, tools: null }).text;
      const p = commonPrefix(text, without);
      const s = commonSuffix(text, without, Math.min(text.length, without.length) - p);
      if (text.length - s > p) segments = carve(raw, p, text.length - s);
    } catch {
      // the template needs tools to render: no separate tool block
    }
  }
  return { text, segments: segments.filter((s) => s.end > s.start) };
}

/** Replace [from, to) inside the segments by a 'tools' segment. */
function carve(segments: Segment[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let placed = false;
  for (const s of segments) {
    if (s.end <= from || s.start >= to) {
      if (!placed && s.start >= to) { out.push({ kind: 'tools', start: from, end: to }); placed = true; }
      out.push(s);
      continue;
    }
    if (s.start < from) out.push({ ...s, end: from });
    if (!placed) { out.push({ kind: 'tools', start: from, end: to }); placed = true; }
    if (s.end > to) out.push({ ...s, start: to });
  }
  if (!placed) out.push({ kind: 'tools', start: from, end: to });
  return out;
}
