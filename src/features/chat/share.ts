/**
 * Share an edited template in the URL: `?template=` holds it deflate-compressed (the browser's own
 * CompressionStream) and base64url-encoded. Links are bounded: a template whose encoding is longer than
 * MAX_SHARED_CHARS is not put in a URL at all.
 */
export const TEMPLATE_PARAM = 'template';
export const MAX_SHARED_CHARS = 16_000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export async function encodeTemplate(template: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(template), new CompressionStream('deflate-raw')));
}

export async function decodeTemplate(encoded: string): Promise<string> {
  if (encoded.length > MAX_SHARED_CHARS * 2) throw new Error('The shared template is too long');
  return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(encoded), new DecompressionStream('deflate-raw')));
}

/** A link to this page with the template (and the tokenizer it belongs to), or null when it would be too long. */
export async function shareUrl(href: string, tokenizerId: string, template: string): Promise<string | null> {
  const encoded = await encodeTemplate(template);
  if (encoded.length > MAX_SHARED_CHARS) return null;
  const url = new URL(href);
  url.searchParams.set('view', 'chat');
  url.searchParams.set('tokenizer', tokenizerId);
  url.searchParams.delete('text');
  url.searchParams.set(TEMPLATE_PARAM, encoded);
  return url.href;
}
