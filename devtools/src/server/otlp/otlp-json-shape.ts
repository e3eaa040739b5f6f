import { MalformedPayloadError } from '../errors.js';

/**
 * Small readers for the OTLP/JSON shape (the protobuf JSON mapping): lowerCamelCase names, with the original
 * snake_case names accepted too as the mapping allows; 64-bit integers as strings or numbers; enums as numbers or
 * names. Each takes the path of the value so a malformed payload is reported precisely.
 */
export type JsonObject = Record<string, unknown>;

export function objectAt(value: unknown, path: string): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  throw new MalformedPayloadError(`${path}: expected an object`);
}

/** The field under its camelCase or snake_case name; `undefined` and `null` both mean absent. */
export function fieldOf(object: JsonObject, camel: string, snake?: string): unknown {
  const value = object[camel] ?? (snake === undefined ? undefined : object[snake]);
  return value === null ? undefined : value;
}

export function arrayField(object: JsonObject, path: string, camel: string, snake?: string): unknown[] {
  const value = fieldOf(object, camel, snake);
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  throw new MalformedPayloadError(`${path}.${camel}: expected an array`);
}

export function optionalObjectField(
  object: JsonObject,
  path: string,
  camel: string,
  snake?: string,
): JsonObject | undefined {
  const value = fieldOf(object, camel, snake);
  return value === undefined ? undefined : objectAt(value, `${path}.${camel}`);
}

export function stringField(object: JsonObject, path: string, camel: string, snake?: string): string {
  const value = fieldOf(object, camel, snake);
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  throw new MalformedPayloadError(`${path}.${camel}: expected a string`);
}

const DECIMAL = /^\d{1,20}$/;

/** A fixed64 Unix-nanosecond time (a decimal string or a number) as Unix epoch milliseconds (0 when absent). */
export function nanosAsMillisField(object: JsonObject, path: string, camel: string, snake?: string): number {
  const value = fieldOf(object, camel, snake);
  if (value === undefined) return 0;
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value) / 1e6;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value / 1e6;
  throw new MalformedPayloadError(`${path}.${camel}: expected a non-negative integer (nanoseconds)`);
}

/** A 64-bit integer (string or number in JSON) as a JS number. */
export function int64Of(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return Number(value);
  throw new MalformedPayloadError(`${path}: expected an integer`);
}

/** A double, which the JSON mapping may also spell "NaN", "Infinity", "-Infinity" or as a numeric string. */
export function doubleOf(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    if (!Number.isNaN(parsed) || value === 'NaN') return parsed;
  }
  throw new MalformedPayloadError(`${path}: expected a number`);
}

/** An enum given as its number or its name (`names[i]` is the name of value i). */
export function enumField(object: JsonObject, path: string, names: readonly string[], camel: string): number {
  const value = fieldOf(object, camel);
  if (value === undefined) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    if (index >= 0) return index;
  }
  throw new MalformedPayloadError(`${path}.${camel}: expected one of ${names.join(', ')}`);
}
