/**
 * Typed readers for the Backend API's snake_case JSON. A field of the wrong type throws {@link ResourceShapeError}
 * naming the field (never its value); absent optional fields get Clerk's defaults.
 */
export type Json = Record<string, unknown>;

export class ResourceShapeError extends Error {
  readonly field: string;
  constructor(resource: string, field: string, expected: string) {
    super(`${resource}.${field} is not ${expected}`);
    this.name = 'ResourceShapeError';
    this.field = `${resource}.${field}`;
  }
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, resource: string): Json {
  if (!isJson(value)) throw new ResourceShapeError(resource, '(root)', 'an object');
  return value;
}

export function requiredString(json: Json, resource: string, key: string): string {
  const value = json[key];
  if (typeof value !== 'string' || value === '') throw new ResourceShapeError(resource, key, 'a non-empty string');
  return value;
}

export function optionalString(json: Json, resource: string, key: string): string | null {
  const value = json[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ResourceShapeError(resource, key, 'a string or null');
  return value;
}

export function stringOr(json: Json, resource: string, key: string, fallback: string): string {
  return optionalString(json, resource, key) ?? fallback;
}

export function booleanOr(json: Json, resource: string, key: string, fallback: boolean): boolean {
  const value = json[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new ResourceShapeError(resource, key, 'a boolean');
  return value;
}

export function optionalNumber(json: Json, resource: string, key: string): number | null {
  const value = json[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ResourceShapeError(resource, key, 'a number');
  return value;
}

export function requiredNumber(json: Json, resource: string, key: string): number {
  const value = optionalNumber(json, resource, key);
  if (value === null) throw new ResourceShapeError(resource, key, 'a number');
  return value;
}

export function metadata(json: Json, resource: string, key: string): Record<string, any> {
  const value = json[key];
  if (value === undefined || value === null) return {};
  if (!isJson(value)) throw new ResourceShapeError(resource, key, 'an object');
  return value;
}

export function list<T>(json: Json, resource: string, key: string, read: (item: unknown) => T): T[] {
  const value = json[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ResourceShapeError(resource, key, 'an array');
  return value.map(read);
}

export function stringList(json: Json, resource: string, key: string): string[] {
  return list(json, resource, key, (item) => {
    if (typeof item !== 'string') throw new ResourceShapeError(resource, key, 'an array of strings');
    return item;
  });
}
