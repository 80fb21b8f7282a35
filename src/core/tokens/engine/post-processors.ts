import type { PostProcessorJson, TemplatePiece } from '../tokenizer-json';
import type { Encoding } from '../encoding';
import { isWhitespace } from './unicode';

/** One sequence's encoding before post-processing (the same parallel arrays as `Encoding`). */
export type RawEncoding = Encoding;

export type PostProcessor = ((encodings: RawEncoding[], addSpecialTokens: boolean) => RawEncoding[]) & {
  /** How many special tokens this processor adds for a single sequence or a pair (Rust `added_tokens`). */
  addedTokens?: (isPair: boolean) => number;
};

const SPACE_CHAR = 'Ġ';

export function emptyEncoding(): RawEncoding {
  return { ids: [], tokens: [], offsets: [], specialMask: [], special: [], typeIds: [], attentionMask: [] };
}

function specialEncoding(ids: number[], tokens: string[], typeId: number): RawEncoding {
  return { ids, tokens, offsets: ids.map(() => [0, 0]), specialMask: ids.map(() => 1), special: ids.map(() => 1), typeIds: ids.map(() => typeId), attentionMask: ids.map(() => 1) };
}

export function concatEncodings(parts: RawEncoding[]): RawEncoding {
  const out = emptyEncoding();
  for (const p of parts) {
    for (let i = 0; i < p.ids.length; i++) {
      out.ids.push(p.ids[i]!); out.tokens.push(p.tokens[i]!); out.offsets.push(p.offsets[i]!);
      out.specialMask.push(p.specialMask[i]!); out.special.push(p.special[i]!); out.typeIds.push(p.typeIds[i]!);
      out.attentionMask.push(p.attentionMask[i]!);
    }
  }
  return out;
}

const withTypeId = (e: RawEncoding, typeId: number): RawEncoding => ({ ...e, typeIds: e.ids.map(() => typeId) });

/** Rust `process_offsets`: trim leading/trailing `Ġ` (spaces) from byte-level token offsets. */
export function trimByteLevelOffsets(e: RawEncoding, addPrefixSpace: boolean): void {
  e.tokens.forEach((token, i) => {
    const offsets = e.offsets[i]!;
    const chars = Array.from(token);
    let leading = 0;
    while (leading < chars.length && (chars[leading] === SPACE_CHAR || isWhitespace(chars[leading]!))) leading++;
    let trailing = 0;
    while (trailing < chars.length && (chars[chars.length - 1 - trailing] === SPACE_CHAR || isWhitespace(chars[chars.length - 1 - trailing]!))) trailing++;
    if (leading === 0 && trailing === 0) return;
    let [start, end] = offsets;
    if (leading > 0) {
      const isFirst = i === 0 || start === 0;
      if (isFirst && addPrefixSpace && leading === 1) leading = 0;
      start = Math.min(start + leading, end);
    }
    if (trailing > 0 && end >= trailing) end = Math.max(end - trailing, start);
    e.offsets[i] = [start, end];
  });
}

/** Rust `added_tokens(is_pair)` for each processor kind. */
export function addedTokenCount(config: PostProcessorJson, isPair: boolean): number {
  switch (config.type) {
    case 'Sequence': return config.processors.reduce((sum, p) => sum + addedTokenCount(p, isPair), 0);
    case 'ByteLevel': return 0;
    case 'TemplateProcessing':
      return (isPair ? config.pair : config.single).reduce((sum, piece) =>
        sum + ('SpecialToken' in piece ? (config.special_tokens[piece.SpecialToken.id]?.ids.length ?? 0) : 0), 0);
    case 'BertProcessing': return isPair ? 3 : 2;
    case 'RobertaProcessing': return isPair ? 4 : 2;
    default: {
      const unknown: never = config;
      throw new Error(`Unsupported post-processor type: ${(unknown as { type: string }).type}`);
    }
  }
}

export function createPostProcessor(config: PostProcessorJson): PostProcessor {
  switch (config.type) {
    case 'Sequence': {
      const steps = config.processors.map(createPostProcessor);
      return (encodings, add) => steps.reduce((acc, step) => step(acc, add), encodings);
    }
    case 'ByteLevel': {
      const trim = config.trim_offsets ?? true;
      const addPrefixSpace = config.add_prefix_space ?? true;
      return (encodings) => {
        if (trim) for (const e of encodings) trimByteLevelOffsets(e, addPrefixSpace);
        return encodings;
      };
    }
    case 'TemplateProcessing':
      return (encodings, add) => {
        const template: TemplatePiece[] = encodings.length === 2 ? config.pair : config.single;
        const parts: RawEncoding[] = [];
        for (const piece of template) {
          if ('Sequence' in piece) {
            const e = encodings[piece.Sequence.id === 'A' ? 0 : 1];
            if (e) parts.push(withTypeId(e, piece.Sequence.type_id));
          } else if (add) {
            const special = config.special_tokens[piece.SpecialToken.id];
            if (!special) throw new Error(`TemplateProcessing: unknown special token ${piece.SpecialToken.id}`);
            parts.push(specialEncoding(special.ids, special.tokens, piece.SpecialToken.type_id));
          }
        }
        return [concatEncodings(parts)];
      };
    case 'BertProcessing':
    case 'RobertaProcessing':
      return (encodings, add) => {
        if (config.type === 'RobertaProcessing' && (config.trim_offsets ?? true)) {
          for (const e of encodings) trimByteLevelOffsets(e, config.add_prefix_space ?? true);
        }
        const [a, b] = encodings;
        if (!add) return [concatEncodings([withTypeId(a!, 0), ...(b ? [withTypeId(b, config.type === 'BertProcessing' ? 1 : 0)] : [])])];
        const [clsToken, clsId] = config.cls, [sepToken, sepId] = config.sep;
        const cls = (t: number) => specialEncoding([clsId], [clsToken], t);
        const sep = (t: number) => specialEncoding([sepId], [sepToken], t);
        if (config.type === 'BertProcessing') {
          return [concatEncodings([cls(0), withTypeId(a!, 0), sep(0), ...(b ? [withTypeId(b, 1), sep(1)] : [])])];
        }
        return [concatEncodings([cls(0), withTypeId(a!, 0), sep(0), ...(b ? [sep(0), withTypeId(b, 0), sep(0)] : [])])];
      };
    default: {
      const unknown: never = config;
      throw new Error(`Unsupported post-processor type: ${(unknown as { type: string }).type}`);
    }
  }
}
