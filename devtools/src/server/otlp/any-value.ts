import { MalformedPayloadError } from '../errors.js';
import { doubleOf, fieldOf, int64Of, type JsonObject, objectAt, optionalObjectField } from './otlp-json-shape.js';
import type { Attributes, AttributeValue } from './received-span.js';
import { setAttribute } from './set-attribute.js';

const MAX_DEPTH = 16;

/** Converts an OTLP `AnyValue` (JSON shape) to a plain value; bytes stay base64, as the JSON mapping sends them. */
export function anyValueToPlain(value: unknown, path: string, depth = 0): AttributeValue {
  if (depth > MAX_DEPTH) throw new MalformedPayloadError(`${path}: values nested deeper than ${MAX_DEPTH}`);
  const any = objectAt(value, path);
  let inner = fieldOf(any, 'stringValue', 'string_value');
  if (inner !== undefined) {
    if (typeof inner === 'string') return inner;
    throw new MalformedPayloadError(`${path}.stringValue: expected a string`);
  }
  inner = fieldOf(any, 'boolValue', 'bool_value');
  if (inner !== undefined) {
    if (typeof inner === 'boolean') return inner;
    throw new MalformedPayloadError(`${path}.boolValue: expected a boolean`);
  }
  inner = fieldOf(any, 'intValue', 'int_value');
  if (inner !== undefined) return int64Of(inner, `${path}.intValue`);
  inner = fieldOf(any, 'doubleValue', 'double_value');
  if (inner !== undefined) return doubleOf(inner, `${path}.doubleValue`);
  inner = fieldOf(any, 'arrayValue', 'array_value');
  if (inner !== undefined) {
    const values = fieldOf(objectAt(inner, `${path}.arrayValue`), 'values') ?? [];
    if (!Array.isArray(values)) throw new MalformedPayloadError(`${path}.arrayValue.values: expected an array`);
    return values.map((item, i) => anyValueToPlain(item, `${path}.arrayValue.values[${i}]`, depth + 1));
  }
  inner = fieldOf(any, 'kvlistValue', 'kvlist_value');
  if (inner !== undefined) {
    return keyValuesToAttributes(
      fieldOf(objectAt(inner, `${path}.kvlistValue`), 'values'),
      `${path}.kvlistValue`,
      depth + 1,
    );
  }
  inner = fieldOf(any, 'bytesValue', 'bytes_value');
  if (inner !== undefined) {
    if (typeof inner === 'string') return inner;
    throw new MalformedPayloadError(`${path}.bytesValue: expected a base64 string`);
  }
  return null;
}

/** Converts a repeated OTLP `KeyValue` into a record (a later duplicate key wins). */
export function keyValuesToAttributes(list: unknown, path: string, depth = 0): Attributes {
  const attributes: Attributes = {};
  if (list === undefined || list === null) return attributes;
  if (!Array.isArray(list)) throw new MalformedPayloadError(`${path}: expected an array of key/values`);
  for (let i = 0; i < list.length; i++) {
    const entry: JsonObject = objectAt(list[i], `${path}[${i}]`);
    const key = entry.key;
    if (typeof key !== 'string') throw new MalformedPayloadError(`${path}[${i}].key: expected a string`);
    const value = entry.value;
    setAttribute(
      attributes,
      key,
      value === undefined || value === null ? null : anyValueToPlain(value, `${path}[${i}].value`, depth),
    );
  }
  return attributes;
}

/** The attributes of a `ResourceSpans`/`ResourceMetrics` entry's optional `resource` (empty when absent). */
export function resourceAttributes(container: JsonObject, path: string): Attributes {
  const resource = optionalObjectField(container, path, 'resource');
  return resource ? keyValuesToAttributes(resource.attributes, `${path}.resource.attributes`) : {};
}
