import type { DecoderJson, NormalizerJson, PostProcessorJson, PreTokenizerJson, TokenizerJson } from '../tokens/tokenizer-json';
import { resolveModelType } from '../tokens/engine';

/** One step of the tokenizer pipeline as the card shows it: its type and the settings that change behaviour. */
export interface PipelineStep {
  stage: 'normalizer' | 'pre_tokenizer' | 'model' | 'post_processor' | 'decoder';
  type: string;
  settings: Array<[string, string]>;
  children?: PipelineStep[];
}

type AnyStep = NormalizerJson | PreTokenizerJson | PostProcessorJson | DecoderJson;

const HIDDEN_KEYS = new Set(['type', 'normalizers', 'pretokenizers', 'processors', 'decoders', 'vocab', 'merges', 'precompiled_charsmap', 'special_tokens', 'single', 'pair']);

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'object') {
    if ('String' in (v as object)) return JSON.stringify((v as { String: string }).String);
    if ('Regex' in (v as object)) return `/${(v as { Regex: string }).Regex}/`;
    return JSON.stringify(v);
  }
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function describe(stage: PipelineStep['stage'], step: AnyStep): PipelineStep {
  const settings: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(step)) if (!HIDDEN_KEYS.has(k)) settings.push([k, describeValue(v)]);
  if (step.type === 'TemplateProcessing') settings.push(['single', step.single.map((p) => ('SpecialToken' in p ? p.SpecialToken.id : `$${p.Sequence.id}`)).join(' ')]);
  const nested = 'normalizers' in step ? step.normalizers : 'pretokenizers' in step ? step.pretokenizers : 'processors' in step ? step.processors : 'decoders' in step ? step.decoders : null;
  return { stage, type: step.type, settings, ...(nested ? { children: (nested as AnyStep[]).map((s) => describe(stage, s)) } : {}) };
}

/** normalizer → pre-tokenizer → model → post-processor → decoder, each named with its key settings. */
export function describePipeline(json: TokenizerJson): PipelineStep[] {
  const model = json.model;
  const modelSettings: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(model)) if (!HIDDEN_KEYS.has(k) && v !== null && v !== undefined) modelSettings.push([k, describeValue(v)]);
  return [
    json.normalizer ? describe('normalizer', json.normalizer) : { stage: 'normalizer', type: 'none', settings: [] },
    json.pre_tokenizer ? describe('pre_tokenizer', json.pre_tokenizer) : { stage: 'pre_tokenizer', type: 'none', settings: [] },
    { stage: 'model', type: resolveModelType(model), settings: modelSettings },
    json.post_processor ? describe('post_processor', json.post_processor) : { stage: 'post_processor', type: 'none', settings: [] },
    json.decoder ? describe('decoder', json.decoder) : { stage: 'decoder', type: 'none', settings: [] },
  ];
}
