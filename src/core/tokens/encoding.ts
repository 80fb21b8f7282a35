/** What one call to `encode` returns: parallel arrays, as the Rust `Encoding` exposes them. */
export interface Encoding {
  ids: number[];
  /** Raw vocabulary strings (`Ġworld`, `▁world`, `##ing`, `<0xE2>`). */
  tokens: string[];
  /** `[start, end)` in UTF-16 units of the input text; tokens inserted by the post-processor have start = end. */
  offsets: Array<[number, number]>;
  /** 1 for special tokens: inserted by the post-processor, or added tokens marked `special`. */
  specialMask: number[];
  typeIds: number[];
}

export interface EncodeOptions {
  addSpecialTokens: boolean;
  pair?: string | null;
}
