/** Which worker replies take the BroadcastChannel lane (src/worker/protocol.ts `takesFastLane`). */
import { describe, expect, it } from 'vitest';
import { FAST_REPLY_MAX_BYTES, fastReplyChannel, fastReplyWorkerName, takesFastLane, type WorkerResponse } from '../../src/worker/protocol';

describe('takesFastLane', () => {
  const ok = (command: 'encodeSpans' | 'tokenDetails' | 'load') => ({ requestId: 1, kind: 'result', command, result: {} }) as unknown as WorkerResponse;
  it('sends errors and small token-view replies on the fast lane, and everything else on the port', () => {
    expect(takesFastLane({ requestId: 1, kind: 'error', error: { name: 'Error', message: 'x' } }, 0)).toBe(true);
    expect(takesFastLane(ok('encodeSpans'), FAST_REPLY_MAX_BYTES)).toBe(true);
    expect(takesFastLane(ok('tokenDetails'), 1000)).toBe(true);
    // A 1 MB text's arrays are transferred on the port, not copied through the channel.
    expect(takesFastLane(ok('encodeSpans'), FAST_REPLY_MAX_BYTES + 1)).toBe(false);
    // Objects of unknown size (tokenizer info here) stay on the port.
    expect(takesFastLane(ok('load'), 0)).toBe(false);
    expect(takesFastLane({ requestId: 1, kind: 'progress', progress: { loaded: 1, total: 2 } }, 0)).toBe(false);
  });
});

describe('fastReplyChannel', () => {
  it('names a channel only for workers named for one, distinct per worker', () => {
    const a = fastReplyChannel(fastReplyWorkerName('a1'));
    expect(a).not.toBeNull();
    expect(a).not.toBe(fastReplyChannel(fastReplyWorkerName('b2')));
    expect(fastReplyChannel('tokenizer')).toBeNull();
    expect(fastReplyChannel('chat-template')).toBeNull();
  });
});
