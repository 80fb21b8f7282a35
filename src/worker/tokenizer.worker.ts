/// <reference lib="webworker" />
/**
 * Tokenizer worker: loads tokenizers (bundled, Hub, local files, GGUF) off the main thread and answers requests.
 * Imports only core, the protocol and its own modules (STYLE: "DON'T depend on anything from the outside").
 * Every request gets exactly one `result` or `error` reply; nothing is thrown into the void.
 */
import { handleBatch } from './batch-handler';
import { handleDecode, handleEncode, handleEncodeSpans, handleTokenDetails, handleTrace, handleVocabSearch } from './handlers';
import { fastReplyChannel, takesFastLane, transferTypedArraysOnce, type CommandName, type ResponseOf, type WorkerErrorPayload, type WorkerRequest, type WorkerResponse } from './protocol';
import { LoadError } from './read-body';
import { cancelLoad, findLoaded, loadTokenizer } from './registry';

declare const self: DedicatedWorkerGlobalScope;

transferTypedArraysOnce({ detachingToo: false });

const fastLaneName = typeof BroadcastChannel === 'function' ? fastReplyChannel(self.name) : null;
const fastLane = fastLaneName ? new BroadcastChannel(fastLaneName) : null;

const bytesOf = (transfer: Transferable[]): number => transfer.reduce<number>((n, t) => n + (t instanceof ArrayBuffer ? t.byteLength : Infinity), 0);

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  // Replies cheap to copy take the lane the page gets at once (see `FAST_REPLY_MAX_BYTES`).
  if (fastLane && takesFastLane(message, bytesOf(transfer))) fastLane.postMessage(message);
  else self.postMessage(message, transfer);
}

function toErrorPayload(error: unknown): WorkerErrorPayload {
  if (error instanceof LoadError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

type Reply = Promise<{ result: ResponseOf<CommandName>; transfer: Transferable[] }>;
const plain = <T extends ResponseOf<CommandName>>(p: Promise<T>): Reply => p.then((result) => ({ result, transfer: [] }));

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const { requestId } = request;
  let reply: Reply;
  try {
    switch (request.command) {
      case 'load':
        reply = plain(loadTokenizer(request.payload, (progress) => post({ requestId, kind: 'progress', progress })).then((l) => l.info));
        break;
      case 'cancelLoad':
        reply = plain(Promise.resolve({ cancelled: cancelLoad(request.payload.tokenizerId) }));
        break;
      case 'encode':
        reply = handleEncode(request.payload);
        break;
      case 'encodeSpans':
        reply = handleEncodeSpans(request.payload);
        break;
      case 'tokenDetails':
        reply = handleTokenDetails(request.payload);
        break;
      case 'vocabSearch':
        reply = plain(handleVocabSearch(request.payload));
        break;
      case 'decode':
        reply = plain(handleDecode(request.payload));
        break;
      case 'trace':
        reply = plain(handleTrace(request.payload));
        break;
      case 'batch':
        reply = plain(handleBatch(request.payload, findLoaded));
        break;
      default: {
        const unknown: never = request;
        throw new Error(`Unknown command ${JSON.stringify((unknown as { command?: unknown }).command)}`);
      }
    }
  } catch (error) {
    reply = Promise.reject(error);
  }
  reply.then(
    ({ result, transfer }) => post({ requestId, kind: 'result', command: request.command, result }, transfer),
    (error: unknown) => post({ requestId, kind: 'error', error: toErrorPayload(error) }),
  );
};
