import { describe, expect, it } from 'vitest';
import { bytesToHex, codePointLength, decodedLabel, decodeUtf8Parts, isWellFormedUtf8, utf8Length } from '../../src/core/tokens/bytes';
import {
  buildSegments,
  chunkOfToken,
  chunkSegments,
  colorIndex,
  computeStats,
  csvField,
  idsAsJson,
  idsAsPythonList,
  renderWhitespace,
  tokenArraysFromEncoding,
  tokenDetails,
  toCsv,
  toJson,
  type TokenArrays,
} from '../../src/core/tokens/spans';
import type { Encoding } from '../../src/core/tokens/encoding';

const enc = new TextEncoder();

/** Builds token arrays from `[id, raw, start, end, bytes?, special?]` rows; bytes default to the text slice. */
function tokensOf(text: string, rows: Array<[number, string, number, number, (number[] | string)?, boolean?]>): TokenArrays {
  const bytesById = new Map<number, Uint8Array>();
  const encoding: Encoding = {
    ids: rows.map((r) => r[0]),
    tokens: rows.map((r) => r[1]),
    offsets: rows.map((r) => [r[2], r[3]]),
    specialMask: rows.map((r) => (r[5] && r[2] === r[3] ? 1 : 0)),
    special: rows.map((r) => (r[5] ? 1 : 0)),
    typeIds: rows.map(() => 0),
    attentionMask: rows.map(() => 1),
  };
  for (const [id, raw, s, e, bytes] of rows) {
    const b = bytes === undefined ? enc.encode(s === e ? raw : text.slice(s, e)) : typeof bytes === 'string' ? enc.encode(bytes) : Uint8Array.from(bytes);
    bytesById.set(id, b);
  }
  return tokenArraysFromEncoding(encoding, (id) => bytesById.get(id)!);
}

describe('bytes', () => {
  it('writes hex in upper case, space separated', () => {
    expect(bytesToHex([0xe4, 0xbd, 0xa0, 0x0a])).toBe('E4 BD A0 0A');
    expect(bytesToHex([])).toBe('');
  });

  it('decodes well-formed UTF-8 and keeps ill-formed bytes as bytes, never U+FFFD', () => {
    expect(decodeUtf8Parts(enc.encode('héllo 🙂'))).toEqual([{ kind: 'text', text: 'héllo 🙂' }]);
    const partial = decodeUtf8Parts([0x20, 0xf0, 0x9f]);
    expect(partial).toEqual([
      { kind: 'text', text: ' ' },
      { kind: 'bytes', bytes: [0xf0, 0x9f] },
    ]);
    expect(decodedLabel(partial)).toBe(' <F0 9F>');
    expect(decodedLabel(decodeUtf8Parts([0x99, 0x82, 0x41]))).toBe('<99 82>A');
    for (const bad of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
      expect(isWellFormedUtf8(bad)).toBe(false);
      expect(decodedLabel(decodeUtf8Parts(bad))).not.toContain('\uFFFD');
    }
    expect(isWellFormedUtf8(enc.encode('你好'))).toBe(true);
  });

  it('counts UTF-8 bytes and code points without encoding', () => {
    const text = 'aé你🙂\n';
    expect(utf8Length(text)).toBe(enc.encode(text).length);
    expect(codePointLength(text)).toBe(5);
    expect(utf8Length('\ud800x')).toBe(4); // a lone surrogate counts as U+FFFD, as the encoder would write it
  });
});

describe('buildSegments', () => {
  it('maps tokens, gaps and inserted tokens onto the text in order', () => {
    const text = 'Hi  there';
    const tokens = tokensOf(text, [
      [1, '[CLS]', 0, 0, undefined, true],
      [7, 'hi', 0, 2],
      [8, 'there', 4, 9],
      [2, '[SEP]', 0, 0, undefined, true],
    ]);
    expect(buildSegments(text, tokens)).toEqual([
      { kind: 'inserted', index: 0, textStart: 0, textEnd: 0 },
      { kind: 'token', index: 1, textStart: 0, textEnd: 2 },
      { kind: 'gap', textStart: 2, textEnd: 4 },
      { kind: 'token', index: 2, textStart: 4, textEnd: 9 },
      // BERT reports [SEP] at 0..0; it is still drawn where it comes, after the text.
      { kind: 'inserted', index: 3, textStart: 9, textEnd: 9 },
    ]);
  });

  it('brackets consecutive tokens sharing one character (byte tokens of a CJK char)', () => {
    const text = ' 你好';
    const tokens = tokensOf(text, [
      [220, 'Ġ', 0, 1],
      [19526, 'ä½', 1, 2, [0xe4, 0xbd]],
      [254, 'ł', 1, 2, [0xa0]],
      [25001, 'å¥', 2, 3, [0xe5, 0xa5]],
      [121, '½', 2, 3, [0xbd]],
    ]);
    expect(buildSegments(text, tokens)).toEqual([
      { kind: 'token', index: 0, textStart: 0, textEnd: 1 },
      { kind: 'bracket', first: 1, last: 3, textStart: 1, textEnd: 2 },
      { kind: 'bracket', first: 3, last: 5, textStart: 2, textEnd: 3 },
    ]);
  });

  it('merges partially overlapping tokens into one bracket and never goes backwards', () => {
    const text = 'aé';
    const tokens = tokensOf(text, [
      [1, 'aÃ', 0, 2, [0x61, 0xc3]],
      [2, '©', 1, 2, [0xa9]],
    ]);
    expect(buildSegments(text, tokens)).toEqual([{ kind: 'bracket', first: 0, last: 2, textStart: 0, textEnd: 2 }]);
  });

  it('handles an empty encoding and text without tokens', () => {
    expect(buildSegments('', tokensOf('', []))).toEqual([]);
    expect(buildSegments('abc', tokensOf('abc', []))).toEqual([{ kind: 'gap', textStart: 0, textEnd: 3 }]);
  });
});

describe('chunks', () => {
  it('cuts at line ends and after maxTokens, and finds the chunk of a token', () => {
    const text = 'a b\nc d e f';
    const rows: Array<[number, string, number, number]> = [
      [1, 'a', 0, 1],
      [2, ' b', 1, 3],
      [3, '\n', 3, 4],
      [4, 'c', 4, 5],
      [5, ' d', 5, 7],
      [6, ' e', 7, 9],
      [7, ' f', 9, 11],
    ];
    const tokens = tokensOf(text, rows);
    const segments = buildSegments(text, tokens);
    const chunks = chunkSegments(text, segments, 2);
    expect(chunks.map((c) => [c.tokenFrom, c.tokenTo])).toEqual([
      [0, 2],
      [2, 3],
      [3, 5],
      [5, 7],
    ]);
    expect(chunkOfToken(chunks, 0)).toBe(0);
    expect(chunkOfToken(chunks, 2)).toBe(1);
    expect(chunkOfToken(chunks, 6)).toBe(3);
  });
});

describe('token details and stats', () => {
  it('describes a token: hex bytes, decoded text, span, special', () => {
    const text = '🙂';
    const tokens = tokensOf(text, [
      [9, 'ðŁĻ', 0, 2, [0xf0, 0x9f, 0x99]],
      [10, 'Ĥ', 0, 2, [0x82]],
    ]);
    const d = tokenDetails(tokens, 0);
    expect(d).toMatchObject({ id: 9, token: 'ðŁĻ', start: 0, end: 2, special: false, hex: 'F0 9F 99', decodedText: '<F0 9F 99>', wellFormed: false });
  });

  it('computes tokens, code points, UTF-8 bytes and chars per token', () => {
    const text = 'héllo 🙂';
    const tokens = tokensOf(text, [
      [1, 'h', 0, 1],
      [2, 'éllo', 1, 5],
      [3, ' 🙂', 5, 8],
    ]);
    expect(computeStats(text, tokens)).toEqual({ tokens: 3, characters: 7, utf16Units: 8, utf8Bytes: 11, charsPerToken: 7 / 3 });
    expect(computeStats('', tokensOf('', [])).charsPerToken).toBeNull();
  });

  it('gives a stable colour per id, in range', () => {
    for (const id of [0, 1, 2, 128000, 2 ** 31 - 1]) {
      const c = colorIndex(id, 10);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThan(10);
      expect(colorIndex(id, 10)).toBe(c);
    }
    const used = new Set(Array.from({ length: 100 }, (_, i) => colorIndex(i, 10)));
    expect(used.size).toBe(10);
  });

  it('draws whitespace as glyphs, keeping line breaks', () => {
    expect(renderWhitespace('a b\tc\nd')).toBe('a·b→c↵\nd');
  });
});

describe('exports', () => {
  const text = 'say "hi", ok\n';
  const tokens = tokensOf(text, [
    [0, '<s>', 0, 0, undefined, true],
    [5, 'say', 0, 3],
    [6, 'Ġ"hi",', 3, 9],
    [7, 'Ġok', 9, 12],
    [8, 'Ċ', 12, 13],
  ]);

  it('escapes CSV fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField(12)).toBe('12');
  });

  it('writes CSV with a header row and CRLF line ends', () => {
    expect(toCsv(tokens).split('\r\n')).toEqual([
      'id,token,text,start,end,special',
      '0,<s>,<s>,0,0,true',
      '5,say,say,0,3,false',
      '6,"Ġ""hi"","," ""hi"",",3,9,false',
      '7,Ġok," ok",9,12,false',
      '8,Ċ,"\n",12,13,false',
      '',
    ]);
  });

  it('writes JSON rows with decoded text', () => {
    const rows = JSON.parse(toJson(tokens)) as Array<Record<string, unknown>>;
    expect(rows[2]).toEqual({ id: 6, token: 'Ġ"hi",', text: ' "hi",', start: 3, end: 9, special: false });
    expect(rows[0]).toMatchObject({ special: true, start: 0, end: 0 });
  });

  it('formats ids as JSON and as a Python list', () => {
    const ids = Int32Array.from([128000, 9906, 1917]);
    expect(idsAsJson(ids)).toBe('[128000,9906,1917]');
    expect(idsAsPythonList(ids)).toBe('[128000, 9906, 1917]');
    expect(idsAsPythonList(new Int32Array())).toBe('[]');
  });
});
