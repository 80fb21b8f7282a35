/** Reads a response body to the end, reporting bytes as they arrive. */
export async function readBody(response: Response, onBytes: (loaded: number, total: number | null) => void): Promise<Uint8Array> {
  const header = Number(response.headers.get('content-length'));
  // A compressed response reports the compressed length; it is still a fine progress estimate.
  let total: number | null = Number.isFinite(header) && header > 0 ? header : null;
  if (!response.body) {
    const all = new Uint8Array(await response.arrayBuffer());
    onBytes(all.byteLength, all.byteLength);
    return all;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onBytes(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    if (total != null && loaded > total) total = null;
    onBytes(loaded, total);
  }
  const all = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

export class LoadError extends Error {
  constructor(
    message: string,
    readonly code: import('./protocol').LoadErrorCode,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/** JSON.parse with a message that names the file and says what is wrong with it. */
export function parseJsonFile<T>(text: string, file: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LoadError(`${file} from ${where} is malformed: it is not valid JSON (truncated download or corrupted file?). ${reason}`, 'malformed');
  }
}
