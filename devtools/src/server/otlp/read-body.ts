import { BodyTooLargeError } from '../errors.js';

/**
 * Reads a request body into memory, refusing (413) once it grows past `maxBytes`, before buffering more.
 * The bytes are returned exactly as received (still compressed, if they were), so they can be forwarded unchanged.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  // Stream chunks are views of plain ArrayBuffers (never shared memory) in Node and browsers.
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(maxBytes: number): BodyTooLargeError {
  return new BodyTooLargeError(`request body exceeds the limit of ${maxBytes} bytes`);
}
