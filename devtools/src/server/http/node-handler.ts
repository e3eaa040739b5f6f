import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A Web-standard request handler, as the devtools app is written. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Adapts a Web-standard handler to `node:http`: the request becomes a `Request` (its body a stream, its
 * `signal` aborted when the client goes away) and the `Response` is streamed back with backpressure, so
 * long-lived responses such as Server-Sent Events work and end when the client disconnects.
 */
export function toNodeHandler(handler: FetchHandler, onError?: (error: unknown) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    void (async () => {
      let response: Response;
      try {
        response = await handler(toRequest(req, abort.signal));
      } catch (error) {
        onError?.(error);
        response = Response.json({ error: 'ERR_INTERNAL', message: 'internal error' }, { status: 500 });
      }
      await writeResponse(response, res, abort.signal);
    })().catch((error) => {
      onError?.(error);
      res.destroy();
    });
  };
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // The URL's origin is not trusted for anything; only the path and query are read.
  const url = new URL(req.url ?? '/', 'http://devtools.invalid');
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (!response.body) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  try {
    // Most answers are one chunk: send them with a Content-Length in a single write (headers and body together).
    // An event stream must not wait for a second chunk before its headers go out.
    const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
    const first = await reader.read();
    const second = first.done || streaming ? undefined : await reader.read();
    if (first.done || second?.done) {
      const body = first.value ?? new Uint8Array(0);
      headers['content-length'] = String(body.byteLength);
      res.writeHead(response.status, headers);
      res.end(body);
      return;
    }
    res.writeHead(response.status, headers);
    let chunk: ReadableStreamReadResult<Uint8Array> = first;
    let next = second;
    for (;;) {
      if (chunk.done) break;
      if (!res.write(chunk.value)) await drained(res);
      if (signal.aborted) return;
      chunk = next ?? (await reader.read());
      next = undefined;
    }
    res.end();
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const settle = () => {
      res.off('drain', settle);
      res.off('close', settle);
      resolve();
    };
    res.once('drain', settle);
    res.once('close', settle);
  });
}
