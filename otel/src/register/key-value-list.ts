/** One entry of a `key=value` list, split at its first `=`, both sides trimmed, nothing decoded yet. */
export interface KeyValueEntry {
  readonly key: string;
  /** `null` when the entry has no `=` at all. */
  readonly value: string | null;
}

/**
 * Splits the comma-separated `key=value` lists of the OpenTelemetry environment variables (`OTEL_EXPORTER_OTLP_HEADERS`,
 * `OTEL_RESOURCE_ATTRIBUTES`): blank entries are skipped, whitespace around keys and values is trimmed. What a valid
 * key or value is differs per variable, so checking and percent-decoding are the caller's.
 */
export function splitKeyValueList(list: string): KeyValueEntry[] {
  const entries: KeyValueEntry[] = [];
  for (const entry of list.split(',')) {
    if (entry.trim() === '') continue;
    const equals = entry.indexOf('=');
    entries.push(
      equals < 0
        ? { key: entry.trim(), value: null }
        : { key: entry.slice(0, equals).trim(), value: entry.slice(equals + 1).trim() },
    );
  }
  return entries;
}

/** Percent-decodes UTF-8 (RFC 3986; `+` stays `+`), or `undefined` when the text is not valid percent-encoding. */
export function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
