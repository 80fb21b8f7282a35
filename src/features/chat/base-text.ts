/**
 * What a base (pre-trained only) model gets for a conversation: there is no template, so the application writes
 * a plain transcript and lets the model continue it. This "User:/Assistant:" layout is one common convention,
 * not a standard; the model has never seen special turn markers.
 */
import type { ChatMessage } from '../../core/chat';
import { contentText } from './messages';

const LABEL: Record<string, string> = { system: '', user: 'User: ', assistant: 'Assistant: ', tool: 'Tool result: ' };

export function baseTranscript(messages: readonly ChatMessage[], addGenerationPrompt: boolean): string {
  const parts = messages.map((m) => {
    const text = contentText(m) ?? JSON.stringify(m.content);
    const label = LABEL[m.role] ?? `${m.role[0]?.toUpperCase() ?? ''}${m.role.slice(1)}: `;
    return `${label}${text}`;
  });
  if (addGenerationPrompt) parts.push('Assistant:');
  return parts.join('\n\n');
}
