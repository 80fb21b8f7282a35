/** What one call to `encode` returns: parallel arrays, as the Rust `Encoding` exposes them. */
export interface Encoding {
  ids: number[];
  /** Raw vocabulary strings (`Ġworld`, `▁world`, `##ing`, `<0xE2>`). */
  tokens: string[];
  /** `[start, end)` in UTF-16 units of the input text; tokens inserted by the post-processor have start = end. */
  offsets: Array<[number, number]>;
  /** As Rust's `special_tokens_mask`: 1 only for tokens the post-processor inserted. */
  specialMask: number[];
  /** 1 for every special token, also those typed in the text (an added token marked `special`): what the UI styles. */
  special: number[];
  typeIds: number[];
  /** 1 for real tokens, 0 for padding (only padding writes 0). */
  attentionMask: number[];
}

export interface EncodeOptions {
  addSpecialTokens: boolean;
  pair?: string | null;
}

/** Rust `TruncationParams` (the `truncation` block of tokenizer.json, or what the batch lab sets). */
export interface TruncationOptions {
  maxLength: number;
  direction: 'left' | 'right';
  strategy: 'longest_first' | 'only_first' | 'only_second';
}

/** Rust `PaddingParams`: `length: null` pads to the longest in the batch. */
export interface PaddingOptions {
  length: number | null;
  direction: 'left' | 'right';
  padId: number;
  padToken: string;
  padTypeId: number;
  padToMultipleOf: number | null;
}
