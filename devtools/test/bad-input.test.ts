import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecisionListResponse, type RunningDevtools, startDevtools } from '../src/index.js';
import { otlpProto } from '../src/server/otlp/otlp-proto.js';
import { unusedUrl } from './support/capture-server.js';
import { middlewareExport, newTraceId } from './support/otlp-json.js';

const MAX_BODY = 64 * 1024;
let devtools: RunningDevtools;
beforeAll(async () => {
  // Forwarding to nowhere too: bad input must not be forwarded, good input must not be held up.
  devtools = await startDevtools({ port: 0, maxBodyBytes: MAX_BODY, forward: await unusedUrl() });
});
afterAll(async () => {
  await devtools.close();
});

function post(body: BodyInit, headers: Record<string, string>, path = '/v1/traces') {
  return fetch(`${devtools.url}${path}`, { method: 'POST', headers, body });
}

async function storedIds(): Promise<string[]> {
  const page = (await (await fetch(`${devtools.url}/api/requests`)).json()) as DecisionListResponse;
  return page.items.map((item) => item.id);
}

const json = { 'content-type': 'application/json' };
const protobuf = { 'content-type': 'application/x-protobuf' };

describe('bad input', () => {
  it('is refused with 400/413/415 and a message; what was stored stays, and the server keeps accepting', async () => {
    expect((await post(JSON.stringify(middlewareExport('req_before', newTraceId())), json)).status).toBe(200);
    const before = devtools.stats();

    const cases: [string, Promise<Response>, number, string][] = [
      ['malformed JSON', post('{"resourceSpans": [', json), 400, 'ERR_MALFORMED_PAYLOAD'],
      ['JSON of the wrong shape', post('{"resourceSpans": {"not": "an array"}}', json), 400, 'ERR_MALFORMED_PAYLOAD'],
      ['a JSON array', post('[1,2,3]', json), 400, 'ERR_MALFORMED_PAYLOAD'],
      ['invalid UTF-8', post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), json), 400, 'ERR_MALFORMED_PAYLOAD'],
      [
        'a bad intValue',
        post(JSON.stringify(withAttribute({ intValue: 'twelve' })), json),
        400,
        'ERR_MALFORMED_PAYLOAD',
      ],
      ['not gzip', post('plain text', { ...json, 'content-encoding': 'gzip' }), 400, 'ERR_MALFORMED_PAYLOAD'],
      [
        'an unknown encoding',
        post('{}', { ...json, 'content-encoding': 'br' }),
        415,
        'ERR_UNSUPPORTED_CONTENT_ENCODING',
      ],
      ['a wrong content type', post('{}', { 'content-type': 'text/plain' }), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
      ['no content type', post(new Uint8Array([1]), {}), 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
      ['an oversized body', post('x'.repeat(MAX_BODY + 1), json), 413, 'ERR_BODY_TOO_LARGE'],
      [
        'a gzip bomb',
        post(gzipSync(Buffer.alloc(MAX_BODY * 20)), { ...json, 'content-encoding': 'gzip' }),
        413,
        'ERR_BODY_TOO_LARGE',
      ],
      ['bad metrics JSON', post('{"resourceMetrics": 5}', json, '/v1/metrics'), 400, 'ERR_MALFORMED_PAYLOAD'],
    ];
    for (const [name, pending, status, code] of cases) {
      const response = await pending;
      expect(response.status, name).toBe(status);
      expect(response.headers.get('content-type'), name).toBe('application/json');
      const body = (await response.json()) as { message: string; error: string };
      expect(body.error, name).toBe(code);
      expect(body.message.length, name).toBeGreaterThan(10);
    }

    // Nothing above was stored or forwarded, and the server still takes good input.
    expect(devtools.stats().store).toEqual(before.store);
    expect(devtools.stats().received.traceRequests).toBe(before.received.traceRequests);
    expect(await storedIds()).toEqual(['req_before']);
    expect((await post(JSON.stringify(middlewareExport('req_after', newTraceId())), json)).status).toBe(200);
    expect(await storedIds()).toEqual(['req_after', 'req_before']);
  });

  it('malformed protobuf gets 400 with a google.rpc.Status protobuf body', async () => {
    const response = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), protobuf);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    const status = otlpProto().Status.toObject(otlpProto().Status.decode(new Uint8Array(await response.arrayBuffer())));
    expect(status).toMatchObject({
      code: 3,
      message: expect.stringContaining('not a valid protobuf ExportTraceServiceRequest'),
    });
  });

  it('an oversized body announced by Content-Length is refused before it is read', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${devtools.url}/v1/traces`, {
        method: 'POST',
        headers: { ...json, 'content-length': String(MAX_BODY * 100) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      req.write('{"resourceSpans":['); // the rest never comes
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: 'ERR_BODY_TOO_LARGE' });
  });

  it('an oversized body streamed without Content-Length is cut off with 413 once it passes the limit', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${devtools.url}/v1/traces`, {
        method: 'POST',
        headers: { ...json, 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(8 * 1024);
      let sent = 0;
      const sendMore = () => {
        if (req.destroyed || sent > MAX_BODY * 4) return req.end();
        sent += chunk.length;
        req.write(chunk);
        setTimeout(sendMore, 1);
      };
      sendMore();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: 'ERR_BODY_TOO_LARGE' });
    expect((await fetch(`${devtools.url}/healthz`)).status).toBe(200);
  });

  it('spans with invalid ids are skipped and reported as a partial success; the valid ones are kept', async () => {
    const payload = middlewareExport('req_partial', newTraceId());
    const good = payload.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    payload.resourceSpans[0]!.scopeSpans[0]!.spans.push(
      { ...good, traceId: 'not-hex', spanId: 'abcdefabcdefabcd' },
      { ...good, traceId: '0'.repeat(32), spanId: 'abcdefabcdefabce' },
    );
    const response = await post(JSON.stringify(payload), json);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      partialSuccess: { rejectedSpans: 2, errorMessage: '2 span(s) had an invalid trace or span id' },
    });
    expect(await storedIds()).toContain('req_partial');
  });

  it('the API refuses requests addressed to a non-loopback name (DNS rebinding); OTLP is still accepted', async () => {
    const withHost = (path: string, method: string, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${devtools.url}${path}`, {
          method,
          headers: { host: 'rebound.attacker.example', ...json },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await withHost('/api/requests', 'GET')).toBe(421);
    expect(await withHost('/', 'GET')).toBe(421);
    expect(await withHost('/v1/traces', 'POST', JSON.stringify(middlewareExport('req_rebound', newTraceId())))).toBe(
      200,
    );
  });

  it('unknown paths get 404 and wrong methods 405', async () => {
    expect((await fetch(`${devtools.url}/v1/logs`, { method: 'POST', headers: json, body: '{}' })).status).toBe(404);
    expect((await fetch(`${devtools.url}/v1/traces`)).status).toBe(405);
    expect((await fetch(`${devtools.url}/api/requests`, { method: 'DELETE' })).status).toBe(405);
  });
});

function withAttribute(value: unknown) {
  const payload = middlewareExport('req_bad_attr', newTraceId()) as unknown as {
    resourceSpans: { scopeSpans: { spans: { attributes: unknown[] }[] }[] }[];
  };
  payload.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes.push({ key: 'n', value });
  return payload;
}
