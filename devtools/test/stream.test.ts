import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DecisionListItem, type RunningDevtools, startDevtools } from '../src/index.js';
import { middlewareExport, newTraceId } from './support/otlp-json.js';

let devtools: RunningDevtools;
beforeEach(async () => {
  devtools = await startDevtools({ port: 0, heartbeatMs: 100 });
});
afterEach(async () => {
  await devtools.close();
});

interface ReceivedEvent {
  event: string;
  data: unknown;
}

/** Reads a `text/event-stream` body, collecting events (and counting heartbeat comments) as they come. */
function readEvents(response: Response) {
  const events: ReceivedEvent[] = [];
  let heartbeats = 0;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const done = (async () => {
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (block.startsWith(': heartbeat')) heartbeats++;
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })().catch(() => {});
  return { events, heartbeats: () => heartbeats, cancel: () => reader.cancel(), done };
}

async function until(check: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function send(requestId: string, path = '/dashboard', traceId = newTraceId(), userId = 'user_json') {
  return fetch(`${devtools.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(middlewareExport(requestId, traceId, path, userId)),
  });
}

describe('GET /api/stream', () => {
  it('sends hello, then new and updated decisions as they are assembled, with heartbeats', async () => {
    await send('req_old');
    const response = await fetch(`${devtools.url}/api/stream`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const stream = readEvents(response);
    await until(() => stream.events.length >= 1);
    expect(stream.events[0]).toEqual({ event: 'hello', data: { total: 1, timeMs: expect.any(Number) } });

    const traceId = newTraceId();
    await send('req_live', '/live', traceId);
    await until(() => stream.events.length >= 2);
    const created = stream.events[1]!.data as { change: string; item: DecisionListItem };
    expect(stream.events[1]!.event).toBe('decision');
    expect(created.change).toBe('new');
    expect(created.item).toMatchObject({ id: 'req_live', decision: { path: '/live', outcome: 'signed_in' } });

    // A later batch of the same trace (the same span re-sent with another user) updates the decision.
    await send('req_live', '/live', traceId, 'user_later');
    await until(() => stream.events.length >= 3);
    expect(stream.events[2]).toMatchObject({
      event: 'decision',
      data: { change: 'updated', item: { id: 'req_live', decision: { userId: 'user_later' } } },
    });

    await until(() => stream.heartbeats() >= 2);
    await stream.cancel();
  });

  it('sends its headers and first events at once, not at the first heartbeat', async () => {
    const quiet = await startDevtools({ port: 0, heartbeatMs: 60_000 });
    try {
      const started = performance.now();
      const stream = readEvents(await fetch(`${quiet.url}/api/stream`));
      await until(() => stream.events.length >= 1, 2000);
      expect(performance.now() - started).toBeLessThan(2000);
      await stream.cancel();
    } finally {
      await quiet.close();
    }
  });

  it('takes the list filters', async () => {
    const stream = readEvents(await fetch(`${devtools.url}/api/stream?path=admin`));
    await until(() => stream.events.length >= 1);
    await send('req_other', '/dashboard');
    await send('req_admin', '/admin/users');
    // req_other was stored first: had the filter let it through, its event would be on the stream before req_admin's.
    const ids = () => stream.events.slice(1).map((e) => (e.data as { item: DecisionListItem }).item.id);
    await until(() => ids().includes('req_admin'));
    expect(ids()).toEqual(['req_admin']);
    await stream.cancel();
  });

  it('lets go of a client that disconnects, and close() ends open streams', async () => {
    const first = readEvents(await fetch(`${devtools.url}/api/stream`));
    await until(() => first.events.length >= 1);
    expect(devtools.stats().store.subscribers).toBe(1);
    await first.cancel();
    await until(() => devtools.stats().store.subscribers === 0);
    const second = readEvents(await fetch(`${devtools.url}/api/stream`));
    await until(() => second.events.length >= 1);
    await send('req_after_disconnect');
    await until(() => second.events.length >= 2);
    await devtools.close();
    await second.done; // the stream ended instead of hanging
  });
});
