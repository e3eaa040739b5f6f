/** One Server-Sent Event. `data` is sent as JSON. */
export interface ServerSentEvent {
  event: string;
  data: unknown;
  id?: string;
}

export interface EventStreamOptions {
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** Calls `send` for every event until the returned function is called. */
  subscribe: (send: (event: ServerSentEvent) => void) => () => void;
  /** A comment line every so often keeps proxies and the browser from timing the connection out. */
  heartbeatMs: number;
  /** A client this many events behind is disconnected (it reconnects and refetches) instead of buffering more. */
  maxBacklog?: number;
  /** Events to send first (say, a `hello` with the server's state). */
  initial?: readonly ServerSentEvent[];
}

const encoder = new TextEncoder();

export function formatServerSentEvent({ event, data, id }: ServerSentEvent): string {
  const json = JSON.stringify(data);
  return `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${json}\n\n`;
}

/** A `text/event-stream` response fed by `subscribe`, with heartbeats, ending when the client disconnects. */
export function eventStreamResponse(options: EventStreamOptions): Response {
  const maxBacklog = options.maxBacklog ?? 1000;
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed or errored by a cancel
          }
        };
        const push = (text: string) => {
          if (closed) return;
          if ((controller.desiredSize ?? 0) < -maxBacklog) return close();
          controller.enqueue(encoder.encode(text));
        };
        push('retry: 2000\n: connected\n\n');
        for (const event of options.initial ?? []) push(formatServerSentEvent(event));
        const unsubscribe = options.subscribe((event) => push(formatServerSentEvent(event)));
        const heartbeat = setInterval(() => push(`: heartbeat ${new Date().toISOString()}\n\n`), options.heartbeatMs);
        const onAbort = () => close();
        options.signal.addEventListener('abort', onAbort, { once: true });
        cleanup = () => {
          clearInterval(heartbeat);
          unsubscribe();
          options.signal.removeEventListener('abort', onAbort);
        };
        if (options.signal.aborted) close();
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: 1, size: () => 1 },
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
