// Unit tests for src/lib/worker-client.ts with a fake Worker (kept under tests/component/ by the folder split of this task).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLatest, createTokenizerClient, TimeoutError, WorkerClient, WorkerRequestError, type WorkerLike } from '../../src/lib/worker-client';
import { ChannelTexts } from '../../src/worker/channel-texts';
import type { LoadError } from '../../src/worker/read-body';
import type { WorkerRequest, WorkerResponse } from '../../src/worker/protocol';
import { infoFor } from './fake-client';

class FakeWorker implements WorkerLike {
  sent: WorkerRequest[] = [];
  transfers: Transferable[][] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  postMessage(message: WorkerRequest, transfer: Transferable[] = []): void {
    this.sent.push(message);
    this.transfers.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerResponse): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>);
  }
}

const info = infoFor('gpt2');

describe('WorkerClient', () => {
  let workers: FakeWorker[];
  let client: WorkerClient;
  beforeEach(() => {
    workers = [];
    client = new WorkerClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
  });
  afterEach(() => vi.useRealTimers());

  it('matches replies to requests by id, whatever their order, and forwards progress', async () => {
    const progress = vi.fn();
    const a = client.request('load', { tokenizerId: 'gpt2', baseUrl: 'http://x/' }, { onProgress: progress });
    const b = client.request('load', { tokenizerId: 'qwen3', baseUrl: 'http://x/' });
    const [wa, wb] = workers[0]!.sent;
    expect(wa!.requestId).not.toBe(wb!.requestId);
    workers[0]!.reply({ requestId: wa!.requestId, kind: 'progress', progress: { loaded: 5, total: 10 } });
    workers[0]!.reply({ requestId: wb!.requestId, kind: 'result', command: 'load', result: { ...info, id: 'qwen3' } });
    workers[0]!.reply({ requestId: wa!.requestId, kind: 'result', command: 'load', result: info });
    await expect(b).resolves.toMatchObject({ id: 'qwen3' });
    await expect(a).resolves.toMatchObject({ id: 'gpt2' });
    expect(progress).toHaveBeenCalledWith({ loaded: 5, total: 10 });
    expect(client.pendingCount).toBe(0);
  });

  it('rejects with the error the worker replied', async () => {
    const p = client.request('encode', { tokenizerId: 'gpt2', text: 'x', addSpecialTokens: true });
    workers[0]!.reply({ requestId: workers[0]!.sent[0]!.requestId, kind: 'error', error: { name: 'Error', message: 'not loaded' } });
    await expect(p).rejects.toThrow(WorkerRequestError);
    await expect(p).rejects.toThrow('not loaded');
  });

  it('times out, and ignores the late reply', async () => {
    vi.useFakeTimers();
    const p = client.request('encode', { tokenizerId: 'gpt2', text: 'x', addSpecialTokens: true }, { timeoutMs: 50 });
    const caught = p.catch((e: unknown) => e);
    vi.advanceTimersByTime(60);
    expect(await caught).toBeInstanceOf(TimeoutError);
    workers[0]!.reply({ requestId: workers[0]!.sent[0]!.requestId, kind: 'result', command: 'load', result: info });
    expect(client.pendingCount).toBe(0);
  });

  it('rejects everything pending when the worker errors, and starts a fresh worker next time', async () => {
    const a = client.request('load', { tokenizerId: 'gpt2', baseUrl: 'http://x/' });
    const b = client.request('load', { tokenizerId: 'qwen3', baseUrl: 'http://x/' });
    workers[0]!.onerror?.({ message: 'script failed', preventDefault() {} } as ErrorEvent);
    await expect(a).rejects.toThrow('script failed');
    await expect(b).rejects.toThrow('script failed');
    expect(workers[0]!.terminated).toBe(true);
    void client.request('load', { tokenizerId: 'gpt2', baseUrl: 'http://x/' }).catch(() => {});
    expect(workers).toHaveLength(2);
    client.dispose();
  });
});

describe('WorkerClient: fast replies', () => {
  it('takes replies from the worker port and from its fast reply channel alike, and closes the channel with the worker', async () => {
    const lane = { onmessage: null as ((event: MessageEvent<WorkerResponse>) => void) | null, closed: false, close() { this.closed = true; } };
    const worker = Object.assign(new FakeWorker(), { fastReplies: lane });
    const client = new WorkerClient(() => worker);
    const viaPort = client.request('load', { tokenizerId: 'gpt2', baseUrl: 'http://x/' });
    const viaLane = client.request('load', { tokenizerId: 'qwen3', baseUrl: 'http://x/' });
    const [a, b] = worker.sent;
    lane.onmessage?.({ data: { requestId: b!.requestId, kind: 'result', command: 'load', result: { ...info, id: 'qwen3' } } } as MessageEvent<WorkerResponse>);
    worker.reply({ requestId: a!.requestId, kind: 'result', command: 'load', result: info });
    await expect(viaLane).resolves.toMatchObject({ id: 'qwen3' });
    await expect(viaPort).resolves.toMatchObject({ id: 'gpt2' });
    worker.onerror?.({ message: 'crash', preventDefault() {} } as ErrorEvent);
    expect([worker.terminated, lane.closed]).toEqual([true, true]);
  });
});

describe('createLatest', () => {
  it('lets only the latest run win; older results and errors come back stale', async () => {
    const latest = createLatest();
    let resolveOld!: (v: string) => void;
    let rejectOld2!: (e: Error) => void;
    const old = latest.run(new Promise<string>((r) => (resolveOld = r)));
    const old2 = latest.run(new Promise<string>((_, j) => (rejectOld2 = j)));
    const fresh = latest.run(Promise.resolve('new'));
    resolveOld('old');
    rejectOld2(new Error('late failure'));
    await expect(fresh).resolves.toEqual({ stale: false, value: 'new' });
    // A stale result still comes back, for its owner to release; a stale failure has none.
    await expect(old).resolves.toEqual({ stale: true, value: 'old' });
    await expect(old2).resolves.toStrictEqual({ stale: true });
  });

  it('rejects when the latest run fails, and cancel() makes in-flight runs stale', async () => {
    const latest = createLatest();
    await expect(latest.run(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const pending = latest.run(() => Promise.resolve(1));
    latest.cancel();
    await expect(pending).resolves.toEqual({ stale: true, value: 1 });
  });
});

describe('createTokenizerClient: encodeSpans sends edits', () => {
  /** A worker that holds channel texts with the real `ChannelTexts`, and forgets them when it dies. */
  class TextHoldingWorker extends FakeWorker {
    texts = new ChannelTexts();
    override postMessage(message: WorkerRequest, transfer: Transferable[] = []): void {
      super.postMessage(message, transfer);
      if (message.command !== 'encodeSpans') return;
      const { channel, text, tokenizerId } = message.payload;
      let reply: WorkerResponse;
      try {
        const held = this.texts.receive(channel, text);
        const empty = { ids: new Int32Array(0), starts: new Int32Array(0), ends: new Int32Array(0), special: new Uint8Array(0) };
        const result = { tokenizerId, ...empty, characters: held.characters, utf16Units: held.wellFormed.length, utf8Bytes: held.utf8Bytes };
        reply = { requestId: message.requestId, kind: 'result', command: 'encodeSpans', result };
      } catch (error) {
        const { name, message: text, code } = error as LoadError;
        reply = { requestId: message.requestId, kind: 'error', error: { name, message: text, code } };
      }
      queueMicrotask(() => this.reply(reply));
    }
  }

  /** A tokenizer client over `TextHoldingWorker`s (a new one after each crash), asking on one channel. */
  function textHoldingClient() {
    const workers: TextHoldingWorker[] = [];
    const client = new WorkerClient(() => {
      const w = new TextHoldingWorker();
      workers.push(w);
      return w;
    });
    const tokenizer = createTokenizerClient(client, 'http://x/');
    const ask = (text: string) => tokenizer.encodeSpans({ tokenizerId: 'gpt2', text, addSpecialTokens: true, channel: 'view' });
    return { workers, tokenizer, ask };
  }

  it('sends the first text whole and then edits; a restarted worker gets the whole text again', async () => {
    const { workers, ask } = textHoldingClient();
    const kinds = (w: TextHoldingWorker) => w.sent.flatMap((m) => (m.command === 'encodeSpans' ? [m.payload.text.kind] : []));
    const texts = ['Hello world', 'Hello, world 🙂', 'Hello, brave world 🙂!'];
    for (const t of texts) {
      const r = await ask(t);
      expect([r.utf16Units, r.utf8Bytes]).toEqual([t.length, new TextEncoder().encode(t).length]);
    }
    expect(kinds(workers[0]!)).toEqual(['full', 'edit', 'edit']);
    // The worker dies; its successor holds nothing, refuses the edit, and is sent the text whole.
    workers[0]!.onerror?.({ message: 'crash', preventDefault() {} } as ErrorEvent);
    const last = 'Hello, brave new world 🙂!';
    const r = await ask(last);
    expect(r.characters).toBe([...last].length);
    expect(kinds(workers[1]!)).toEqual(['edit', 'full']);
  });

  it('moves the buffers of a handed-back result to the worker with the next request, one set per request', async () => {
    const { workers, tokenizer, ask } = textHoldingClient();
    const spans = (n: number) => ({ ids: new Int32Array(n), starts: new Int32Array(n), ends: new Int32Array(n), special: new Uint8Array(n) });
    await ask('one');
    const a = spans(10);
    const b = spans(20);
    tokenizer.recycleSpans!(a);
    tokenizer.recycleSpans!(b);
    // Arrays sharing one buffer cannot be moved safely: ignored.
    const shared = new ArrayBuffer(64);
    tokenizer.recycleSpans!({ ids: new Int32Array(shared, 0, 4), starts: new Int32Array(shared, 16, 4), ends: new Int32Array(shared, 32, 4), special: new Uint8Array(shared, 48, 4) });
    await ask('one two');
    await ask('one two three');
    await ask('one two three four');
    const w = workers[0]!;
    const spares = w.sent.map((m) => (m.command === 'encodeSpans' ? m.payload.spare : undefined));
    expect(spares.map((s) => s?.ids.byteLength)).toEqual([undefined, 80, 40, undefined]);
    // Each set goes in the request's transfer list, so the page gives it up.
    expect(w.transfers[1]).toEqual([b.ids.buffer, b.starts.buffer, b.ends.buffer, b.special.buffer]);
    expect(w.transfers[2]).toEqual([a.ids.buffer, a.starts.buffer, a.ends.buffer, a.special.buffer]);
    expect(w.transfers[3]).toEqual([]);
  });
});
