import type protobuf from 'protobufjs';
import { MalformedPayloadError } from '../errors.js';
import type { OtlpEncoding } from './media-type.js';
import { TO_OTLP_OBJECT } from './otlp-proto.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses an OTLP request body into the OTLP/JSON object shape: JSON as is; protobuf decoded with `type` and
 * converted (ids and bytes base64, 64-bit integers as strings, enums as numbers). Throws 400 on bad input.
 */
export function decodeOtlpBody(body: Uint8Array, encoding: OtlpEncoding, type: protobuf.Type): unknown {
  if (encoding === 'json') {
    try {
      return JSON.parse(utf8.decode(body));
    } catch (error) {
      throw new MalformedPayloadError(`body is not valid JSON: ${(error as Error).message.slice(0, 120)}`, {
        cause: error,
      });
    }
  }
  let message: protobuf.Message;
  try {
    message = type.decode(body);
  } catch (error) {
    throw new MalformedPayloadError(
      `body is not a valid protobuf ${type.name}: ${(error as Error).message.slice(0, 120)}`,
      {
        cause: error,
      },
    );
  }
  return type.toObject(message, TO_OTLP_OBJECT);
}
