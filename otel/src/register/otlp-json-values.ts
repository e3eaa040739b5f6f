import type { Attributes, AttributeValue, HrTime } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';

/** OTLP/JSON's AnyValue: ints as JSON numbers (what the OpenTelemetry JS JSON exporter sends), bytes as base64. */
export type AnyValue =
  | { stringValue: string }
  | { intValue: number }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { bytesValue: string }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;
export interface KeyValue {
  key: string;
  value: AnyValue;
}

/** A resource as OTLP/JSON, shared by the span and metric serializers. */
export function otlpResource(resource: Resource) {
  return {
    attributes: keyValues(resource.attributes),
    droppedAttributesCount: 0,
    schemaUrl: resource.schemaUrl || undefined,
  };
}

/** An instrumentation scope as OTLP/JSON; its attributes only when it has some (as the JS serializer writes it). */
export function otlpScope(scope: InstrumentationScope & { attributes?: Attributes; droppedAttributesCount?: number }) {
  const attributes = scope.attributes && Object.keys(scope.attributes).length > 0 ? scope.attributes : undefined;
  return {
    name: scope.name,
    version: scope.version,
    ...(attributes
      ? { attributes: keyValues(attributes), droppedAttributesCount: scope.droppedAttributesCount ?? 0 }
      : {}),
  };
}

/** Nanoseconds since the epoch as a decimal string (OTLP/JSON's fixed64). */
export function nanos([seconds, nanoseconds]: HrTime): string {
  return (BigInt(Math.trunc(seconds)) * 1_000_000_000n + BigInt(Math.trunc(nanoseconds))).toString();
}

export function keyValues(attributes: Attributes): KeyValue[] {
  return Object.keys(attributes).map((key) => ({ key, value: anyValue(attributes[key]) }));
}

function anyValue(value: AttributeValue | null | undefined | unknown): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (value instanceof Uint8Array) return { bytesValue: base64(value) };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (typeof value === 'object' && value !== null) {
    return {
      kvlistValue: {
        values: Object.keys(value).map((key) => ({ key, value: anyValue((value as Record<string, unknown>)[key]) })),
      },
    };
  }
  return {};
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
