import { describe, expect, it } from 'vitest';
import { checkParity, parseIds } from '../../src/core/tokens/parity';
import type { TokenArrays } from '../../src/core/tokens/spans';

const ids = (input: string) => {
  const r = parseIds(input);
  return r.kind === 'ids' ? r.ids : r;
};

describe('parseIds', () => {
  it.each([
    ['[1, 2, 3]', [1, 2, 3]],
    ['1 2 3', [1, 2, 3]],
    ['1,2,3', [1, 2, 3]],
    ['  1\n2\t3  ', [1, 2, 3]],
    ['tensor([[1, 2, 3]])', [1, 2, 3]],
    ["tensor([[ 101, 7592, 102]], device='cuda:0')", [101, 7592, 102]],
    ['array([1, 2, 3], dtype=int64)', [1, 2, 3]],
    ['[np.int64(15496), np.int64(995)]', [15496, 995]],
    ["{'input_ids': [128000, 9906], 'attention_mask': [1, 1]}", [128000, 9906]],
    ['{"input_ids": [[5, 6]], "attention_mask": [[1, 1]]}', [5, 6]],
    ['[]', []],
  ])('reads %s', (input, expected) => {
    expect(ids(input)).toEqual(expected);
  });

  it('is empty for blank input and explains what it cannot read', () => {
    expect(parseIds('  ')).toEqual({ kind: 'empty' });
    expect(parseIds('[1, two, 3]')).toMatchObject({ kind: 'error', message: expect.stringContaining('"two" is not a token id') });
    expect(parseIds('[1, 2')).toMatchObject({ kind: 'error' });
    expect(parseIds('99999999999999999999')).toMatchObject({ kind: 'error', message: expect.stringContaining('too large') });
  });

  it('uses the first row of a batch and says so', () => {
    expect(parseIds('tensor([[1, 2], [3, 4]])')).toEqual({ kind: 'ids', ids: [1, 2], note: 'Found 2 sequences; compared the first.' });
  });
});

function tokensOf(text: string, rows: Array<[number, number, number, boolean?]>): TokenArrays {
  return {
    ids: Int32Array.from(rows, (r) => r[0]),
    starts: Int32Array.from(rows, (r) => r[1]),
    ends: Int32Array.from(rows, (r) => r[2]),
    special: Uint8Array.from(rows, (r) => (r[3] ? 1 : 0)),
    tokens: rows.map((r) => (r[3] ? '<s>' : text.slice(r[1], r[2]))),
    bytes: new Uint8Array(0),
    byteOffsets: new Int32Array(rows.length + 1),
  };
}

describe('checkParity', () => {
  const text = 'Hello world, how are you?';
  const tokens = tokensOf(text, [
    [1, 0, 0, true],
    [10, 0, 5],
    [11, 5, 11],
    [12, 11, 12],
    [13, 12, 16],
    [14, 16, 20],
    [15, 20, 24],
    [16, 24, 25],
  ]);

  it('says identical', () => {
    expect(checkParity(text, tokens, [1, 10, 11, 12, 13, 14, 15, 16])).toEqual({ kind: 'identical', count: 8 });
  });

  it('finds the first different index with both tokens and the text around it', () => {
    const r = checkParity(text, tokens, [1, 10, 11, 12, 99, 14, 15, 16]);
    expect(r).toMatchObject({
      kind: 'different',
      index: 4,
      ours: { index: 4, id: 13, token: ' how' },
      theirs: { index: 4, id: 99, token: null },
      context: { before: 'Hello world,', focus: ' how', after: ' are you?' },
      hint: null,
    });
  });

  it('names their token when the same id occurs in ours', () => {
    const r = checkParity(text, tokens, [1, 10, 11, 12, 11]);
    expect(r).toMatchObject({ kind: 'different', index: 4, theirs: { id: 11, token: ' world' } });
  });

  it('handles one list ending early', () => {
    const shorter = checkParity(text, tokens, [1, 10, 11]);
    expect(shorter).toMatchObject({ kind: 'different', index: 3, ours: { id: 12 }, theirs: null, oursCount: 8, theirsCount: 3 });
    const longer = checkParity(text, tokens, [1, 10, 11, 12, 13, 14, 15, 16, 2]);
    expect(longer).toMatchObject({ kind: 'different', index: 8, ours: null, theirs: { id: 2 }, context: { before: expect.stringMatching(/you\?$/), focus: '' } });
    expect(longer.kind === 'different' && longer.hint).toMatch(/go on past the end/);
  });

  it('hints at add_special_tokens when only the special tokens differ', () => {
    const r = checkParity(text, tokens, [10, 11, 12, 13, 14, 15, 16]);
    expect(r).toMatchObject({ kind: 'different', index: 0 });
    expect(r.kind === 'different' && r.hint).toMatch(/add_special_tokens=False/);
    const noBos = tokensOf(text, [[10, 0, 5]]);
    const r2 = checkParity(text.slice(0, 5), noBos, [1, 10]);
    expect(r2.kind === 'different' && r2.hint).toMatch(/add_special_tokens on/);
  });
});
