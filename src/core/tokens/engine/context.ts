/**
 * Per-call facts the pipeline steps need when a long text is encoded in chunks: a chunk that starts in the middle
 * of a segment must not get the segment-start prefix (`Prepend` normalizer, ByteLevel `add_prefix_space`,
 * Metaspace `prepend_scheme: always`), because in the whole text that position is not a segment start.
 */
export interface PipelineContext {
  /** Original offset at which a piece starts mid-segment: no prefix is added to the piece starting there. */
  noPrefixAt: number | null;
}

export const WHOLE_TEXT: PipelineContext = { noPrefixAt: null };
