import type { TokenizerConfigJson } from '../tokens/tokenizer-json';
import { configTokenContent } from '../tokens/tokenizer-json';
import type { Tokenizer } from '../tokens/engine';

export type SpecialRole = 'bos' | 'eos' | 'pad' | 'unk' | 'sep' | 'cls' | 'mask' | 'additional';

export interface SpecialTokenRow {
  role: SpecialRole;
  text: string;
  id: number | null;
}

const ROLES: Array<[Exclude<SpecialRole, 'additional'>, keyof TokenizerConfigJson]> = [
  ['bos', 'bos_token'], ['eos', 'eos_token'], ['pad', 'pad_token'], ['unk', 'unk_token'],
  ['sep', 'sep_token'], ['cls', 'cls_token'], ['mask', 'mask_token'],
];

/** The special-token table: each role from tokenizer_config.json, then other added tokens marked special. */
export function specialTokenTable(config: TokenizerConfigJson | null, tokenizer: Tokenizer): SpecialTokenRow[] {
  const rows: SpecialTokenRow[] = [];
  const seen = new Set<string>();
  for (const [role, key] of ROLES) {
    const text = configTokenContent(config?.[key] as Parameters<typeof configTokenContent>[0]);
    if (text == null) continue;
    rows.push({ role, text, id: tokenizer.tokenToId(text) ?? null });
    seen.add(text);
  }
  for (const t of tokenizer.addedTokens) {
    if (!t.special || seen.has(t.content)) continue;
    rows.push({ role: 'additional', text: t.content, id: t.id });
    seen.add(t.content);
  }
  return rows;
}

/** Which role each special id plays, so the token view can label `<|eot_id|>` as EOS. First role wins. */
export function rolesById(rows: SpecialTokenRow[]): Map<number, SpecialRole> {
  const map = new Map<number, SpecialRole>();
  for (const r of rows) if (r.id !== null && !map.has(r.id)) map.set(r.id, r.role);
  return map;
}

export interface PadTokenAdvice {
  missing: boolean;
  message: string | null;
}

/** A missing pad token is flagged with the usual workaround (pad = eos) and what it costs. */
export function padTokenAdvice(rows: SpecialTokenRow[]): PadTokenAdvice {
  if (rows.some((r) => r.role === 'pad')) return { missing: false, message: null };
  const eos = rows.find((r) => r.role === 'eos');
  return {
    missing: true,
    message:
      'No pad token. The usual workaround is pad = eos' + (eos ? ` (${eos.text})` : '') +
      ': batches can then be padded, but labels mask every pad id, so the real EOS is masked too and a fine-tuned model may never learn to stop. ' +
      'Prefer an unused special token, or add a dedicated [PAD] token and resize the embeddings.',
  };
}
