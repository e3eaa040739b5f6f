import type protobuf from 'protobufjs';
import { MalformedPayloadError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses an OTLP/JSON body; 400 when it is not UTF-8 JSON. */
export function parseJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(body));
  } catch (error) {
    throw new MalformedPayloadError(`body is not valid JSON: ${(error as Error).message.slice(0, 120)}`, {
      cause: error,
    });
  }
}

/** Decodes an OTLP/protobuf body as `type`; 400 when it is not a valid message. */
export function decodeProtobufBody(body: Uint8Array, type: protobuf.Type): protobuf.Message {
  try {
    return type.decode(body);
  } catch (error) {
    throw new MalformedPayloadError(
      `body is not a valid protobuf ${type.name}: ${(error as Error).message.slice(0, 120)}`,
      { cause: error },
    );
  }
}
