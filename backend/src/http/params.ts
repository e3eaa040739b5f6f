/**
 * Typed readers for request bodies and query strings. Each throws Clerk's 400 (`form_param_missing` /
 * `form_param_format_invalid`) naming the field, so a handler validates everything before it writes anything.
 */
import { paramInvalid, paramMissing } from './api-error.js';

type Body = Readonly<Record<string, unknown>>;

export function requiredString(body: Body, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw paramMissing(name);
  if (typeof value !== 'string') throw paramInvalid(name, 'expected a string');
  if (value.length === 0) throw paramMissing(name);
  return value;
}

export function optionalString(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw paramInvalid(name, 'expected a string');
  return value;
}

/** `undefined` when absent, `null` when explicitly cleared. */
export function nullableString(body: Body, name: string): string | null | undefined {
  const value = body[name];
  if (value === null) return null;
  return optionalString(body, name);
}

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw paramInvalid(name, 'expected a boolean');
  return value;
}

export function optionalInteger(body: Body, name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw paramInvalid(name, 'expected an integer');
  if (value < min) throw paramInvalid(name, `must be at least ${min}`);
  return value;
}

export function optionalObject(body: Body, name: string): Record<string, unknown> | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw paramInvalid(name, 'expected an object');
  return value as Record<string, unknown>;
}

export function optionalStringArray(body: Body, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw paramInvalid(name, 'expected an array of strings');
  }
  return value as string[];
}

/** Query values: `limit`/`offset` style integers. */
export function queryInteger(query: URLSearchParams, name: string, fallback: number, min = 0, max = 500): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw paramInvalid(name, 'expected an integer');
  const value = Number(raw);
  if (value < min || value > max) throw paramInvalid(name, `must be between ${min} and ${max}`);
  return value;
}

export function queryStrings(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .filter((v) => v !== '');
}
