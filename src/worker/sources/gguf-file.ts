/**
 * Reads only the header of a (possibly multi-GB) GGUF file: `@huggingface/gguf` asks for byte ranges, and a fetch
 * stand-in answers each from `Blob.slice`, so the tensor data is never read into memory.
 */
import { gguf } from '@huggingface/gguf';
import { GgufTokenizerError, type GgufMetadata } from '../../core/model/gguf-tokenizer';

/** A `fetch` that serves `Range` requests from a Blob (a `File` the user dropped). */
export function blobFetch(blob: Blob, onRead?: (start: number, end: number) => void): typeof fetch {
  return async (_input, init) => {
    const range = new Headers(init?.headers).get('Range');
    const m = range ? /bytes=(\d+)-(\d*)/.exec(range) : null;
    const start = m ? Math.min(Number(m[1]), blob.size) : 0;
    const end = m && m[2] ? Math.min(Number(m[2]) + 1, blob.size) : blob.size;
    onRead?.(start, end);
    return new Response(blob.slice(start, end), {
      status: m ? 206 : 200,
      headers: { 'Content-Range': `bytes ${start}-${Math.max(start, end - 1)}/${blob.size}`, 'Content-Length': String(end - start) },
    });
  };
}

export interface GgufHeader {
  metadata: GgufMetadata;
  tensorCount: number;
}

export async function readGgufHeader(blob: Blob, onRead?: (start: number, end: number) => void): Promise<GgufHeader> {
  if (blob.size < 8) throw new GgufTokenizerError('This file is too small to be a GGUF file.');
  const magic = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  if (String.fromCharCode(...magic) !== 'GGUF') throw new GgufTokenizerError('This is not a GGUF file (it does not start with "GGUF").');
  try {
    // The URL is never fetched: our fetch answers from the Blob. gguf() requires an http(s) URI.
    const { metadata, tensorInfos, tensorDataOffset } = await gguf('https://local.invalid/model.gguf', { fetch: blobFetch(blob, onRead) });
    // The parser reads past the end as zeros instead of failing, so a cut-off header shows up only here.
    if (Number(tensorDataOffset) > blob.size || '' in metadata) throw new Error('the header runs past the end of the file');
    restoreByteOrderMarks(metadata as unknown as GgufMetadata);
    return { metadata: metadata as unknown as GgufMetadata, tensorCount: tensorInfos.length };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GgufTokenizerError(`This GGUF file is corrupted or truncated: its header could not be read (${reason}).`);
  }
}

/**
 * `@huggingface/gguf` 0.4.6 decodes strings with a default `TextDecoder`, which drops a leading U+FEFF, so
 * SentencePiece's "\uFEFF" token (Mistral, Llama 2) arrives as "". A vocabulary never holds an empty token, so an
 * empty one is that BOM. (A token that merely starts with U+FEFF cannot be recovered this way.)
 */
function restoreByteOrderMarks(metadata: GgufMetadata): void {
  const tokens = metadata['tokenizer.ggml.tokens'];
  if (!Array.isArray(tokens)) return;
  for (let i = 0; i < tokens.length; i++) if (tokens[i] === '') tokens[i] = '\uFEFF';
}
