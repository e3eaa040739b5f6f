import { describe, expect, it } from 'vitest';
import { eventStreamResponse, formatServerSentEvent, type ServerSentEvent } from './event-stream.js';

describe('formatServerSentEvent', () => {
  it('writes event, optional id and one JSON data line', () => {
    expect(formatServerSentEvent({ event: 'decision', data: { a: 'line\nbreak' }, id: '7' })).toBe(
      'event: decision\nid: 7\ndata: {"a":"line\\nbreak"}\n\n',
    );
  });
});

describe('eventStreamResponse', () => {
  it('disconnects a client that stops reading instead of buffering without bound', async () => {
    let send: (event: ServerSentEvent) => void = () => {};
    let unsubscribed = false;
    const abort = new AbortController();
    const response = eventStreamResponse({
      signal: abort.signal,
      heartbeatMs: 60_000,
      maxBacklog: 5,
      subscribe: (s) => {
        send = s;
        return () => {
          unsubscribed = true;
        };
      },
    });
    for (let i = 0; i < 50; i++) send({ event: 'decision', data: i });
    expect(unsubscribed).toBe(true);
    const text = await response.text(); // what was queued, then the end
    const delivered = text.match(/^event: decision$/gm) ?? [];
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(10);
  });

  it('unsubscribes when the request is aborted', async () => {
    let unsubscribed = false;
    const abort = new AbortController();
    const response = eventStreamResponse({
      signal: abort.signal,
      heartbeatMs: 60_000,
      initial: [{ event: 'hello', data: {} }],
      subscribe: () => () => {
        unsubscribed = true;
      },
    });
    abort.abort();
    expect(unsubscribed).toBe(true);
    expect(await response.text()).toBe('retry: 2000\n: connected\n\nevent: hello\ndata: {}\n\n');
  });
});
