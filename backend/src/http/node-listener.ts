/**
 * Adapts a Web `fetch`-style handler to node:http. Bodies are read whole, up to a limit: a larger body is answered
 * 413 in Clerk's error shape without reaching any handler.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { ApiError } from './api-error.js';
import type { FetchHandler } from './fetch-handler.js';
import { errorResponse } from './respond.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

export function toNodeListener(handler: FetchHandler, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): RequestListener {
  return (req, res) => {
    void serve(handler, maxBodyBytes, req, res);
  };
}

async function serve(handler: FetchHandler, maxBodyBytes: number, req: IncomingMessage, res: ServerResponse) {
  let response: Response;
  try {
    const body = await readBody(req, maxBodyBytes);
    const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`), {
      method: req.method ?? 'GET',
      headers: toHeaders(req),
      ...(body ? { body: new Uint8Array(body) as Uint8Array<ArrayBuffer> } : {}),
    });
    response = await handler(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      response = errorResponse(
        new ApiError(413, 'request_body_too_large', 'Request body too large', {
          longMessage: `The request body exceeds ${maxBodyBytes} bytes.`,
        }),
      );
      res.setHeader('connection', 'close');
    } else {
      response = errorResponse(new ApiError(400, 'malformed_request', 'The request could not be read.'));
    }
  }
  await writeResponse(res, response, req.method === 'HEAD');
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.resume();
    return Promise.resolve(undefined);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolve(size > 0 ? Buffer.concat(chunks) : undefined);
    });
    req.on('error', reject);
  });
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function writeResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const body = head ? undefined : Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (body) res.setHeader('content-length', body.length);
  res.end(body);
}
