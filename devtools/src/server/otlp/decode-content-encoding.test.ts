import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, MalformedPayloadError, UnsupportedContentEncodingError } from '../errors.js';
import { decodeContentEncoding } from './decode-content-encoding.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeContentEncoding', () => {
  it('passes identity through and inflates gzip', async () => {
    const body = bytes('{"resourceSpans":[]}');
    expect(await decodeContentEncoding(body, null, 100)).toBe(body);
    expect(await decodeContentEncoding(body, 'identity', 100)).toBe(body);
    expect(await decodeContentEncoding(gzipSync(body), 'GZIP', 100)).toEqual(new Uint8Array(body));
  });

  it('refuses what inflates past the limit (413), bad gzip (400) and other encodings (415)', async () => {
    await expect(decodeContentEncoding(gzipSync(Buffer.alloc(10_000)), 'gzip', 1000)).rejects.toThrow(
      BodyTooLargeError,
    );
    await expect(decodeContentEncoding(bytes('plain'), 'gzip', 1000)).rejects.toThrow(MalformedPayloadError);
    await expect(decodeContentEncoding(bytes('x'), 'br', 1000)).rejects.toThrow(UnsupportedContentEncodingError);
  });
});
