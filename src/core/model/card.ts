import type { ModelConfigJson, TokenizerConfigJson, TokenizerJson } from '../tokens/tokenizer-json';
import type { Tokenizer } from '../tokens/engine';
import { contextLength, embeddingSize, type ContextLength } from './context-length';
import { describePipeline, type PipelineStep } from './pipeline';
import { padTokenAdvice, specialTokenTable, type PadTokenAdvice, type SpecialTokenRow } from './special-tokens';

export type ChatTemplateKind = { kind: 'none' } | { kind: 'single' } | { kind: 'named'; names: string[] };

export interface TokenizerCard {
  vocabSize: number;
  baseVocabSize: number;
  addedTokens: number;
  modelType: string;
  pipeline: PipelineStep[];
  specialTokens: SpecialTokenRow[];
  pad: PadTokenAdvice;
  context: ContextLength;
  embeddingSize: number | null;
  chatTemplate: ChatTemplateKind;
}

export interface CardSources {
  json: TokenizerJson;
  config: TokenizerConfigJson | null;
  modelConfig: ModelConfigJson | null;
  /** A separate `chat_template.jinja` (newer repos) takes precedence over the config's template. */
  chatTemplateFile?: string | null;
  gguf?: { contextLength: number | null; embeddingLength: number | null } | null;
}

export function chatTemplateKind(config: TokenizerConfigJson | null, file?: string | null): ChatTemplateKind {
  if (file) return { kind: 'single' };
  const t = config?.chat_template;
  if (!t) return { kind: 'none' };
  if (typeof t === 'string') return { kind: 'single' };
  return { kind: 'named', names: t.map((x) => x.name) };
}

export function buildCard(tokenizer: Tokenizer, sources: CardSources): TokenizerCard {
  const specialTokens = specialTokenTable(sources.config, tokenizer);
  return {
    vocabSize: tokenizer.getVocabSize(true),
    baseVocabSize: tokenizer.getVocabSize(false),
    addedTokens: tokenizer.addedTokens.length,
    modelType: tokenizer.modelType,
    pipeline: describePipeline(sources.json),
    specialTokens,
    pad: padTokenAdvice(specialTokens),
    context: contextLength(sources.config, sources.modelConfig, sources.gguf?.contextLength),
    embeddingSize: embeddingSize(sources.modelConfig) ?? sources.gguf?.embeddingLength ?? null,
    chatTemplate: chatTemplateKind(sources.config, sources.chatTemplateFile),
  };
}
