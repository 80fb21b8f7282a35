import { beforeEach, describe, expect, it } from 'vitest';
import { applyCompareUrl, DEFAULT_COMPARE_IDS, MAX_PANES, useCompareStore } from '../../src/features/compare/store';
import { parseTokenizerList, parseUrlState, withTokenizers, writeUrlState } from '../../src/lib/url-state';

describe('?tokenizers= in the URL', () => {
  it('parses a comma list: trimmed, no blanks, no repeats', () => {
    expect(parseUrlState('?view=compare&tokenizers=gpt2,%20llama3_1,,gpt2&text=hi')).toEqual({ view: 'compare', tokenizers: ['gpt2', 'llama3_1'], text: 'hi' });
    expect(parseTokenizerList('')).toEqual([]);
    expect(parseTokenizerList(null)).toEqual([]);
    expect(parseUrlState('?tokenizers=')).toEqual({});
  });

  it('is kept by writers that do not know it, and written when given', () => {
    const search = '?view=compare&tokenizers=gpt2%2Cqwen3&text=a';
    expect(parseUrlState(writeUrlState(search, { view: 'compare', tokenizer: 'gpt2', text: 'b' })).tokenizers).toEqual(['gpt2', 'qwen3']);
    expect(parseUrlState(writeUrlState(search, { tokenizers: ['bert-base-uncased', 'gpt2'] })).tokenizers).toEqual(['bert-base-uncased', 'gpt2']);
  });

  it('withTokenizers touches nothing else', () => {
    const out = withTokenizers('?view=compare&text=a%2Bb&utm=x', ['gpt2', 'qwen3']);
    expect(new URLSearchParams(out).get('tokenizers')).toBe('gpt2,qwen3');
    expect(parseUrlState(out)).toEqual({ view: 'compare', text: 'a+b', tokenizers: ['gpt2', 'qwen3'] });
    expect(new URLSearchParams(out).get('utm')).toBe('x');
    expect(withTokenizers('?tokenizers=a,b', [])).toBe('');
  });
});

describe('compare store', () => {
  beforeEach(() => useCompareStore.setState(useCompareStore.getInitialState(), true));

  it('opens the linked tokenizers, padded to two and capped at six', () => {
    applyCompareUrl('?tokenizers=qwen3,bert-base-uncased,llama2');
    expect(useCompareStore.getState().tokenizerIds).toEqual(['qwen3', 'bert-base-uncased', 'llama2']);
    applyCompareUrl('?tokenizers=qwen3');
    expect(useCompareStore.getState().tokenizerIds).toEqual(['qwen3', DEFAULT_COMPARE_IDS[0]]);
    applyCompareUrl('?tokenizers=a,b,c,d,e,f,g,h');
    expect(useCompareStore.getState().tokenizerIds).toHaveLength(MAX_PANES);
    applyCompareUrl('?view=compare');
    expect(useCompareStore.getState().tokenizerIds).toHaveLength(MAX_PANES);
  });

  it('adds, replaces and removes panes within 2..6, one pane per tokenizer', () => {
    const s = () => useCompareStore.getState();
    s().setTokenizerIds(['gpt2', 'qwen3']);
    s().removePane(0);
    expect(s().tokenizerIds).toEqual(['gpt2', 'qwen3']);
    s().addPane('qwen3');
    expect(s().tokenizerIds).toEqual(['gpt2', 'qwen3']);
    s().setParityTarget('qwen3');
    s().setPane(1, 'llama2');
    expect(s().tokenizerIds).toEqual(['gpt2', 'llama2']);
    expect(s().parityTarget).toBe('llama2');
    s().setPane(1, 'gpt2');
    expect(s().tokenizerIds).toEqual(['gpt2', 'llama2']);
    for (const id of ['a', 'b', 'c', 'd', 'e']) s().addPane(id);
    expect(s().tokenizerIds).toEqual(['gpt2', 'llama2', 'a', 'b', 'c', 'd']);
  });

  it('sorts by a column, toggling the direction on a second click', () => {
    const s = () => useCompareStore.getState();
    s().sortBy('tokens');
    expect([s().sortKey, s().sortDirection]).toEqual(['tokens', 'asc']);
    s().sortBy('tokens');
    expect(s().sortDirection).toBe('desc');
    s().sortBy('vocabSize');
    expect([s().sortKey, s().sortDirection]).toEqual(['vocabSize', 'asc']);
  });
});
