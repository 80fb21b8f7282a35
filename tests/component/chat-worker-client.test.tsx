// The chat-template worker client: a wall-clock timeout terminates the worker and replays the other renders on a
// fresh one; a crashed worker fails what was pending; share links round-trip and stay bounded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatWorkerClient, specialTokensFromInfo, type ChatWorkerLike } from '../../src/lib/chat-client';
import { decodeTemplate, encodeTemplate, MAX_SHARED_CHARS, shareUrl } from '../../src/features/chat/share';
import { diffWords } from '../../src/features/chat/diff';
import { tokensPerSegment } from '../../src/features/chat/segment-counts';
import type { ChatRenderRequest, ChatWorkerRequest, ChatWorkerResponse } from '../../src/worker/chat-protocol';
import { infoFor } from './fake-client';

class FakeWorker implements ChatWorkerLike {
  static all: FakeWorker[] = [];
  received: ChatWorkerRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<ChatWorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: ChatWorkerRequest): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(requestId: number, text: string): void {
    this.onmessage?.({ data: { requestId, result: { ok: true, text, templateName: null, undefinedNames: [], usedStrftime: false, segments: null, lints: [] } } } as unknown as MessageEvent<ChatWorkerResponse>);
  }
}

const req = (content: string): ChatRenderRequest => ({
  template: '{{ messages[0].content }}',
  templateName: null,
  messages: [{ role: 'user', content }],
  tools: null,
  documents: null,
  addGenerationPrompt: false,
  continueFinalMessage: false,
  specialTokens: {},
  extraVariables: {},
  now: null,
  tokenizerAddsBos: false,
  segment: false,
});

beforeEach(() => {
  FakeWorker.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ChatWorkerClient', () => {
  it('answers renders from the worker', async () => {
    const client = new ChatWorkerClient(() => new FakeWorker(), 2000);
    const p = client.render(req('a'));
    const w = FakeWorker.all[0]!;
    w.reply(w.received[0]!.requestId, 'a');
    await expect(p).resolves.toMatchObject({ ok: true, text: 'a' });
  });

  it('terminates a worker stuck past the timeout, reports it, and replays the other renders on a fresh worker', async () => {
    const client = new ChatWorkerClient(() => new FakeWorker(), 2000);
    const stuck = client.render(req('loop'));
    vi.advanceTimersByTime(500);
    const next = client.render(req('next'));
    vi.advanceTimersByTime(1500);
    await expect(stuck).resolves.toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    expect(client.restarts).toBe(1);
    const fresh = FakeWorker.all[1]!;
    expect(fresh.received.map((m) => m.payload.messages[0]!.content)).toEqual(['next']);
    // the replayed render gets a full timeout of its own
    vi.advanceTimersByTime(1900);
    fresh.reply(fresh.received[0]!.requestId, 'next');
    await expect(next).resolves.toMatchObject({ ok: true, text: 'next' });
  });

  it('stops a superseded render that is still running instead of waiting for its timeout', async () => {
    const client = new ChatWorkerClient(() => new FakeWorker(), 2000);
    const old = new AbortController();
    const stuck = client.render(req('loop'), old.signal);
    vi.advanceTimersByTime(300);
    const next = client.render(req('next'));
    old.abort();
    await expect(stuck).resolves.toMatchObject({ ok: false });
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    const fresh = FakeWorker.all[1]!;
    expect(fresh.received.map((m) => m.payload.messages[0]!.content)).toEqual(['next']);
    fresh.reply(fresh.received[0]!.requestId, 'next');
    await expect(next).resolves.toMatchObject({ ok: true, text: 'next' });
  });

  it('does not restart the worker for a superseded render that has only just started', async () => {
    const client = new ChatWorkerClient(() => new FakeWorker(), 2000);
    const c = new AbortController();
    void client.render(req('a'), c.signal);
    c.abort();
    expect(FakeWorker.all[0]!.terminated).toBe(false);
    expect(client.restarts).toBe(0);
  });

  it('fails pending renders when the worker crashes, and starts a new worker for the next one', async () => {
    const client = new ChatWorkerClient(() => new FakeWorker(), 2000);
    const p = client.render(req('a'));
    FakeWorker.all[0]!.onerror?.({ message: 'boom', preventDefault: () => {} } as ErrorEvent);
    await expect(p).resolves.toMatchObject({ ok: false, error: { kind: 'crash', message: 'boom' } });
    void client.render(req('b'));
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('ignores a late reply after a timeout', async () => {
    const client = new ChatWorkerClient(() => new FakeWorker(), 2000);
    const p = client.render(req('a'));
    const w = FakeWorker.all[0]!;
    vi.advanceTimersByTime(2000);
    w.reply(w.received[0]!.requestId, 'late');
    await expect(p).resolves.toMatchObject({ ok: false });
  });
});

describe('chat helpers', () => {
  it('rebuilds special_tokens_map from tokenizer info (no control tokens)', () => {
    const info = { ...infoFor('x'), specialTokens: [
      { role: 'bos' as const, content: '<s>', id: 1 },
      { role: 'eos' as const, content: '</s>', id: 2 },
      { role: 'additional' as const, content: '<tool>', id: 3 },
      { role: 'control' as const, content: '<|im_end|>', id: 4 },
    ] };
    expect(specialTokensFromInfo(info)).toEqual({ bos_token: '<s>', eos_token: '</s>', additional_special_tokens: ['<tool>'] });
  });

  it('diffs words so shared message text lines up and the parts rebuild both texts', () => {
    const a = '<s>[INST] Hello there [/INST]';
    const b = '<|user|>\nHello there<|end|>';
    const ops = diffWords(a, b)!;
    expect(ops.filter((o) => o.op !== 'add').map((o) => o.text).join('')).toBe(a);
    expect(ops.filter((o) => o.op !== 'del').map((o) => o.text).join('')).toBe(b);
    expect(ops.some((o) => o.op === 'same' && o.text.includes('Hello'))).toBe(true);
  });

  it('assigns tokens to the segment they start in', () => {
    const segments = [
      { kind: 'system' as const, start: 0, end: 10, messageIndex: 0 },
      { kind: 'history' as const, start: 10, end: 20, messageIndex: 1 },
      { kind: 'generation' as const, start: 20, end: 25 },
    ];
    expect(tokensPerSegment(segments, Int32Array.from([0, 4, 9, 10, 15, 21]))).toEqual({ system: 3, tools: 0, history: 2, generation: 1 });
  });
});

describe('share links', () => {
  beforeEach(() => vi.useRealTimers());
  it('round-trips a template through the URL and refuses ones too long for a link', async () => {
    const template = '{% for m in messages %}{{ m.content }} ✓ 🙂{% endfor %}\n'.repeat(20);
    expect(await decodeTemplate(await encodeTemplate(template))).toBe(template);
    const url = new URL((await shareUrl('https://x.test/?view=tokens&text=hi', 'qwen3', template))!);
    expect(url.searchParams.get('view')).toBe('chat');
    expect(url.searchParams.get('tokenizer')).toBe('qwen3');
    expect(url.searchParams.has('text')).toBe(false);
    expect(await decodeTemplate(url.searchParams.get('template')!)).toBe(template);
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
    const random = Array.from({ length: 40_000 }, () => String.fromCharCode(33 + (next() % 90))).join('');
    expect((await encodeTemplate(random)).length).toBeGreaterThan(MAX_SHARED_CHARS);
    expect(await shareUrl('https://x.test/', 'qwen3', random)).toBeNull();
  });
});
