import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, type DevtoolsError, MalformedPayloadError } from '../errors.js';
import {
  deeplyNested,
  deeplyNestedProtobufTrace,
  metricsRequestJson,
  otlpBody,
  toProtobuf,
  traceRequestJson,
} from '../test-support/otlp-arbitraries.js';
import { decodeContentEncoding } from './decode-content-encoding.js';
import { decodeMetricsRequest } from './decode-metrics-request.js';
import { decodeTraceRequest } from './decode-trace-request.js';

// Fuzz tests of the OTLP decoders: whatever arrives, the result is decoded data or a typed DevtoolsError
// (400 ERR_MALFORMED_PAYLOAD, or 413 for a gzip bomb) — never an exception of another kind.

const LIMIT = 1024 * 1024;
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function decode(signal: 'traces' | 'metrics', body: Uint8Array, encoding: 'json' | 'protobuf') {
  return signal === 'traces' ? decodeTraceRequest(body, encoding) : decodeMetricsRequest(body, encoding);
}

function expectTypedRefusal(error: unknown, allowed: (typeof DevtoolsError)[]) {
  if (!allowed.some((type) => error instanceof type)) throw error; // shows the unexpected error as it is
  expect((error as DevtoolsError).message.length).toBeGreaterThan(10);
}

describe('OTLP decoders under fuzzing', () => {
  it('valid requests decode, every span kept, and JSON and protobuf give the same spans', () => {
    fc.assert(
      fc.property(traceRequestJson, (request) => {
        const fromJson = decodeTraceRequest(json(request), 'json');
        const fromProtobuf = decodeTraceRequest(toProtobuf('traces', request), 'protobuf');
        const sent = (request as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] }).resourceSpans
          .flatMap((rs) => rs.scopeSpans)
          .flatMap((ss) => ss.spans);
        expect(fromJson.rejected).toBe(0);
        expect(fromJson.spans).toHaveLength(sent.length);
        expect(fromProtobuf).toEqual(fromJson);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(metricsRequestJson, (request) => {
        expect(decodeMetricsRequest(toProtobuf('metrics', request), 'protobuf')).toEqual(
          decodeMetricsRequest(json(request), 'json'),
        );
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('random, mutated and gzip-damaged bodies decode or throw MalformedPayloadError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(otlpBody(), async ({ signal, encoding, gzip, body }) => {
        let plain: Uint8Array;
        try {
          plain = await decodeContentEncoding(body, gzip ? 'gzip' : null, LIMIT);
        } catch (error) {
          expectTypedRefusal(error, [MalformedPayloadError, BodyTooLargeError]);
          return;
        }
        try {
          decode(signal, plain, encoding);
        } catch (error) {
          expectTypedRefusal(error, [MalformedPayloadError]);
        }
      }),
      { numRuns: 600 },
    );
  }, 60_000);

  it('nesting far beyond the limit is refused as malformed, in JSON and protobuf', () => {
    for (const depth of [17, 100, 1000, 3000]) {
      const request = {
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '0af7651916cd43dd8448eb211c80319c',
                    spanId: 'b7ad6b7169203331',
                    attributes: [{ key: 'deep', value: deeplyNested(depth) }],
                  },
                ],
              },
            ],
          },
        ],
      };
      if (depth <= 1000) expect(() => decodeTraceRequest(json(request), 'json')).toThrow(MalformedPayloadError);
      expect(() => decodeTraceRequest(deeplyNestedProtobufTrace(depth), 'protobuf')).toThrow(MalformedPayloadError);
    }
  }, 30_000);
});
