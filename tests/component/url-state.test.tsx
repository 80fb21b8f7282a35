// Unit tests for src/lib/url-state.ts (kept under tests/component/ by the folder split of this task).
import { describe, expect, it } from 'vitest';
import { MAX_URL_TEXT_LENGTH, parseUrlState, writeUrlState } from '../../src/lib/url-state';

describe('url state', () => {
  it('parses view, tokenizer and text, ignoring unknown views', () => {
    expect(parseUrlState('?view=tokens&tokenizer=gpt2&text=a%20b%2Bc')).toEqual({ view: 'tokens', tokenizer: 'gpt2', text: 'a b+c' });
    expect(parseUrlState('?text=1+%2B+1')).toEqual({ text: '1 + 1' });
    expect(parseUrlState('?view=nope&tokenizer=')).toEqual({});
    expect(parseUrlState('?text=')).toEqual({ text: '' });
  });

  it('round-trips hard text and keeps foreign parameters', () => {
    const text = 'a+b=c & d#1 100% ✓ 🙂 中文\n  next';
    const search = writeUrlState('?utm=x', { view: 'compare', tokenizer: 'qwen3', text });
    expect(parseUrlState(search)).toEqual({ view: 'compare', tokenizer: 'qwen3', text });
    expect(new URLSearchParams(search).get('utm')).toBe('x');
  });

  it('drops a text too long for a URL instead of truncating it', () => {
    const search = writeUrlState('?text=old', { view: 'tokens', text: 'x'.repeat(MAX_URL_TEXT_LENGTH + 1) });
    expect(parseUrlState(search)).toEqual({ view: 'tokens' });
  });
});
