/**
 * Clerk's metadata merge: objects merge key by key, recursively; any other value replaces; a `null` value removes
 * the key. Returns a new object; inputs are not changed.
 */
export type Metadata = Record<string, unknown>;

export function mergeMetadata(current: Readonly<Metadata>, patch: Readonly<Metadata>): Metadata {
  const out: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
    } else if (isPlainObject(value) && isPlainObject(out[key])) {
      out[key] = mergeMetadata(out[key] as Metadata, value);
    } else {
      out[key] = isPlainObject(value) ? withoutNulls(value) : value;
    }
  }
  return out;
}

function withoutNulls(value: Metadata): Metadata {
  return mergeMetadata({}, value);
}

function isPlainObject(value: unknown): value is Metadata {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
