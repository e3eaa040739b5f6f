import { describe, expect, it } from 'vitest';
import { BodyTooLargeError } from '../errors.js';
import { readBody } from './read-body.js';

/** A request whose body streams in `chunks` without a Content-Length (chunked transfer). */
function streamed(chunks: number[], onPull?: () => void): Request {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (index < chunks.length) controller.enqueue(new Uint8Array(chunks[index++]!).fill(120));
      else controller.close();
    },
  });
  return new Request('http://x/v1/traces', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('readBody', () => {
  it('reads a streamed body whole', async () => {
    expect((await readBody(streamed([3, 4, 5]), 12)).byteLength).toBe(12);
    expect((await readBody(new Request('http://x/'), 12)).byteLength).toBe(0);
  });

  it('stops reading as soon as a streamed body passes the limit', async () => {
    let pulls = 0;
    await expect(
      readBody(
        streamed([10, 10, 10, 10, 10, 10], () => pulls++),
        25,
      ),
    ).rejects.toThrow(BodyTooLargeError);
    expect(pulls).toBeLessThan(6);
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const request = new Request('http://x/', {
      method: 'POST',
      body: 'x'.repeat(50),
      headers: { 'content-length': '50' },
    });
    await expect(readBody(request, 10)).rejects.toThrow('request body exceeds the limit of 10 bytes');
    expect(request.bodyUsed).toBe(false);
  });
});
