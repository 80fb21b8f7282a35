/** Tokens per segment (system, tools, history, generation prompt): a token belongs to the segment it starts in. */
import type { Segment, SegmentKind } from '../../core/chat';

export const SEGMENT_KINDS: readonly SegmentKind[] = ['system', 'tools', 'history', 'generation'];

export const SEGMENT_LABELS: Record<SegmentKind, string> = { system: 'System', tools: 'Tools', history: 'History', generation: 'Generation prompt' };

export function tokensPerSegment(segments: readonly Segment[], starts: Int32Array): Record<SegmentKind, number> {
  const out: Record<SegmentKind, number> = { system: 0, tools: 0, history: 0, generation: 0 };
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  let s = 0;
  for (const start of starts) {
    while (s < sorted.length - 1 && start >= sorted[s]!.end) s++;
    const seg = sorted[s];
    if (seg) out[seg.kind]++;
  }
  return out;
}
