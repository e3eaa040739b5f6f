import { gunzip } from 'node:zlib';
import { BodyTooLargeError, MalformedPayloadError, UnsupportedContentEncodingError } from '../errors.js';

/**
 * Undoes the request's `Content-Encoding` (OTLP/HTTP allows `gzip`). The inflated size is capped too, so a
 * small gzip bomb is refused with 413 instead of filling memory.
 */
export async function decodeContentEncoding(
  body: Uint8Array,
  contentEncoding: string | null,
  maxBytes: number,
): Promise<Uint8Array> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return body;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new UnsupportedContentEncodingError(
      `Content-Encoding "${encoding.slice(0, 40)}" is not supported; send gzip or no encoding`,
    );
  }
  return new Promise((resolve, reject) => {
    gunzip(body, { maxOutputLength: maxBytes }, (error, inflated) => {
      if (!error) return resolve(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength));
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        reject(new BodyTooLargeError(`request body exceeds the limit of ${maxBytes} bytes once decompressed`));
      } else {
        reject(new MalformedPayloadError('request body is not valid gzip', { cause: error }));
      }
    });
  });
}
