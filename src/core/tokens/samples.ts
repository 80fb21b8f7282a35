/**
 * Sample texts for workshops: each shows a different way tokenizers disagree. Kept short enough for a URL
 * (`MAX_URL_TEXT_LENGTH`), so a sample comparison can be shared as a link.
 */
export interface SampleText {
  id: string;
  label: string;
  /** What to look for, shown as the button's description. */
  hint: string;
  text: string;
}

export const SAMPLE_TEXTS: readonly SampleText[] = [
  {
    id: 'prose',
    label: 'English prose',
    hint: 'Common words are single tokens; rare ones split into pieces.',
    text:
      'The committee postponed its decision until Thursday, citing "unforeseeable circumstances." ' +
      'Meanwhile, the antidisestablishmentarian faction quietly reorganised itself.',
  },
  {
    id: 'code',
    label: 'Code',
    hint: 'Indentation, operators and identifiers: newer vocabularies merge runs of spaces.',
    text: 'def fibonacci(n: int) -> list[int]:\n    """Return the first n Fibonacci numbers."""\n    seq = [0, 1]\n    while len(seq) < n:\n        seq.append(seq[-1] + seq[-2])\n    return seq[:n]\n',
  },
  {
    id: 'cjk',
    label: 'CJK',
    hint: 'Chinese, Japanese and Korean: characters per token vary most between vocabularies.',
    text: '自然言語処理は面白いです。我们今天学习分词器。토크나이저는 텍스트를 조각으로 나눕니다.',
  },
  {
    id: 'emoji',
    label: 'Emoji',
    hint: 'Emoji are several bytes; byte-level tokenizers may split one into byte tokens.',
    text: 'Launch day 🚀🎉! Family: 👨‍👩‍👧‍👦, flags 🇯🇵 🇧🇷, skin tones 👍🏽 and a plain 🙂.',
  },
  {
    id: 'numbers',
    label: 'Numbers',
    hint: 'Digits are grouped differently: one by one, in threes, or in arbitrary chunks.',
    text: 'Order #20240917: 3 × 1,299.95 = 3,899.85 USD; pi ≈ 3.14159265358979; call +1-555-0142 before 23:59.',
  },
  {
    id: 'chat',
    label: 'Chat prompt',
    hint: 'ChatML markers are special tokens for Qwen, plain text for the others.',
    text: '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is a token?<|im_end|>\n<|im_start|>assistant\n',
  },
];
