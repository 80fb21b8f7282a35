// Public surface of the batch lab's pure logic (padding vs padding-free).
export { padBatch, IGNORE_INDEX, type PadBatchOptions, type PadBatchResult, type PaddedRow } from './pad';
export {
  BatchConfigError, resolveStrategy, type BatchNote, type BatchNoteCode, type LoadedTokenizer, type PadTokenChoice,
  type PaddingMode, type ResolvedStrategy, type Side,
} from './resolve';
export {
  binPack, flattenBatch, flattenBins, type BinPackResult, type FlattenFeature, type FlattenOptions, type FlattenedBatch,
  type PackStrategy, type PackedBin, type PackedPiece,
} from './pack';
export {
  compareStrategies, createRng, flattenedCost, packedCost, paddedCost, sampleLengths, wasteVsSpread,
  type LengthDistribution, type ScalingPoint, type StrategyCost, type StrategyName,
} from './stats';
