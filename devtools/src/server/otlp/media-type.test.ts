import { describe, expect, it } from 'vitest';
import { UnsupportedMediaTypeError } from '../errors.js';
import { otlpEncodingOf } from './media-type.js';

describe('otlpEncodingOf', () => {
  it.each([
    ['application/json', 'json'],
    ['Application/JSON; charset=utf-8', 'json'],
    ['application/x-protobuf', 'protobuf'],
    ['application/protobuf', 'protobuf'],
  ] as const)('%s → %s', (contentType, encoding) => {
    expect(otlpEncodingOf(contentType)).toBe(encoding);
  });

  it.each([null, '', 'text/plain', 'application/jsonx', 'multipart/form-data'])(
    'refuses %s with 415',
    (contentType) => {
      expect(() => otlpEncodingOf(contentType)).toThrow(UnsupportedMediaTypeError);
    },
  );
});
